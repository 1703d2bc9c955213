package io.github.tokenstore.jpa;

import io.github.tokenstore.EncryptionKeys;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.security.TestKeys;
import io.github.tokenstore.testing.DurableTokenStoreContract;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The whole contract on an encrypted JPA store: lookups by token work through the keyed digests. */
class JpaH2EncryptedTokenStoreTest extends DurableTokenStoreContract {

    private final EncryptionKeys keys = TestKeys.keys("k1", TestKeys.newKey());

    @TempDir
    Path dir;

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("tokens").toAbsolutePath();
    }

    @Override
    protected TokenStore createStore() {
        return UrlStores.open(url(), "sa", "", keys, clock);
    }

    @Override
    protected TokenStore reopenStore() {
        return UrlStores.open(url(), "sa", "", keys, clock);
    }
}
