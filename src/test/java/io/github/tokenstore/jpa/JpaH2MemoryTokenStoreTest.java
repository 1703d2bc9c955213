package io.github.tokenstore.jpa;

import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStores;
import io.github.tokenstore.testing.TokenStoreContract;

class JpaH2MemoryTokenStoreTest extends TokenStoreContract {

    private static final String URL = "jdbc:h2:mem:contract;DB_CLOSE_DELAY=-1";

    @Override
    protected TokenStore createStore() {
        return TokenStores.jpa(URL, "sa", "");
    }

    @Override
    protected boolean isDurable() {
        return true;
    }

    @Override
    protected TokenStore reopenStore() {
        return TokenStores.jpa(URL, "sa", "");
    }
}
