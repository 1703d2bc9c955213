package io.github.tokenstore.zoho;

import com.zoho.api.authenticator.OAuthToken;
import com.zoho.crm.api.UserSignature;
import com.zoho.crm.api.exception.SDKException;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.testing.ForwardingTestStore;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Failures below the bridge reach the SDK as its own {@code SDKException}, with the library's ID first. */
class ZohoSdkBridgeFailuresTest {

    /** A store whose storage is gone. */
    static final class BrokenStore extends ForwardingTestStore {
        @Override
        public List<io.github.tokenstore.OAuthToken> getTokens() {
            throw new TokenStoreException("TOKENSTORE-0020", "TOKENSTORE-0020: getTokens failed on the test store"
                    + " (java.sql.SQLTransientConnectionException)", null);
        }
    }

    /** An SDK token whose own getter throws. */
    static final class ThrowingToken extends OAuthToken {
        @Override
        public String getAccessToken() {
            throw new IllegalStateException("broken getter");
        }
    }

    final com.zoho.api.authenticator.store.TokenStore sdk =
            ZohoSdkBridge.tokenStore(new BrokenStore(), com.zoho.api.authenticator.store.TokenStore.class);

    @Test
    void aStoreFailureIsTheSdksExceptionWithTheStoresMessageAndTheCause() {
        assertThatThrownBy(sdk::getTokens)
                .isExactlyInstanceOf(SDKException.class)
                .hasMessage("TOKENSTORE-0905: getTokens: the token store failed: TOKENSTORE-0020: getTokens failed on"
                        + " the test store (java.sql.SQLTransientConnectionException)")
                .hasCauseInstanceOf(TokenStoreException.class)
                .satisfies(e -> assertThat(((SDKException) e).getCode()).isEqualTo("TOKEN_STORE"));
    }

    @Test
    void aFailingSdkGetterIsNamedWithoutItsMessage() throws Exception {
        ThrowingToken token = new ThrowingToken();
        token.setUserSignature(new UserSignature("alice@zylker.example"));

        assertThatThrownBy(() -> sdk.saveToken(token))
                .isExactlyInstanceOf(SDKException.class)
                .hasMessage("TOKENSTORE-0908: saveToken: calling the Zoho SDK's getAccessToken() failed:"
                        + " java.lang.IllegalStateException")
                .hasCauseInstanceOf(IllegalStateException.class);
    }
}
