package io.github.tokenstore.file;

import io.github.tokenstore.TokenStore;
import io.github.tokenstore.testing.DurableTokenStoreContract;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The whole store contract on the file store with numeric ids ({@code tokenstore.file.ids=numeric}). */
class NumericIdFileTokenStoreContractTest extends DurableTokenStoreContract {

    @TempDir
    Path dir;

    @Override
    protected TokenStore createStore() {
        return new FileTokenStore(dir.resolve("sdk_tokens.txt"), null, FileTokenStore.Ids.NUMERIC);
    }

    @Override
    protected TokenStore reopenStore() {
        return createStore();
    }
}
