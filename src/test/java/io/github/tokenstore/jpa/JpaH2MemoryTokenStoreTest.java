package io.github.tokenstore.jpa;

import io.github.tokenstore.TokenStore;
import io.github.tokenstore.testing.DurableTokenStoreContract;

class JpaH2MemoryTokenStoreTest extends DurableTokenStoreContract {

    private static final String URL = "jdbc:h2:mem:contract;DB_CLOSE_DELAY=-1";

    @Override
    protected TokenStore createStore() {
        return UrlStores.open(URL, "sa", "", null, clock);
    }

    @Override
    protected TokenStore reopenStore() {
        return UrlStores.open(URL, "sa", "", null, clock);
    }
}
