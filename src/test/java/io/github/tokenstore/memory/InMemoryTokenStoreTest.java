package io.github.tokenstore.memory;

import io.github.tokenstore.TokenStore;
import io.github.tokenstore.testing.TokenStoreContract;

class InMemoryTokenStoreTest extends TokenStoreContract {

    @Override
    protected TokenStore createStore() {
        return new InMemoryTokenStore(clock);
    }
}
