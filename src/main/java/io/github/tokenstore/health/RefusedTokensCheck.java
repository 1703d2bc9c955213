package io.github.tokenstore.health;

import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.oauth.TokenService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * Readiness check {@value #NAME}: how many users' tokens can no longer be refreshed
 * ({@link TokenService#refusedTokenCount()}: the accounts server refused their refresh token or grant
 * code, and they have not authorized again). Always UP: one user's revoked token is that user's problem,
 * and taking the instance out of rotation (readiness DOWN) or restarting it (liveness DOWN) would fix
 * nothing and hurt every other user. It is a readiness check so that it shows in {@code /health/ready}
 * next to the store's check, where operators look. Data: {@code refusedTokens} (a count, never a name),
 * or {@code tokenService} = {@code none} when the application has no {@code TokenService} bean (or its
 * OAuth client is not configured). With several OAuth clients (issue 13) the count is summed over every
 * client's service.
 */
@Readiness
@ApplicationScoped
public class RefusedTokensCheck implements HealthCheck {

    /** The check's name. */
    public static final String NAME = "tokenstore-refused-tokens";

    /** The bean class of the library's synthetic beans. */
    private static final String LIBRARY_BEANS = "io.github.tokenstore.cdi.TokenStoreExtension";

    private final Instance<TokenService> services;

    /** For proxies. */
    protected RefusedTokensCheck() {
        services = null;
    }

    /** @param services every {@code TokenService} bean, whatever its qualifier (one per OAuth client) */
    @Inject
    public RefusedTokensCheck(@Any Instance<TokenService> services) {
        this.services = services;
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, Object> data = new LinkedHashMap<>();
        // The default client's bean may also be another client's (the application's own service): count it once.
        Set<TokenService> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Instance.Handle<TokenService> handle : services.handles()) {
            try {
                TokenService service = handle.get();
                if (service != null) {
                    seen.add(service);
                }
            } catch (TokenStoreException notConfigured) {
                // The service bean exists but has no OAuth configuration: nothing is refreshed, nothing refused.
            } finally {
                if (handle.getBean().getScope() == Dependent.class
                        && handle.getBean().getBeanClass().getName().equals(LIBRARY_BEANS)) {
                    // The library's reference to the application's service (no disposer): the service lives on.
                    // An application's own dependent producer is left alone, as its disposer may close it.
                    handle.destroy();
                }
            }
        }
        if (seen.isEmpty()) {
            data.put("tokenService", "none");
        } else {
            // A long: MicroProfile Health data values are strings, longs or booleans, and a server's JSON writer
            // drops others (SmallRye Health on WildFly and Liberty dropped an Integer).
            data.put("refusedTokens", seen.stream().mapToLong(TokenService::refusedTokenCount).sum());
        }
        return new HealthCheckResponse(NAME, HealthCheckResponse.Status.UP, Optional.of(data));
    }
}
