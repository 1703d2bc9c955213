package io.github.tokenstore.cdi;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.core.CoreMessages;
import io.github.tokenstore.health.RefusedTokensCheck;
import io.github.tokenstore.health.TokenStoreReadinessCheck;
import io.github.tokenstore.testing.ForwardingTestStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.h2.tools.Server;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * With the MicroProfile Health API on the class path the extension registers two readiness checks; the
 * store check follows the store (a JPA store on an H2 server that stops, a custom store that fails), the
 * refused-token check is always UP.
 */
class HealthChecksTest {

    private org.eclipse.microprofile.config.Config config;

    /** Registers {@code values} as the configuration until the test ends. */
    void configure(Map<String, String> values) {
        config = TestConfig.register(values);
    }

    @AfterEach
    void releaseConfig() {
        if (config != null) {
            TestConfig.release(config);
        }
    }

    static List<HealthCheckResponse> readiness(WeldContainer container) {
        return container.select(HealthCheck.class, Readiness.Literal.INSTANCE).stream()
                .map(HealthCheck::call)
                .sorted(Comparator.comparing(HealthCheckResponse::getName))
                .toList();
    }

    @Test
    void aMemoryStoreIsUpAndNothingIsRefusedWithoutATokenService() {
        Map<String, String> values = Map.of("tokenstore.store", "memory");
        configure(values);
        try (WeldContainer c = Containers.weld().initialize()) {
            assertThat(c.getBeanManager().getExtension(TokenStoreExtension.class).healthRegistered()).isTrue();
            List<HealthCheckResponse> checks = readiness(c);

            assertThat(checks).extracting(HealthCheckResponse::getName)
                    .containsExactly("tokenstore-refused-tokens", "tokenstore-store");
            assertThat(checks.get(0).getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
            assertThat(checks.get(0).getData()).contains(Map.of("tokenService", "none"));
            assertThat(checks.get(1).getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
            assertThat(checks.get(1).getData().orElseThrow()).containsOnlyKeys("durationMs");
        }
    }

    @Test
    void aJpaStoreGoesDownWhenItsDatabaseStops() throws SQLException {
        Server h2 = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        try {
            Map<String, String> values = Map.of("tokenstore.jpa.url",
                    "jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/mem:health;DB_CLOSE_DELAY=-1",
                    "tokenstore.jpa.user", "sa");
            configure(values);
        try (WeldContainer c = Containers.weld().initialize()) {
                HealthCheck check = c.select(TokenStoreReadinessCheck.class, Readiness.Literal.INSTANCE).get();
                assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);

                h2.stop();
                HealthCheckResponse down = check.call();

                // The pooled connections are gone with the server: the lookup fails at once, as a store failure.
                assertThat(down.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
                assertThat(down.getData().orElseThrow()).containsOnlyKeys("durationMs", "error", "errorType")
                        .contains(entry("error", "TOKENSTORE-0020"));
                assertThat((long) down.getData().orElseThrow().get("durationMs"))
                        .isLessThan(TokenStoreReadinessCheck.TIMEOUT.toMillis());
                assertThat(down.getData().orElseThrow().get("errorType").toString()).startsWith("org.h2.");
            }
        } finally {
            h2.stop();
        }
    }

    @Test
    void aFailingCustomStoreIsDownWithTheStoresMessageIdAndNoText() {
        configure(Map.of());
        try (WeldContainer c = Containers.weld(FailingStoreProducer.class).initialize()) {
            HealthCheckResponse store = readiness(c).get(1);

            assertThat(store.getName()).isEqualTo(TokenStoreReadinessCheck.NAME);
            assertThat(store.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(store.getData().orElseThrow()).containsOnlyKeys("durationMs", "error", "errorType")
                    .contains(entry("error", "TOKENSTORE-0020"), entry("errorType", "java.io.IOException"));
            assertThat(RefusedTokensCheck.NAME).isEqualTo(readiness(c).get(0).getName());
        }
    }

    /** A custom store whose storage fails, with a user name in the underlying message. */
    static class FailingStoreProducer {
        @Produces
        @ApplicationScoped
        TokenStore store() {
            return new FailingStore();
        }
    }

    /** Fails every lookup by id; the rest works in memory. */
    static final class FailingStore extends ForwardingTestStore {
        @Override
        public Optional<OAuthToken> findTokenById(String id) {
            throw CoreMessages.storeFailed("findTokenById", "a custom store",
                    new IOException("disk of ana@example.com is gone"));
        }
    }
}
