package io.github.tokenstore.oauth;

import com.zaxxer.hikari.HikariDataSource;
import io.github.tokenstore.AuthorizationRequiredException;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.cdi.internal.TokenChangePoller;
import io.github.tokenstore.core.TokenHashes;
import io.github.tokenstore.jpa.JpaTokenStore;
import io.github.tokenstore.jpa.PooledDataSources;
import io.github.tokenstore.jpa.SchemaAction;
import io.github.tokenstore.spi.RefreshLock;
import io.github.tokenstore.spi.TokenListener;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One JVM of {@link ThreeJvmCacheSyncIT}: a token service on the shared database's JPA store and the change
 * feed's poller ({@link TokenChangePoller}, on its own daemon thread, as in Java SE). Prints {@code READY}, then
 * answers commands on stdin, one a line:
 * <ul>
 *   <li>{@code CACHE <user>}: asks for the user's token (so the service caches it); {@code CACHED <user> <hash>}</li>
 *   <li>{@code WATCH <user> <hash|GONE>}: prints {@code WATCHING <user>}, then asks for the token from memory
 *       every 0.2 ms until its access token has that SHA-256 ({@code GONE}: until there is none), and prints
 *       {@code SEEN <user> <System.nanoTime()>}; gives up after 30 s with {@code TIMEOUT <user>}</li>
 *   <li>{@code DELETE <user>}: the service deletes the token; {@code DONE <user> <nanoTime before> <nanoTime after>}</li>
 *   <li>{@code ROTATE <user> <access>}: saves the user's token with a new access and refresh token through the
 *       store, as a refresh does; {@code DONE …} as for a delete</li>
 * </ul>
 * No line holds a token. {@code System.nanoTime()} is one clock for every process on Linux, so the test subtracts
 * one JVM's times from another's.
 *
 * <p>Arguments: JDBC URL, database user, accounts URL, poll interval (ISO-8601); the database password in the
 * environment variable {@value #PASSWORD_VARIABLE}.
 */
public final class ChangeFeedJvm {

    static final String PASSWORD_VARIABLE = "TOKENSTORE_CHANGE_FEED_JVM_PASSWORD";
    static final Duration GIVE_UP = Duration.ofSeconds(30);

    private ChangeFeedJvm() {
    }

    public static void main(String[] args) throws Exception {
        String jdbcUrl = args[0];
        String dbUser = args[1];
        URI accounts = URI.create(args[2]);
        Duration interval = Duration.parse(args[3]);
        PrintStream out = System.out;
        HikariDataSource pool = PooledDataSources.create(jdbcUrl, dbUser, System.getenv(PASSWORD_VARIABLE), 4);
        try (JpaTokenStore store = JpaTokenStore.open(pool, SchemaAction.VALIDATE, null, pool)) {
            ZohoAccountsClient client = ZohoAccountsClient.builder().accountsUrl(accounts)
                    .clientId("1000.CLIENT").clientSecret("secret").build();
            try (TokenService service = new TokenService(store, client, RefreshPolicy.defaults(), RefreshLock.inJvm(),
                    TokenListener.NONE, Clock.systemUTC(), null);
                 TokenChangePoller poller = new TokenChangePoller(() -> store, (user, c) -> service.evict(user),
                         (user, c) -> service.reload(user), service::evictAll, Clock.systemUTC(), interval)
                         .start(name -> {
                             throw new javax.naming.NamingException("Java SE");
                         })) {
                out.println("READY");
                out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                for (String line; (line = in.readLine()) != null; ) {
                    String[] command = line.split(" ");
                    UserSignature user = new UserSignature(command[1]);
                    switch (command[0]) {
                        case "CACHE" -> out.println("CACHED " + user.name() + " " + hash(service, user));
                        case "WATCH" -> watch(out, service, user, command[2]);
                        case "DELETE" -> {
                            long before = System.nanoTime();
                            service.delete(user);
                            out.println("DONE " + user.name() + " " + before + " " + System.nanoTime());
                        }
                        case "ROTATE" -> {
                            OAuthToken stored = store.findToken(OAuthToken.builder().userSignature(user).build())
                                    .orElseThrow();
                            long before = System.nanoTime();
                            store.saveToken(stored.toBuilder().accessToken(command[2])
                                    .refreshToken("refresh-" + command[2]).build());
                            out.println("DONE " + user.name() + " " + before + " " + System.nanoTime());
                        }
                        default -> out.println("UNKNOWN " + command[0]);
                    }
                    out.flush();
                }
            }
        }
    }

    private static String hash(TokenService service, UserSignature user) {
        try {
            return TokenHashes.of(service.currentToken(user).accessToken());
        } catch (AuthorizationRequiredException none) {
            return "GONE";
        }
    }

    private static void watch(PrintStream out, TokenService service, UserSignature user, String expected) {
        out.println("WATCHING " + user.name());
        out.flush();
        long giveUp = System.nanoTime() + GIVE_UP.toNanos();
        while (!hash(service, user).equals(expected)) {
            if (System.nanoTime() > giveUp) {
                out.println("TIMEOUT " + user.name());
                return;
            }
            // Sampling, not ordering: the poller's thread evicts; this loop only notices when, to 0.2 ms.
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
        }
        out.println("SEEN " + user.name() + " " + System.nanoTime());
    }
}
