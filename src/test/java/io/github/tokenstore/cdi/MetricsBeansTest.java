package io.github.tokenstore.cdi;

import io.github.tokenstore.TokenStore;
import io.github.tokenstore.metrics.RecordedMetrics;
import io.github.tokenstore.metrics.TokenMetricsBean;
import io.github.tokenstore.spi.TokenMetrics;
import io.github.tokenstore.testing.Await;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.metrics.data.MetricData;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * With the OpenTelemetry API on the class path the extension registers the metrics bean: on the
 * application's {@code OpenTelemetry} bean if there is one, else on {@link GlobalOpenTelemetry}; the
 * built-in store is measured and the stored tokens are counted.
 */
class MetricsBeansTest {

    static RecordedMetrics recorded;
    Config config;

    @BeforeEach
    void start() {
        recorded = new RecordedMetrics();
        config = TestConfig.register(Map.of("tokenstore.store", "memory"));
    }

    @AfterEach
    void stop() {
        TestConfig.release(config);
        recorded.close();
    }

    /** The application's OpenTelemetry, as MicroProfile Telemetry gives it. */
    static class OpenTelemetryProducer {
        @Produces
        @Singleton
        OpenTelemetry openTelemetry() {
            return recorded.openTelemetry();
        }
    }

    @Test
    void measuresTheBuiltInStoreAndCountsItsTokensOnTheApplicationsOpenTelemetry() throws InterruptedException {
        try (WeldContainer c = Containers.weld(OpenTelemetryProducer.class).initialize()) {
            assertThat(c.getBeanManager().getExtension(TokenStoreExtension.class).metricsRegistered()).isTrue();
            TokenStore store = c.select(TokenStore.class).get();
            store.saveToken(Tokens.of("ana@example.com"));
            store.saveToken(Tokens.of("ben@example.com"));
            store.findToken(Tokens.user("ana@example.com"));

            Map<String, MetricData> metrics = awaitTokenCount();

            assertThat(c.select(TokenMetrics.class).get()).isInstanceOf(TokenMetricsBean.class);
            assertThat(RecordedMetrics.sums(metrics.get("tokenstore.token.count"))).containsExactly(entry("", 2L));
            assertThat(RecordedMetrics.counts(metrics.get("tokenstore.store.operation.duration"))).containsExactly(
                    entry("tokenstore.store.operation=countTokens", 1L),
                    entry("tokenstore.store.operation=findToken", 1L),
                    entry("tokenstore.store.operation=saveToken", 2L));
            assertThat(String.join(" ", RecordedMetrics.allAttributes(metrics.values()))).doesNotContain("@");
        }
    }

    @Test
    void withoutAnOpenTelemetryBeanUsesTheGlobalOne() throws InterruptedException {
        GlobalOpenTelemetry.resetForTest();
        GlobalOpenTelemetry.set(recorded.openTelemetry());
        try (WeldContainer c = Containers.weld().initialize()) {
            c.select(TokenStore.class).get().saveToken(Tokens.of("ana@example.com"));

            Map<String, MetricData> metrics = awaitTokenCount();

            assertThat(RecordedMetrics.sums(metrics.get("tokenstore.token.count"))).containsExactly(entry("", 1L));
            assertThat(RecordedMetrics.counts(metrics.get("tokenstore.store.operation.duration")))
                    .containsEntry("tokenstore.store.operation=saveToken", 1L);
        } finally {
            GlobalOpenTelemetry.resetForTest();
        }
    }

    /** Collects until the token count, which is counted in the background after the first collection, shows. */
    static Map<String, MetricData> awaitTokenCount() {
        AtomicReference<Map<String, MetricData>> metrics = new AtomicReference<>();
        Await.until("the metrics show tokenstore.token.count", () -> {
            metrics.set(recorded.collect());
            return metrics.get().containsKey("tokenstore.token.count");
        });
        return metrics.get();
    }
}
