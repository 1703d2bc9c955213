package io.github.tokenstore.examples.portal;

import io.github.tokenstore.TokenStore;
import io.github.tokenstore.oauth.DataCenter;
import io.github.tokenstore.oauth.RefreshPolicy;
import io.github.tokenstore.oauth.TokenService;
import io.github.tokenstore.oauth.ZohoAccountsClient;
import io.github.tokenstore.spi.RefreshLock;
import io.github.tokenstore.spi.TokenListener;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The application's {@link TokenService}, built from the {@code tokenstore.oauth.*} keys on the
 * library's {@code @Inject TokenStore}.
 *
 * <p>Temporary: the library's CDI layer (branch {@code crmcall}) will produce the service from the same
 * keys; this class then goes away and nothing else changes.
 */
@ApplicationScoped
public class TokenServiceProducer {

    @Inject
    TokenStore store;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "tokenstore.oauth.client-id")
    String clientId;

    @Inject
    @ConfigProperty(name = "tokenstore.oauth.client-secret")
    String clientSecret;

    @Inject
    @ConfigProperty(name = "tokenstore.oauth.redirect-uri")
    Optional<String> redirectUri;

    @Inject
    @ConfigProperty(name = "tokenstore.oauth.data-center", defaultValue = "US")
    String dataCenter;

    @Inject
    @ConfigProperty(name = "tokenstore.oauth.accounts-url")
    Optional<String> accountsUrl;

    @Inject
    @ConfigProperty(name = "tokenstore.oauth.refresh-ahead", defaultValue = "PT5M")
    String refreshAhead;

    @Inject
    @ConfigProperty(name = "tokenstore.oauth.expiry-skew", defaultValue = "PT30S")
    String expirySkew;

    /** {@code @Singleton}, not {@code @ApplicationScoped}: {@link TokenService} is final, so it cannot be proxied. */
    @Produces
    @Singleton
    TokenService tokenService() {
        ZohoAccountsClient client = ZohoAccountsClient.builder()
                .dataCenter(DataCenter.valueOf(dataCenter.strip().toUpperCase(Locale.ROOT)))
                .accountsUrl(accountsUrl.filter(s -> !s.isBlank()).map(URI::create).orElse(null))
                .clientId(clientId)
                .clientSecret(clientSecret)
                .redirectUri(redirectUri.orElse(null))
                .build();
        RefreshPolicy policy = new RefreshPolicy(Duration.parse(refreshAhead), Duration.parse(expirySkew),
                RefreshPolicy.DEFAULT_THROTTLE_BACK_OFF);
        return new TokenService(store, client, policy, RefreshLock.inJvm(), TokenListener.NONE, Clock.systemUTC(),
                executor);
    }

    void close(@Disposes TokenService service) {
        service.close();
    }

    /** Builds the service when the application starts, so a bad key fails the deployment, not a login. */
    void buildAtStartup(@Observes Startup startup, TokenService service) {
        service.policy();
    }
}
