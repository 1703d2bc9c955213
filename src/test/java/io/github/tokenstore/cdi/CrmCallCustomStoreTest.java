package io.github.tokenstore.cdi;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.oauth.FakeAccountsServer;
import io.github.tokenstore.testing.ForwardingTestStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** With the application's own {@code TokenStore} bean, a refreshed token is saved there. */
@EnableWeld
class CrmCallCustomStoreTest {

    static final FakeAccountsServer ACCOUNTS = CrmCallFixtures.accountsServer();
    static final String ANA = "ana@zylker.example";

    @RegisterExtension
    static final TestConfig CONFIG = TestConfig.of("tokenstore.oauth.client-id", "1000.CLIENT",
            "tokenstore.oauth.client-secret", "s3cret", "tokenstore.oauth.accounts-url", ACCOUNTS.url().toString());

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Containers.weld(VaultStore.class, CrmCallFixtures.Contacts.class)).build();

    @AfterAll
    static void stopServer() {
        ACCOUNTS.close();
    }

    /** The application's store, counting its reads and writes. */
    @ApplicationScoped
    static class VaultStore extends ForwardingTestStore {
        final AtomicInteger finds = new AtomicInteger();
        final AtomicInteger saves = new AtomicInteger();

        int finds() {
            return finds.get();
        }

        int saves() {
            return saves.get();
        }

        @Override
        public Optional<OAuthToken> findToken(OAuthToken token) {
            finds.incrementAndGet();
            return super.findToken(token);
        }

        @Override
        public OAuthToken saveToken(OAuthToken token) {
            saves.incrementAndGet();
            return super.saveToken(token);
        }
    }

    @Test
    void anExpiredTokenIsRefreshedOnceAndSavedInTheApplicationsStore() {
        VaultStore store = weld.select(VaultStore.class).get();
        store.saveToken(CrmCallFixtures.expiredToken(ANA));
        int refreshesBefore = ACCOUNTS.refreshCalls.get();

        String first = weld.select(CrmCallFixtures.Contacts.class).get().contacts(ANA);
        int findsAfterRefresh = store.finds();
        for (int i = 0; i < 100; i++) {
            assertThat(weld.select(CrmCallFixtures.Contacts.class).get().contacts(ANA)).isEqualTo(first);
        }

        assertThat(first).startsWith("access-refreshed-");
        assertThat(ACCOUNTS.refreshCalls.get() - refreshesBefore).isEqualTo(1);
        assertThat(store.saves()).as("the seed and the refreshed token").isEqualTo(2);
        assertThat(store.findToken(Tokens.user(ANA)).orElseThrow().accessToken()).isEqualTo(first);
        assertThat(store.finds() - 1).as("no store read on the hot path").isEqualTo(findsAfterRefresh);
    }
}
