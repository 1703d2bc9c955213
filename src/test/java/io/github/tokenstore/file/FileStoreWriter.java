package io.github.tokenstore.file;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStores;

import java.nio.file.Path;

/** Run in its own JVM by the tests: saves {@code count} users named {@code prefix + i} to a token file. */
public final class FileStoreWriter {

    private FileStoreWriter() {
    }

    public static void main(String[] args) {
        TokenStore store = TokenStores.file(Path.of(args[0]));
        int count = Integer.parseInt(args[2]);
        for (int i = 0; i < count; i++) {
            store.saveToken(OAuthToken.builder().user(args[1] + i).accessToken("a").build());
        }
    }
}
