package io.github.tokenstore.cdi;

import io.github.tokenstore.CrmCall;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.health.RefusedTokensCheck;
import io.github.tokenstore.oauth.FakeAccountsServer;
import io.github.tokenstore.oauth.TokenService;
import io.github.tokenstore.oauth.ZohoAccountsClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that produces its own {@code TokenService}: that one is injected and used by
 * {@code @CrmCall} and the built-in store's cache eviction, with no ambiguity and no OAuth keys; the
 * keys of the library's own service are not an error but a warning (TOKENSTORE-0122).
 */
@EnableWeld
class CrmCallApplicationTokenServiceTest {

    static final FakeAccountsServer ACCOUNTS = CrmCallFixtures.accountsServer();
    static final String ANA = "ana@zylker.example";
    static final List<String> WARNINGS = new CopyOnWriteArrayList<>();
    static final Logger EXTENSION_LOG = Logger.getLogger(TokenStoreExtension.class.getName());
    static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                WARNINGS.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    // No tokenstore.oauth.* key; revoke-on-delete alone would be TOKENSTORE-0702 beside the library's service.
    @RegisterExtension
    static final TestConfig CONFIG = TestConfig.of("tokenstore.store", "memory", "tokenstore.revoke-on-delete",
            "true");

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Containers.weld(OwnService.class, CrmCallFixtures.Contacts.class)).build();

    @BeforeAll
    static void captureWarnings() {
        EXTENSION_LOG.addHandler(CAPTURE);
    }

    @AfterAll
    static void stop() {
        EXTENSION_LOG.removeHandler(CAPTURE);
        ACCOUNTS.close();
    }

    /** The application's service: its own client and policy, on the store bean in use. */
    @ApplicationScoped
    static class OwnService {
        static final AtomicInteger CREATED = new AtomicInteger();
        static final AtomicInteger CLOSED = new AtomicInteger();

        @Produces
        @Singleton
        TokenService tokenService(TokenStore store) {
            CREATED.incrementAndGet();
            return new TokenService(store, ZohoAccountsClient.builder().accountsUrl(ACCOUNTS.url())
                    .clientId("1000.OWN").clientSecret("own-secret").build());
        }

        void close(@Disposes TokenService service) {
            CLOSED.incrementAndGet();
            service.close();
        }
    }

    @Test
    void theApplicationsServiceIsTheOneInjectedAndUsedByCrmCall() {
        BeanManager beans = weld.getBeanManager();
        Bean<?> bean = beans.resolve(beans.getBeans(TokenService.class));
        TokenStore store = weld.select(TokenStore.class).get();
        store.saveToken(CrmCallFixtures.expiredToken(ANA));
        int refreshesBefore = ACCOUNTS.refreshCalls.get();

        String refreshed = weld.select(CrmCallFixtures.Contacts.class).get().contacts(ANA);

        assertThat(bean.getBeanClass()).isEqualTo(OwnService.class);
        assertThat(weld.select(TokenService.class).isAmbiguous()).isFalse();
        assertThat(refreshed).startsWith("access-refreshed-");
        assertThat(ACCOUNTS.refreshCalls.get() - refreshesBefore).isEqualTo(1);
        assertThat(ACCOUNTS.forms.get(ACCOUNTS.forms.size() - 1)).containsEntry("client_id", "1000.OWN");
        assertThat(OwnService.CREATED.get()).as("one service for the injection and the interceptor").isEqualTo(1);
        assertThat(weld.select(TokenService.class).get().currentToken(Tokens.user(ANA).userSignature())
                .accessToken()).isEqualTo(refreshed);

        // A save through the built-in store evicts the application's service's cached token.
        store.saveToken(CrmCallFixtures.validToken(ANA).toBuilder().accessToken("access-saved").build());
        assertThat(weld.select(CrmCallFixtures.Contacts.class).get().contacts(ANA)).isEqualTo("access-saved");

        // The refused-tokens check counts the application's service (no "tokenService: none").
        HealthCheckResponse health = weld.select(RefusedTokensCheck.class, Readiness.Literal.INSTANCE).get().call();
        assertThat(health.getData().orElseThrow()).containsEntry("refusedTokens", 0L);
    }

    @Test
    void keysOfTheLibrarysServiceAreAWarningNotAProblem_0122() {
        weld.select(TokenStore.class).get();

        assertThat(WARNINGS).contains("TOKENSTORE-0122: the application's TokenService bean "
                + "io.github.tokenstore.cdi.CrmCallApplicationTokenServiceTest$OwnService#tokenService() replaces "
                + "the library's, so these keys have no effect: tokenstore.revoke-on-delete; configure that service "
                + "where it is built, or remove the keys");
    }
}
