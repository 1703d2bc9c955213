package io.github.tokenstore.jpa;

import io.github.tokenstore.TokenStore;
import io.github.tokenstore.testing.DurableTokenStoreContract;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class JpaH2FileTokenStoreTest extends DurableTokenStoreContract {

    @TempDir
    Path dir;

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("tokens").toAbsolutePath();
    }

    @Override
    protected TokenStore createStore() {
        return UrlStores.open(url(), "sa", "", null, clock);
    }

    @Override
    protected TokenStore reopenStore() {
        return UrlStores.open(url(), "sa", "", null, clock);
    }
}
