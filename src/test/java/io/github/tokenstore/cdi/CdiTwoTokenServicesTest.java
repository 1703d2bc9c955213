package io.github.tokenstore.cdi;

import io.github.tokenstore.TokenStore;
import io.github.tokenstore.oauth.TokenService;
import io.github.tokenstore.oauth.ZohoAccountsClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Two application {@code TokenService} beans fail the deployment with TOKENSTORE-0121, naming both. */
class CdiTwoTokenServicesTest {

    static TokenService service(TokenStore store) {
        return new TokenService(store, ZohoAccountsClient.builder().accountsUrl(URI.create("http://127.0.0.1:9"))
                .clientId("1000.OWN").clientSecret("own-secret").build());
    }

    @ApplicationScoped
    static class EuServices {
        @Produces
        @Singleton
        TokenService euService(TokenStore store) {
            return service(store);
        }
    }

    @ApplicationScoped
    static class UsServices {
        @Produces
        @Singleton
        TokenService usService(TokenStore store) {
            return service(store);
        }
    }

    @Test
    void twoApplicationServices_0121() {
        Throwable failure = Deployments.failure(Map.of("tokenstore.store", "memory"), EuServices.class,
                UsServices.class);

        assertThat(failure).isInstanceOf(DefinitionException.class);
        assertThat(Deployments.problemMessages(failure)).containsExactly(
                "TOKENSTORE-0121: the application has 2 TokenService beans: "
                        + "io.github.tokenstore.cdi.CdiTwoTokenServicesTest$EuServices#euService(), "
                        + "io.github.tokenstore.cdi.CdiTwoTokenServicesTest$UsServices#usService(); "
                        + "keep one, or select one with @Alternative and @Priority");
    }
}
