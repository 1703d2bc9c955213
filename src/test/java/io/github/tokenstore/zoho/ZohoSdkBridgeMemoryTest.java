package io.github.tokenstore.zoho;

import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStores;

class ZohoSdkBridgeMemoryTest extends ZohoSdkBridgeContract {

    @Override
    TokenStore createStore() {
        return TokenStores.inMemory();
    }
}
