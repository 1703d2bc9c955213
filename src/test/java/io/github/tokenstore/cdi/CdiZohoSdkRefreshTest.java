package io.github.tokenstore.cdi;

import com.zoho.api.authenticator.OAuthToken;
import com.zoho.crm.api.UserSignature;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.oauth.FakeAccountsServer;
import io.github.tokenstore.zoho.SdkCaller;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the OAuth client configured, the injected Zoho SDK store serves the tokens the library's
 * {@code TokenService} keeps fresh: an expired token is refreshed by the library, never by the SDK.
 */
@EnableWeld
class CdiZohoSdkRefreshTest {

    static final FakeAccountsServer ACCOUNTS = CrmCallFixtures.accountsServer();
    static final String ANA = "ana@zylker.example";

    @RegisterExtension
    static final TestConfig CONFIG = TestConfig.of("tokenstore.store", "memory",
            "tokenstore.oauth.client-id", "1000.CLIENT", "tokenstore.oauth.client-secret", "s3cret",
            "tokenstore.oauth.accounts-url", ACCOUNTS.url().toString());

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Containers.weld()).build();

    @AfterAll
    static void stopServer() {
        ACCOUNTS.close();
    }

    @Test
    void theSdkGetsTheTokenTheLibraryRefreshed() throws Exception {
        weld.select(TokenStore.class).get().saveToken(CrmCallFixtures.expiredToken(ANA));
        com.zoho.api.authenticator.store.TokenStore sdk =
                weld.select(com.zoho.api.authenticator.store.TokenStore.class).get();
        SdkCaller caller = new SdkCaller(sdk, ACCOUNTS.url(), Clock.systemUTC());
        OAuthToken token = new OAuthToken();
        token.setUserSignature(new UserSignature(ANA));
        token.setClientId("1000.CLIENT");
        token.setClientSecret("s3cret");

        assertThat(caller.accessToken(token)).isEqualTo("access-refreshed-1");
        assertThat(caller.accessToken(token)).isEqualTo("access-refreshed-1");

        assertThat(ACCOUNTS.refreshCalls).hasValue(1);
        assertThat(caller.ownTokenCalls).as("the SDK never refreshed by itself").hasValue(0);
        assertThat(sdk.toString()).startsWith("Zoho SDK TokenStore over ").contains(", refreshed by ");
    }
}
