package io.github.tokenstore.cdi;

import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.oauth.TokenService;
import io.github.tokenstore.oauth.ZohoAccountsClient;
import io.github.tokenstore.testing.Await;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The idle-token clean-up beside an application's own {@code TokenService}: a swept token leaves that
 * service's cache too, so the service does not go on serving a token the store no longer has.
 */
@EnableWeld
class CdiCleanupApplicationTokenServiceTest {

    static final String URL = "jdbc:h2:mem:cdi-cleanup-own-service;DB_CLOSE_DELAY=-1";
    static final UserSignature ANA = new UserSignature("ana@zylker.example");

    @RegisterExtension
    static final TestConfig CONFIG = TestConfig.of("tokenstore.jpa.url", URL,
            "tokenstore.cleanup.idle-after", "PT1H", "tokenstore.cleanup.interval", "PT0.2S");

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Containers.weld(OwnService.class, CdiCleanupTest.Audit.class,
            TestClock.class)).build();

    /** The application's service; its accounts server is never asked while the token is valid. */
    @ApplicationScoped
    static class OwnService {
        @Produces
        @Singleton
        TokenService tokenService(TokenStore store) {
            return new TokenService(store, ZohoAccountsClient.builder().accountsUrl(URI.create("http://127.0.0.1:9"))
                    .clientId("1000.OWN").clientSecret("own-secret").build());
        }

        void close(@Disposes TokenService service) {
            service.close();
        }
    }

    @Test
    void aSweptTokenLeavesTheApplicationsServiceCache() throws Exception {
        TokenService service = weld.select(TokenService.class).get();
        weld.select(TokenStore.class).get().saveToken(CrmCallFixtures.validToken(ANA.name()));
        assertThat(service.currentToken(ANA).accessToken()).isEqualTo("access-" + ANA.name()); // now cached
        try (Connection c = DriverManager.getConnection(URL, "", "");
             PreparedStatement s = c.prepareStatement("UPDATE tokenstore_token SET last_used_at = ? WHERE user_name = ?")) {
            // Two hours before the clock bean's time, which the sweeps read.
            s.setLong(1, TestClock.T0.minus(Duration.ofHours(2)).toEpochMilli());
            s.setString(2, ANA.name());
            assertThat(s.executeUpdate()).isOne();
        }

        CdiCleanupTest.Audit audit = weld.select(CdiCleanupTest.Audit.class).get();
        Await.until("a sweep deleted Ana's token", () -> !audit.deleted().isEmpty());

        assertThat(audit.deleted()).containsExactly(ANA.name());
        // Served from the cache, it would still be the swept token; evicted, the store has none.
        assertThatThrownBy(() -> service.currentToken(ANA)).isInstanceOfSatisfying(TokenStoreException.class,
                e -> assertThat(e.messageId()).isEqualTo("TOKENSTORE-0260"));
    }
}
