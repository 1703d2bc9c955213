package io.github.tokenstore.zoho;

import com.zaxxer.hikari.HikariDataSource;
import com.zoho.api.authenticator.OAuthToken;
import com.zoho.crm.api.UserSignature;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.core.TokenHashes;
import io.github.tokenstore.jpa.DatabaseRefreshLock;
import io.github.tokenstore.jpa.JpaTokenStore;
import io.github.tokenstore.jpa.PooledDataSources;
import io.github.tokenstore.jpa.SchemaAction;
import io.github.tokenstore.oauth.RefreshPolicy;
import io.github.tokenstore.oauth.TokenService;
import io.github.tokenstore.oauth.ZohoAccountsClient;
import io.github.tokenstore.spi.TokenListener;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * One JVM of {@code ZohoSdkThreeJvmRefreshIT}: an SDK-style caller ({@link SdkCaller}) on the bridge over the
 * shared database's JPA store, with the library's token service and the database refresh lock, as the CDI
 * bean gives it with the OAuth client configured. Prints {@code READY}, waits for {@code GO} on stdin, gets
 * the user's access token the SDK's way once and prints {@code TOKEN <sha-256 of it> OWN <token-endpoint
 * calls the SDK made itself>} (never the token itself).
 *
 * <p>Arguments: JDBC URL, database user, accounts URL, user name; the database password in the environment
 * variable {@value #PASSWORD_VARIABLE}.
 */
public final class SdkRefreshingJvm {

    /** The environment variable holding the database password. */
    public static final String PASSWORD_VARIABLE = "TOKENSTORE_SDK_JVM_PASSWORD";

    private SdkRefreshingJvm() {
    }

    public static void main(String[] args) throws Exception {
        URI accounts = URI.create(args[2]);
        HikariDataSource pool = PooledDataSources.create(args[0], args[1], System.getenv(PASSWORD_VARIABLE), 4);
        try (TokenStore store = JpaTokenStore.open(pool, SchemaAction.VALIDATE, null, pool)) {
            ZohoAccountsClient client = ZohoAccountsClient.builder().accountsUrl(accounts)
                    .clientId("1000.CLIENT").clientSecret("secret").build();
            try (TokenService service = new TokenService(store, client, RefreshPolicy.defaults(),
                    new DatabaseRefreshLock(pool, Duration.ofSeconds(30)), TokenListener.NONE, Clock.systemUTC(),
                    null)) {
                com.zoho.api.authenticator.store.TokenStore sdk =
                        ZohoSdkBridge.tokenStore(store, service, com.zoho.api.authenticator.store.TokenStore.class);
                SdkCaller caller = new SdkCaller(sdk, accounts, Clock.systemUTC());
                OAuthToken token = new OAuthToken();
                token.setUserSignature(new UserSignature(args[3]));
                token.setClientId("1000.CLIENT");
                token.setClientSecret("secret");
                System.out.println("READY");
                System.out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                if (!"GO".equals(in.readLine())) {
                    System.exit(2);
                }
                String accessToken = caller.accessToken(token);
                System.out.println("TOKEN " + TokenHashes.of(accessToken) + " OWN " + caller.ownTokenCalls.get());
                System.out.flush();
            }
        }
    }
}
