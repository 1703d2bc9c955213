package io.github.tokenstore.oauth;

import com.zaxxer.hikari.HikariDataSource;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.core.TokenHashes;
import io.github.tokenstore.jpa.DatabaseRefreshLock;
import io.github.tokenstore.jpa.JpaTokenStore;
import io.github.tokenstore.jpa.PooledDataSources;
import io.github.tokenstore.jpa.SchemaAction;
import io.github.tokenstore.spi.TokenListener;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * One JVM of {@link ThreeJvmRefreshIT}: a token service on the shared database's JPA store with the
 * database refresh lock. Prints {@code READY}, waits for {@code GO} on stdin, asks for the user's token
 * once and prints {@code TOKEN <sha-256 of the access token>} (never the token itself).
 *
 * <p>Arguments: JDBC URL, database user, accounts URL, user name; the database password in the
 * environment variable {@value #PASSWORD_VARIABLE}.
 */
public final class RefreshingJvm {

    /** The environment variable holding the database password. */
    static final String PASSWORD_VARIABLE = "TOKENSTORE_REFRESHING_JVM_PASSWORD";

    private RefreshingJvm() {
    }

    public static void main(String[] args) throws Exception {
        String jdbcUrl = args[0];
        String dbUser = args[1];
        URI accounts = URI.create(args[2]);
        UserSignature user = new UserSignature(args[3]);
        HikariDataSource pool = PooledDataSources.create(jdbcUrl, dbUser, System.getenv(PASSWORD_VARIABLE), 4);
        try (TokenStore store = JpaTokenStore.open(pool, SchemaAction.VALIDATE, null, pool)) {
            DatabaseRefreshLock lock = new DatabaseRefreshLock(pool, Duration.ofSeconds(30));
            ZohoAccountsClient client = ZohoAccountsClient.builder().accountsUrl(accounts)
                    .clientId("1000.CLIENT").clientSecret("secret").build();
            try (TokenService service = new TokenService(store, client, RefreshPolicy.defaults(), lock,
                    TokenListener.NONE, Clock.systemUTC(), null)) {
                System.out.println("READY");
                System.out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                if (!"GO".equals(in.readLine())) {
                    System.exit(2);
                }
                OAuthToken token = service.currentToken(user);
                System.out.println("TOKEN " + TokenHashes.of(token.accessToken()));
                System.out.flush();
            }
        }
    }
}
