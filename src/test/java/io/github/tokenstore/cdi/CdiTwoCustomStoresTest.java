package io.github.tokenstore.cdi;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.DefinitionException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Two application beans implementing {@code TokenStore}: a deployment error naming both. */
class CdiTwoCustomStoresTest {

    /** A store that stores nothing: only its being a bean matters here. */
    abstract static class NoStore implements TokenStore {

        @Override
        public Optional<OAuthToken> findToken(OAuthToken token) {
            return Optional.empty();
        }

        @Override
        public OAuthToken saveToken(OAuthToken token) {
            return token;
        }

        @Override
        public void deleteToken(String id) {
        }

        @Override
        public List<OAuthToken> getTokens() {
            return List.of();
        }

        @Override
        public void deleteTokens() {
        }

        @Override
        public Optional<OAuthToken> findTokenById(String id) {
            return Optional.empty();
        }
    }

    @ApplicationScoped
    static class RedisStore extends NoStore {
    }

    @ApplicationScoped
    static class VaultStores {

        @Produces
        @ApplicationScoped
        TokenStore vaultStore() {
            return new NoStore() {
            };
        }
    }

    @Test
    void failsTheDeploymentNamingBoth() {
        Throwable failure = Deployments.failure(Map.of(), RedisStore.class, VaultStores.class);

        // A definition error (AfterBeanDiscovery): Weld reports it before it checks injection points.
        assertThat(failure).isInstanceOf(DefinitionException.class);
        assertThat(Deployments.problemMessages(failure)).containsExactly(
                "TOKENSTORE-0115: the application has 2 TokenStore beans: "
                        + "io.github.tokenstore.cdi.CdiTwoCustomStoresTest$RedisStore, "
                        + "io.github.tokenstore.cdi.CdiTwoCustomStoresTest$VaultStores#vaultStore(); "
                        + "keep one, or select one with @Alternative and @Priority");
    }
}
