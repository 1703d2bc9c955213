package io.github.tokenstore.health;

import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.oauth.TokenService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Readiness check {@value #NAME}: how many users' tokens can no longer be refreshed
 * ({@link TokenService#refusedTokenCount()}: the accounts server refused their refresh token or grant
 * code, and they have not authorized again). Always UP: one user's revoked token is that user's problem,
 * and taking the instance out of rotation (readiness DOWN) or restarting it (liveness DOWN) would fix
 * nothing and hurt every other user. It is a readiness check so that it shows in {@code /health/ready}
 * next to the store's check, where operators look. Data: {@code refusedTokens} (a count, never a name),
 * or {@code tokenService} = {@code none} when the application has no {@code TokenService} bean (or its
 * OAuth client is not configured).
 */
@Readiness
@ApplicationScoped
public class RefusedTokensCheck implements HealthCheck {

    /** The check's name. */
    public static final String NAME = "tokenstore-refused-tokens";

    private final Instance<TokenService> services;

    /** For proxies. */
    protected RefusedTokensCheck() {
        services = null;
    }

    @Inject
    public RefusedTokensCheck(Instance<TokenService> services) {
        this.services = services;
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, Object> data = new LinkedHashMap<>();
        TokenService service = null;
        if (services.isResolvable()) {
            try {
                service = services.get();
            } catch (TokenStoreException notConfigured) {
                // The service bean exists but has no OAuth configuration: nothing is refreshed, nothing refused.
            }
        }
        if (service == null) {
            data.put("tokenService", "none");
        } else {
            // A long: MicroProfile Health data values are strings, longs or booleans, and a server's JSON writer
            // drops others (SmallRye Health on WildFly and Liberty dropped an Integer).
            data.put("refusedTokens", (long) service.refusedTokenCount());
        }
        return new HealthCheckResponse(NAME, HealthCheckResponse.Status.UP, Optional.of(data));
    }
}
