package io.github.tokenstore.file;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStores;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Run in its own JVM by {@link FileStoreKillIT}, which kills it: saves users {@code prefix + i} with
 * 4 KB access tokens in a loop (at most {@code max}), and after each save has returned prints
 * {@code saved <user> ok} on stdout, flushed.
 */
public final class KilledWriter {

    private KilledWriter() {
    }

    public static void main(String[] args) {
        TokenStore store = TokenStores.file(Path.of(args[0]));
        String prefix = args[1];
        int max = Integer.parseInt(args[2]);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        for (int i = 0; i < max; i++) {
            String user = prefix + i;
            store.saveToken(OAuthToken.builder().user(user).accessToken(FileStoreKillIT.accessToken(user))
                    .refreshToken("r," + user + "\n\"quoted\"").build());
            out.println("saved " + user + " ok");
            out.flush();
        }
    }
}
