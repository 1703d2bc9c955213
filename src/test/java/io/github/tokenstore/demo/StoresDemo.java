package io.github.tokenstore.demo;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStores;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Shows the stores at work: {@code mvn -q test-compile exec:java} (README). Run it twice: the file and
 * JPA stores still hold the first run's tokens.
 */
public final class StoresDemo {

    private StoresDemo() {
    }

    public static void main(String[] args) throws Exception {
        // The providers' start-up chatter would bury the demo's output.
        for (String noisy : new String[] {"org.hibernate", "com.zaxxer.hikari"}) {
            Logger.getLogger(noisy).setLevel(Level.WARNING);
        }
        Path dir = Path.of("target", "demo");
        Files.createDirectories(dir);
        try (TokenStore memory = TokenStores.inMemory();
             TokenStore file = TokenStores.file(dir.resolve("sdk_tokens.txt"));
             TokenStore jpa = TokenStores.jpa("jdbc:h2:file:" + dir.resolve("tokens").toAbsolutePath(), "sa", "")) {
            show("in-memory", memory);
            show("file " + dir.resolve("sdk_tokens.txt"), file);
            show("JPA on H2 " + dir.resolve("tokens.mv.db"), jpa);
        }
    }

    private static void show(String name, TokenStore store) {
        System.out.println("== " + name);
        System.out.println("   tokens before: " + store.getTokens().size());
        OAuthToken login = OAuthToken.builder()
                .user("student@zylker.example")
                .clientId("1000.DEMOCLIENT")
                .clientSecret("demo-secret")
                .refreshToken("1000.demo-refresh")
                .accessToken("1000.demo-access-" + System.nanoTime())
                .expiresAt(Instant.now().plus(1, ChronoUnit.HOURS))
                .apiDomain("https://www.zohoapis.com")
                .build();
        OAuthToken saved = store.saveToken(login);
        System.out.println("   saved:         " + saved);
        System.out.println("   by user:       " + store.findToken(OAuthToken.builder().user("student@zylker.example").build())
                .map(OAuthToken::id).orElse("-"));
        System.out.println("   by refresh:    " + store.findToken(OAuthToken.builder().clientId("1000.DEMOCLIENT")
                .refreshToken("1000.demo-refresh").build()).map(OAuthToken::id).orElse("-"));
        store.saveToken(saved.toBuilder().accessToken("1000.refreshed-access").build());
        System.out.println("   after a refresh, still one token per user: " + store.getTokens().size() + " token(s)");
    }
}
