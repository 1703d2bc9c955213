package io.github.tokenstore.cdi;

import com.zoho.api.authenticator.OAuthToken;
import com.zoho.crm.api.UserSignature;
import io.github.tokenstore.TokenStore;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the Zoho SDK on the class path, {@code @Inject com.zoho.api.authenticator.store.TokenStore} is the
 * bridge over the configured store; without the OAuth client it only stores.
 */
@EnableWeld
class CdiZohoSdkStoreTest {

    @RegisterExtension
    static final TestConfig CONFIG = TestConfig.of("tokenstore.store", "memory");

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Containers.weld()).build();

    @Test
    void theSdksStoreIsTheBridgeOverTheConfiguredStore() throws Exception {
        com.zoho.api.authenticator.store.TokenStore sdk =
                weld.select(com.zoho.api.authenticator.store.TokenStore.class).get();
        OAuthToken token = new OAuthToken();
        token.setUserSignature(new UserSignature("ana@zylker.example"));
        token.setClientId("1000.CLIENT");
        token.setClientSecret("secret");
        token.setRefreshToken("1000.refresh");
        token.setAccessToken("1000.access");

        sdk.saveToken(token);

        assertThat(sdk.toString()).isEqualTo("Zoho SDK TokenStore over in-memory token store");
        TokenStore store = weld.select(TokenStore.class).get();
        assertThat(store.findTokenById(token.getId()).orElseThrow().accessToken()).isEqualTo("1000.access");
        assertThat(weld.select(com.zoho.api.authenticator.store.TokenStore.class).get()).as("one bridge").isSameAs(sdk);
    }
}
