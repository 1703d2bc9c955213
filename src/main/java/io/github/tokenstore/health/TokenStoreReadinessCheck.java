package io.github.tokenstore.health;

import io.github.tokenstore.TokenStore;
import io.github.tokenstore.core.DaemonThreads;
import io.github.tokenstore.core.StoreProbe;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * Readiness check {@value #NAME}: UP if the application's {@link TokenStore} (the built-in one or the
 * application's own) answers a lookup by id within {@link #TIMEOUT} ({@link StoreProbe}), DOWN with the
 * message ID of what failed otherwise. Data: {@code durationMs}, and when DOWN {@code error} (the ID,
 * e.g. {@code TOKENSTORE-0600}) and {@code errorType} (the exception class underneath); never a message
 * text, a user or a secret.
 */
@Readiness
@ApplicationScoped
public class TokenStoreReadinessCheck implements HealthCheck {

    /** The check's name. */
    public static final String NAME = "tokenstore-store";
    /** How long the store has to answer. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ExecutorService thread;
    private final StoreProbe probe;

    /** For proxies. */
    protected TokenStoreReadinessCheck() {
        thread = null;
        probe = null;
    }

    @Inject
    public TokenStoreReadinessCheck(Instance<TokenStore> stores) {
        this(stores, TIMEOUT);
    }

    TokenStoreReadinessCheck(Instance<TokenStore> stores, Duration timeout) {
        thread = DaemonThreads.single("tokenstore-health-probe");
        probe = new StoreProbe(stores::get, timeout, thread);
    }

    @Override
    public HealthCheckResponse call() {
        StoreProbe.Result result = probe.probe();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("durationMs", result.took().toMillis());
        if (result.failure() != null) {
            data.put("error", result.failure().messageId());
            Throwable root = result.failure();
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            data.put("errorType", root.getClass().getName());
        }
        return new HealthCheckResponse(NAME, result.up() ? HealthCheckResponse.Status.UP
                : HealthCheckResponse.Status.DOWN, Optional.of(data));
    }

    @PreDestroy
    void stop() {
        thread.shutdownNow();
    }
}
