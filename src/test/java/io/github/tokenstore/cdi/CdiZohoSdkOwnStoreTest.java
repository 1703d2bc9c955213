package io.github.tokenstore.cdi;

import com.zoho.api.authenticator.Token;
import io.github.tokenstore.cdi.internal.ZohoSdkStoreBean;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Default only if absent: an application bean of the Zoho SDK's {@code TokenStore} type is the one injected,
 * and the library adds none; without the SDK on the class path there is nothing to add.
 */
@EnableWeld
class CdiZohoSdkOwnStoreTest {

    @RegisterExtension
    static final TestConfig CONFIG = TestConfig.of("tokenstore.store", "memory");

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Containers.weld(OwnSdkStore.class)).build();

    /** The application's own SDK store. */
    @ApplicationScoped
    static class OwnSdkStore implements com.zoho.api.authenticator.store.TokenStore {
        @Override
        public Token findToken(Token token) {
            return null;
        }

        @Override
        public Token findTokenById(String id) {
            return null;
        }

        @Override
        public void saveToken(Token token) {
        }

        @Override
        public void deleteToken(String id) {
        }

        @Override
        public List<Token> getTokens() {
            return List.of();
        }

        @Override
        public void deleteTokens() {
        }
    }

    @Test
    void theApplicationsOwnSdkStoreIsTheOneInjected() {
        assertThat(weld.select(com.zoho.api.authenticator.store.TokenStore.class).get())
                .isInstanceOf(OwnSdkStore.class);
    }

    @Test
    void withoutTheSdkOnTheClassPathThereIsNothingToAdd() throws Exception {
        try (URLClassLoader withoutSdk = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
            assertThat(ZohoSdkStoreBean.loadable(withoutSdk, null)).isEmpty();
        }
        assertThat(ZohoSdkStoreBean.loadable(getClass().getClassLoader()))
                .contains(com.zoho.api.authenticator.store.TokenStore.class);
    }

    @Test
    void anSdkThatDoesNotFitIsADeploymentProblemNamingTheMethod() {
        assertThat(ZohoSdkStoreBean.problem(io.github.tokenstore.zoho.oldsdk.TokenStore.class)).get()
                .satisfies(p -> assertThat(p.getMessage()).startsWith("TOKENSTORE-0910: the Zoho SDK's TokenStore"
                        + " interface is on the class path, but the library cannot serve it as a bean (TOKENSTORE-0902:"
                        + " ZohoSdkBridge: the Zoho SDK's OAuthToken has no public method getId();"));
        assertThat(ZohoSdkStoreBean.problem(com.zoho.api.authenticator.store.TokenStore.class)).isEmpty();
    }
}
