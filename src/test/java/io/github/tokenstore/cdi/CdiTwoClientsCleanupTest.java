package io.github.tokenstore.cdi;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenDeleted;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.oauth.FakeAccountsServer;
import io.github.tokenstore.testing.Await;
import io.github.tokenstore.testing.FakeOAuthServer;
import io.github.tokenstore.testing.FakeOAuthServer.Mode;
import io.github.tokenstore.testing.MutableClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The idle-token clean-up of an application with two OAuth clients (issue 13): each swept token is revoked by
 * its own client's provider, Zoho's at the fake accounts server and Salesforce's at the standard fake.
 */
@EnableWeld
class CdiTwoClientsCleanupTest {

    static final FakeAccountsServer ZOHO = CrmCallFixtures.accountsServer();
    static final FakeOAuthServer SALESFORCE = salesforce();
    static final String ANA = "ana@zylker.example";

    @RegisterExtension
    static final TestConfig CONFIG = TestConfig.of("tokenstore.store", "memory",
            "tokenstore.oauth.client-id", "1000.CLIENT", "tokenstore.oauth.client-secret", "s3cret",
            "tokenstore.oauth.accounts-url", ZOHO.url().toString(),
            "tokenstore.clients.salesforce.provider", "salesforce",
            "tokenstore.clients.salesforce.issuer", SALESFORCE.url().toString(),
            "tokenstore.clients.salesforce.client-id", FakeOAuthServer.CLIENT_ID,
            "tokenstore.clients.salesforce.client-secret", FakeOAuthServer.CLIENT_SECRET,
            "tokenstore.cleanup.idle-after", "PT1H",
            "tokenstore.cleanup.interval", "PT0.2S");

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Containers.weld(Audit.class, TestClock.class)).build();

    private static FakeOAuthServer salesforce() {
        try {
            return new FakeOAuthServer(Mode.ROTATING_STRICT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        ZOHO.close();
        SALESFORCE.close();
    }

    /** Records deletions. */
    @ApplicationScoped
    static class Audit {
        private final List<String> deleted = new CopyOnWriteArrayList<>();

        void deleted(@Observes TokenDeleted e) {
            deleted.add(e.user().name());
        }

        List<String> deleted() {
            return deleted;
        }
    }

    @Test
    void eachSweptTokenIsRevokedByItsOwnClientsProvider() {
        TokenStore store = weld.select(TokenStore.class).get();
        String refresh = SALESFORCE.issueRefreshToken(ANA, "api");
        store.saveToken(CrmCallFixtures.validToken(ANA));
        store.saveToken(OAuthToken.builder().user(ANA).client("salesforce").clientId(FakeOAuthServer.CLIENT_ID)
                .refreshToken(refresh).accessToken("access-sf").expiresAt(TestClock.T0.plus(Duration.ofHours(1)))
                .dataCenter("salesforce").build());
        weld.select(MutableClock.class).get().advance(Duration.ofMinutes(61));

        Audit audit = weld.select(Audit.class).get();
        Await.until("a sweep deleted both tokens", () -> audit.deleted().size() == 2);

        assertThat(ZOHO.revokeCalls.get()).isEqualTo(1);
        assertThat(ZOHO.revokeQueries.get(0)).containsEntry("token", "refresh-" + ANA);
        assertThat(SALESFORCE.revokeCalls.get()).isEqualTo(1);
        assertThat(SALESFORCE.isAlive(refresh)).isFalse();
        assertThat(audit.deleted()).containsExactly(ANA, ANA);
    }
}
