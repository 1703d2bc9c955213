package io.github.tokenstore.metrics;

import io.github.tokenstore.TokenStore;
import io.github.tokenstore.core.DaemonThreads;
import io.github.tokenstore.core.TokenCount;
import io.github.tokenstore.spi.TokenMetrics;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

/**
 * The library's {@link TokenMetrics} bean: {@link OpenTelemetryTokenMetrics} on the application's
 * {@code OpenTelemetry} bean (MicroProfile Telemetry provides one), else on {@link GlobalOpenTelemetry}.
 * The CDI extension measures the built-in store with it, and a {@code TokenService} built by the library
 * reports to it. Created when the application starts, so that {@code tokenstore.token.count} is reported
 * before the first token is used. If the metrics cannot be set up (an OpenTelemetry API too old, say)
 * the failure is logged as TOKENSTORE-0611 and nothing is measured.
 *
 * <p>An application that wants its own {@link TokenMetrics} declares it as an {@code @Alternative} with a
 * {@code @Priority}.
 */
@ApplicationScoped
public class TokenMetricsBean implements TokenMetrics {

    private static final System.Logger LOG = System.getLogger(TokenMetricsBean.class.getName());
    /** How old the stored-token count may get. */
    public static final Duration COUNT_MAX_AGE = Duration.ofSeconds(60);

    private final ExecutorService thread;
    private final TokenMetrics delegate;
    private final OpenTelemetryTokenMetrics instruments;

    /** For proxies. */
    protected TokenMetricsBean() {
        thread = null;
        delegate = TokenMetrics.NONE;
        instruments = null;
    }

    /** @param clock the {@code Clock} bean: how old the stored-token count is */
    @Inject
    public TokenMetricsBean(Instance<OpenTelemetry> openTelemetry, Instance<TokenStore> stores, Clock clock) {
        this(openTelemetry, stores, COUNT_MAX_AGE, clock);
    }

    TokenMetricsBean(Instance<OpenTelemetry> openTelemetry, Instance<TokenStore> stores, Duration countMaxAge,
                     Clock clock) {
        ExecutorService counter = DaemonThreads.single("tokenstore-token-count");
        TokenMetrics metrics = TokenMetrics.NONE;
        OpenTelemetryTokenMetrics closeable = null;
        try {
            OpenTelemetry otel = openTelemetry.isResolvable() ? openTelemetry.get() : GlobalOpenTelemetry.get();
            TokenCount count = new TokenCount(() -> stores.get().countTokens(), countMaxAge, clock,
                    counter);
            OpenTelemetryTokenMetrics otelMetrics = new OpenTelemetryTokenMetrics(otel, count::value);
            metrics = otelMetrics;
            closeable = otelMetrics;
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, MetricsMessages.metricsSetupFailed(e).getMessage());
        }
        this.thread = counter;
        this.delegate = metrics;
        this.instruments = closeable;
    }

    /** Creates the bean when the application starts. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Nothing more: being called creates the instance, which creates the instruments.
    }

    @Override
    public void tokenLookup(boolean hit) {
        delegate.tokenLookup(hit);
    }

    @Override
    public void refreshEnded(RefreshOutcome outcome) {
        delegate.refreshEnded(outcome);
    }

    @Override
    public void tokenEndpointCalled(EndpointOperation operation, long nanos, Throwable failure) {
        delegate.tokenEndpointCalled(operation, nanos, failure);
    }

    @Override
    public void storeOperation(String operation, long nanos, Throwable failure) {
        delegate.storeOperation(operation, nanos, failure);
    }

    @PreDestroy
    void stop() {
        try {
            if (instruments != null) {
                instruments.close();
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, MetricsMessages.metricsCloseFailed(e));
        } finally {
            thread.shutdownNow();
        }
    }
}
