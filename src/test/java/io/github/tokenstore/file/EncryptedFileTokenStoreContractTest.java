package io.github.tokenstore.file;

import io.github.tokenstore.EncryptionKeys;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStores;
import io.github.tokenstore.security.TestKeys;
import io.github.tokenstore.testing.DurableTokenStoreContract;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The whole contract on an encrypted token file. */
class EncryptedFileTokenStoreContractTest extends DurableTokenStoreContract {

    private final EncryptionKeys keys = TestKeys.keys("k1", TestKeys.newKey());

    @TempDir
    Path dir;

    @Override
    protected TokenStore createStore() {
        return TokenStores.file(dir.resolve("sdk_tokens.txt"), keys);
    }

    @Override
    protected TokenStore reopenStore() {
        return TokenStores.file(dir.resolve("sdk_tokens.txt"), keys);
    }
}
