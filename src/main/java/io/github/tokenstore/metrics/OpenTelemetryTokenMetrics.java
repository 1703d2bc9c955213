package io.github.tokenstore.metrics;

import io.github.tokenstore.spi.TokenMetrics;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongUpDownCounter;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * {@link TokenMetrics} on the OpenTelemetry metrics API, named after OpenTelemetry's semantic conventions
 * (lower-case dotted names in the {@code tokenstore} namespace, UCUM units, durations as histograms in
 * seconds, {@code error.type} on failures). The instruments (docs/operations.md, "Metrics"):
 * <ul>
 *   <li>{@value #REFRESHES}: counter, {@code {refresh}}, by {@value #REFRESH_OUTCOME}</li>
 *   <li>{@value #LOOKUPS}: counter, {@code {lookup}}, by {@value #CACHE_RESULT} ({@code hit}/{@code miss})</li>
 *   <li>{@value #ENDPOINT_DURATION}: histogram, {@code s}, by {@value #ENDPOINT_OPERATION} and
 *       {@code error.type}</li>
 *   <li>{@value #STORE_DURATION}: histogram, {@code s}, by {@value #STORE_OPERATION} and
 *       {@code error.type}</li>
 *   <li>{@value #TOKEN_COUNT}: asynchronous up-down counter, {@code {token}}, no attributes</li>
 * </ul>
 * Attribute values come from small fixed sets (outcomes, operation names, exception class names): never a
 * user, a token or a message text. Thread-safe; recording never throws.
 */
public final class OpenTelemetryTokenMetrics implements TokenMetrics, AutoCloseable {

    /** The instrumentation scope name. */
    public static final String SCOPE = "io.github.tokenstore";

    public static final String REFRESHES = "tokenstore.refreshes";
    public static final String LOOKUPS = "tokenstore.cache.lookups";
    public static final String ENDPOINT_DURATION = "tokenstore.token_endpoint.duration";
    public static final String STORE_DURATION = "tokenstore.store.operation.duration";
    public static final String TOKEN_COUNT = "tokenstore.token.count";

    public static final String REFRESH_OUTCOME = "tokenstore.refresh.outcome";
    public static final String CACHE_RESULT = "tokenstore.cache.result";
    public static final String ENDPOINT_OPERATION = "tokenstore.token_endpoint.operation";
    public static final String STORE_OPERATION = "tokenstore.store.operation";
    /** The semantic conventions' attribute for what a failed operation failed with. */
    public static final String ERROR_TYPE = "error.type";

    private static final AttributeKey<String> OUTCOME_KEY = AttributeKey.stringKey(REFRESH_OUTCOME);
    private static final AttributeKey<String> RESULT_KEY = AttributeKey.stringKey(CACHE_RESULT);
    private static final AttributeKey<String> ENDPOINT_KEY = AttributeKey.stringKey(ENDPOINT_OPERATION);
    private static final AttributeKey<String> STORE_KEY = AttributeKey.stringKey(STORE_OPERATION);
    private static final AttributeKey<String> ERROR_KEY = AttributeKey.stringKey(ERROR_TYPE);
    /** Bucket bounds in seconds for calls that take milliseconds to seconds. */
    private static final List<Double> BOUNDARIES =
            List.of(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0);
    private static final double NANOS_PER_SECOND = 1e9;

    private final LongCounter refreshes;
    private final LongCounter lookups;
    private final DoubleHistogram endpointDuration;
    private final DoubleHistogram storeDuration;
    private final ObservableLongUpDownCounter tokenCount;
    private final Attributes hit = Attributes.of(RESULT_KEY, "hit");
    private final Attributes miss = Attributes.of(RESULT_KEY, "miss");
    private final Map<RefreshOutcome, Attributes> outcomes = new EnumMap<>(RefreshOutcome.class);

    /**
     * Creates the instruments on {@code openTelemetry}'s meter {@value #SCOPE}.
     *
     * @param storedTokens the number of stored tokens when the SDK collects; empty for no point (see
     *                     {@link io.github.tokenstore.core.TokenCount}); {@code null} for no
     *                     {@value #TOKEN_COUNT} instrument
     * @throws IllegalArgumentException if {@code openTelemetry} is null
     */
    public OpenTelemetryTokenMetrics(OpenTelemetry openTelemetry, Supplier<OptionalLong> storedTokens) {
        if (openTelemetry == null) {
            throw new IllegalArgumentException("OpenTelemetryTokenMetrics: openTelemetry is null");
        }
        Meter meter = openTelemetry.getMeter(SCOPE);
        refreshes = meter.counterBuilder(REFRESHES).setUnit("{refresh}")
                .setDescription("Refreshes of users' access tokens by the token service, by outcome").build();
        lookups = meter.counterBuilder(LOOKUPS).setUnit("{lookup}")
                .setDescription("Tokens asked of the token service, served from memory (hit) or not (miss)").build();
        endpointDuration = meter.histogramBuilder(ENDPOINT_DURATION).setUnit("s")
                .setDescription("Duration of calls to the OAuth accounts server's token endpoint")
                .setExplicitBucketBoundariesAdvice(BOUNDARIES).build();
        storeDuration = meter.histogramBuilder(STORE_DURATION).setUnit("s")
                .setDescription("Duration of token store operations")
                .setExplicitBucketBoundariesAdvice(BOUNDARIES).build();
        tokenCount = storedTokens == null ? null : meter.upDownCounterBuilder(TOKEN_COUNT).setUnit("{token}")
                .setDescription("Tokens in the token store (counted at most once a minute)")
                .buildWithCallback(m -> storedTokens.get().ifPresent(m::record));
        for (RefreshOutcome o : RefreshOutcome.values()) {
            outcomes.put(o, Attributes.of(OUTCOME_KEY, o.value()));
        }
    }

    @Override
    public void tokenLookup(boolean isHit) {
        lookups.add(1, isHit ? hit : miss);
    }

    @Override
    public void refreshEnded(RefreshOutcome outcome) {
        refreshes.add(1, outcomes.get(outcome));
    }

    @Override
    public void tokenEndpointCalled(EndpointOperation operation, long nanos, Throwable failure) {
        endpointDuration.record(nanos / NANOS_PER_SECOND, failure == null
                ? Attributes.of(ENDPOINT_KEY, operation.value())
                : Attributes.of(ENDPOINT_KEY, operation.value(), ERROR_KEY, failure.getClass().getName()));
    }

    @Override
    public void storeOperation(String operation, long nanos, Throwable failure) {
        storeDuration.record(nanos / NANOS_PER_SECOND, failure == null
                ? Attributes.of(STORE_KEY, operation)
                : Attributes.of(STORE_KEY, operation, ERROR_KEY, failure.getClass().getName()));
    }

    /** Stops the {@value #TOKEN_COUNT} callback. */
    @Override
    public void close() {
        if (tokenCount != null) {
            tokenCount.close();
        }
    }
}
