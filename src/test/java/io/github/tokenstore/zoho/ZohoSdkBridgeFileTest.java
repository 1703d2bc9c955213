package io.github.tokenstore.zoho;

import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStores;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class ZohoSdkBridgeFileTest extends ZohoSdkBridgeContract {

    @TempDir
    Path dir;

    @Override
    TokenStore createStore() {
        return TokenStores.file(dir.resolve("sdk_tokens.txt"));
    }
}
