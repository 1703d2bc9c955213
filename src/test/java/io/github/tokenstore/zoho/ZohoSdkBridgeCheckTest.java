package io.github.tokenstore.zoho;

import com.zoho.api.authenticator.Token;
import com.zoho.crm.api.exception.SDKException;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStores;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bridge checks the SDK's types once, when it is made, and names what does not fit. */
class ZohoSdkBridgeCheckTest {

    static final String VERSIONS = "com.zoho.crm:zohocrm-java-sdk-8-0 1.0.0 and 2.0.0,"
            + " com.zoho.crm:zohocrm-java-sdk-7-0 1.0.0 to 6.0.0";

    final TokenStore store = TokenStores.inMemory();

    /** An SDK store interface without {@code getTokens()}. */
    interface NoGetTokens {
        Token findToken(Token token) throws SDKException;

        Token findTokenById(String id) throws SDKException;

        void saveToken(Token token) throws SDKException;

        void deleteToken(String id) throws SDKException;

        void deleteTokens() throws SDKException;
    }

    /** An SDK store interface with a method the bridge does not know. */
    interface WithCompact extends com.zoho.api.authenticator.store.TokenStore {
        void compact() throws SDKException;
    }

    /** A default method is served as the interface defines it. */
    interface WithDefault extends com.zoho.api.authenticator.store.TokenStore {
        default int size() throws SDKException {
            return getTokens().size();
        }
    }

    @Test
    void theSdksTokenStoreInterfaceFits() {
        ZohoSdkBridge.check(com.zoho.api.authenticator.store.TokenStore.class);

        com.zoho.api.authenticator.store.TokenStore sdk =
                ZohoSdkBridge.tokenStore(store, com.zoho.api.authenticator.store.TokenStore.class);
        assertThat(sdk.toString()).isEqualTo("Zoho SDK TokenStore over in-memory token store");
        assertThat(sdk).isEqualTo(sdk).isNotEqualTo(
                ZohoSdkBridge.tokenStore(store, com.zoho.api.authenticator.store.TokenStore.class));
    }

    @Test
    void aMissingStoreMethodIsNamedWithTheCheckedVersions() {
        assertThatThrownBy(() -> ZohoSdkBridge.tokenStore(store, NoGetTokens.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOKENSTORE-0902: ZohoSdkBridge: the Zoho SDK's TokenStore has no method getTokens taking"
                        + " 0 arguments; the bridge was checked against " + VERSIONS
                        + " — use one of those, or tell the library's maintainers which SDK version you use");
    }

    @Test
    void aMissingGetterOfTheTokenBeanIsNamed() {
        assertThatThrownBy(() -> ZohoSdkBridge.check(io.github.tokenstore.zoho.oldsdk.TokenStore.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOKENSTORE-0902: ZohoSdkBridge: the Zoho SDK's OAuthToken has no public method getId();"
                        + " the bridge was checked against " + VERSIONS
                        + " — use one of those, or tell the library's maintainers which SDK version you use");
    }

    @Test
    void anUnknownStoreMethodIsNamed() {
        assertThatThrownBy(() -> ZohoSdkBridge.check(WithCompact.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOKENSTORE-0903: ZohoSdkBridge: the Zoho SDK's TokenStore declares public abstract void "
                        + WithCompact.class.getName() + ".compact() throws " + SDKException.class.getName()
                        + ", which the bridge does not know; it was checked against " + VERSIONS
                        + " — use one of those, or tell the library's maintainers which SDK version you use");
    }

    @Test
    void aDefaultMethodRunsAsTheInterfaceDefinesIt() throws Exception {
        WithDefault sdk = ZohoSdkBridge.tokenStore(store, WithDefault.class);
        store.saveToken(io.github.tokenstore.OAuthToken.builder().user("alice").accessToken("a").build());

        assertThat(sdk.size()).isEqualTo(1);
    }

    @Test
    void aClassIsNotTheSdksInterface() {
        assertThatThrownBy(() -> ZohoSdkBridge.tokenStore(store, String.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOKENSTORE-0901: ZohoSdkBridge.tokenStore: java.lang.String is not the Zoho SDK's "
                        + "TokenStore interface; pass com.zoho.api.authenticator.store.TokenStore.class");
    }

    @Test
    void nullArgumentsAreNamed() {
        assertThatThrownBy(() -> ZohoSdkBridge.tokenStore(null, com.zoho.api.authenticator.store.TokenStore.class))
                .hasMessage("TOKENSTORE-0900: ZohoSdkBridge.tokenStore: store is null");
        assertThatThrownBy(() -> ZohoSdkBridge.tokenStore(store, null))
                .hasMessage("TOKENSTORE-0900: ZohoSdkBridge.tokenStore: sdkStoreInterface is null");
        assertThatThrownBy(() -> ZohoSdkBridge.tokenStore(store, null,
                com.zoho.api.authenticator.store.TokenStore.class))
                .hasMessage("TOKENSTORE-0900: ZohoSdkBridge.tokenStore: service is null");
    }
}
