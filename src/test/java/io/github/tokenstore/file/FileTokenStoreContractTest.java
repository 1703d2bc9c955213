package io.github.tokenstore.file;

import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStores;
import io.github.tokenstore.testing.DurableTokenStoreContract;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class FileTokenStoreContractTest extends DurableTokenStoreContract {

    @TempDir
    Path dir;

    @Override
    protected TokenStore createStore() {
        return TokenStores.file(dir.resolve("sdk_tokens.txt"));
    }

    @Override
    protected TokenStore reopenStore() {
        return TokenStores.file(dir.resolve("sdk_tokens.txt"));
    }
}
