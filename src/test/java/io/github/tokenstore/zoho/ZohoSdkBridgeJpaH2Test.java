package io.github.tokenstore.zoho;

import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStores;

class ZohoSdkBridgeJpaH2Test extends ZohoSdkBridgeContract {

    @Override
    TokenStore createStore() {
        return TokenStores.jpa("jdbc:h2:mem:zoho-sdk-bridge;DB_CLOSE_DELAY=-1", "sa", "");
    }
}
