package io.github.tokenstore.metrics;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.core.MeasuredTokenStore;
import io.github.tokenstore.memory.InMemoryTokenStore;
import io.github.tokenstore.spi.TokenMetrics.EndpointOperation;
import io.github.tokenstore.spi.TokenMetrics.RefreshOutcome;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

/** The adapter alone: names, instruments, units, attributes and values on a real OpenTelemetry SDK. */
class MetricsOpenTelemetryTest {

    final RecordedMetrics recorded = new RecordedMetrics();
    final AtomicLong stored = new AtomicLong(-1);
    final OpenTelemetryTokenMetrics metrics = new OpenTelemetryTokenMetrics(recorded.openTelemetry(),
            () -> stored.get() < 0 ? OptionalLong.empty() : OptionalLong.of(stored.get()));

    @AfterEach
    void close() {
        metrics.close();
        recorded.close();
    }

    @Test
    void countsRefreshesByOutcomeAndLookupsByCacheResult() {
        metrics.refreshEnded(RefreshOutcome.SUCCESS);
        metrics.refreshEnded(RefreshOutcome.SUCCESS);
        metrics.refreshEnded(RefreshOutcome.REFUSED);
        metrics.refreshEnded(RefreshOutcome.THROTTLED);
        metrics.tokenLookup(true);
        metrics.tokenLookup(true);
        metrics.tokenLookup(true);
        metrics.tokenLookup(false);

        Map<String, MetricData> all = recorded.collect();
        MetricData refreshes = all.get("tokenstore.refreshes");
        assertThat(refreshes.getType()).isEqualTo(MetricDataType.LONG_SUM);
        assertThat(refreshes.getLongSumData().isMonotonic()).isTrue();
        assertThat(refreshes.getUnit()).isEqualTo("{refresh}");
        assertThat(RecordedMetrics.sums(refreshes)).containsExactly(
                entry("tokenstore.refresh.outcome=refused", 1L),
                entry("tokenstore.refresh.outcome=success", 2L),
                entry("tokenstore.refresh.outcome=throttled", 1L));
        MetricData lookups = all.get("tokenstore.cache.lookups");
        assertThat(lookups.getUnit()).isEqualTo("{lookup}");
        assertThat(lookups.getLongSumData().isMonotonic()).isTrue();
        assertThat(RecordedMetrics.sums(lookups)).containsExactly(
                entry("tokenstore.cache.result=hit", 3L), entry("tokenstore.cache.result=miss", 1L));
    }

    @Test
    void recordsDurationsInSecondsWithTheErrorTypeOfFailures() {
        metrics.tokenEndpointCalled(EndpointOperation.REFRESH, 250_000_000L, null);
        metrics.tokenEndpointCalled(EndpointOperation.GRANT, 1_500_000_000L, new ConnectException("refused"));
        metrics.storeOperation("findToken", 2_000_000L, null);
        metrics.storeOperation("saveToken", 3_000_000L, new TokenStoreException("TOKENSTORE-0020", "x", null));

        Map<String, MetricData> all = recorded.collect();
        MetricData endpoint = all.get("tokenstore.token_endpoint.duration");
        assertThat(endpoint.getType()).isEqualTo(MetricDataType.HISTOGRAM);
        assertThat(endpoint.getUnit()).isEqualTo("s");
        assertThat(RecordedMetrics.totals(endpoint)).hasSize(2)
                .hasEntrySatisfying("tokenstore.token_endpoint.operation=refresh",
                        v -> assertThat(v).isCloseTo(0.25, within(1e-9)))
                .hasEntrySatisfying("error.type=java.net.ConnectException,tokenstore.token_endpoint.operation=grant",
                        v -> assertThat(v).isCloseTo(1.5, within(1e-9)));
        MetricData store = all.get("tokenstore.store.operation.duration");
        assertThat(store.getUnit()).isEqualTo("s");
        assertThat(RecordedMetrics.totals(store)).hasSize(2)
                .hasEntrySatisfying("tokenstore.store.operation=findToken",
                        v -> assertThat(v).isCloseTo(0.002, within(1e-9)))
                .hasEntrySatisfying("error.type=io.github.tokenstore.TokenStoreException,"
                        + "tokenstore.store.operation=saveToken", v -> assertThat(v).isCloseTo(0.003, within(1e-9)));
        // Bucket bounds suited to calls of milliseconds to seconds, not the SDK's default (0 to 10 000).
        assertThat(endpoint.getHistogramData().getPoints().iterator().next().getBoundaries())
                .startsWith(0.001, 0.0025).endsWith(10.0, 30.0);
    }

    @Test
    void reportsTheStoredTokenCountOnlyWhenOneIsKnown() {
        assertThat(recorded.collect()).doesNotContainKey("tokenstore.token.count");

        stored.set(42);
        MetricData count = recorded.collect().get("tokenstore.token.count");
        assertThat(count.getType()).isEqualTo(MetricDataType.LONG_SUM);
        assertThat(count.getLongSumData().isMonotonic()).isFalse();
        assertThat(count.getUnit()).isEqualTo("{token}");
        assertThat(RecordedMetrics.sums(count)).containsExactly(entry("", 42L));
    }

    @Test
    void measuresEveryOperationOfAMeasuredStoreAndPassesFailuresOn() {
        MeasuredTokenStore store = new MeasuredTokenStore(new InMemoryTokenStore(), metrics);
        OAuthToken saved = store.saveToken(OAuthToken.builder().userSignature(new UserSignature("ana@example.com"))
                .refreshToken("1000.secret-refresh").accessToken("1000.secret-access").build());
        store.findToken(OAuthToken.builder().userSignature(new UserSignature("ana@example.com")).build());
        store.findTokenById(saved.id());
        store.getTokens();
        assertThat(store.countTokens()).isEqualTo(1);
        store.deleteToken(saved.id());
        store.deleteTokens();
        assertThatThrownBy(() -> store.findTokenById("")).isInstanceOf(IllegalArgumentException.class);

        Map<String, MetricData> all = recorded.collect();
        assertThat(RecordedMetrics.counts(all.get("tokenstore.store.operation.duration"))).containsExactly(
                entry("error.type=java.lang.IllegalArgumentException,tokenstore.store.operation=findTokenById", 1L),
                entry("tokenstore.store.operation=countTokens", 1L),
                entry("tokenstore.store.operation=deleteToken", 1L),
                entry("tokenstore.store.operation=deleteTokens", 1L),
                entry("tokenstore.store.operation=findToken", 1L),
                entry("tokenstore.store.operation=findTokenById", 1L),
                entry("tokenstore.store.operation=getTokens", 1L),
                entry("tokenstore.store.operation=saveToken", 1L));
        assertThat(String.join(" ", RecordedMetrics.allAttributes(all.values())))
                .doesNotContain("secret", "ana@example.com");
    }
}
