package io.github.tokenstore.oauth;

import com.zaxxer.hikari.HikariDataSource;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.core.TokenHashes;
import io.github.tokenstore.jpa.JpaTokenStore;
import io.github.tokenstore.jpa.PooledDataSources;
import io.github.tokenstore.jpa.SchemaAction;
import io.github.tokenstore.testing.TestDatabases;
import io.github.tokenstore.zoho.SdkRefreshingJvm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three JVMs whose Zoho SDK-style callers share PostgreSQL through {@code ZohoSdkBridge} with the library's
 * token service (the OAuth client configured) and one expired token: exactly one call reaches the token
 * endpoint, no SDK refreshes by itself, and every JVM gets the new token. Without the bridge's service each
 * SDK would refresh on its own: three calls.
 */
class ZohoSdkThreeJvmRefreshIT {

    static final String USER = "sdk-three-jvms@zylker.example";
    static final int JVMS = 3;
    static final long WAIT = 60;

    final List<Process> processes = new ArrayList<>();
    FakeAccountsServer server;

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void threeSdkJvmsOnTheBridgeRefreshAnExpiredTokenOnce() throws Exception {
        TestDatabases database = TestDatabases.POSTGRESQL;
        database.require();
        HikariDataSource pool = PooledDataSources.create(database.url(), database.user(), database.password(), 2);
        try (TokenStore store = JpaTokenStore.open(pool, SchemaAction.CREATE, null, pool)) {
            store.deleteTokens();
            store.saveToken(OAuthToken.builder().user(USER).clientId("1000.CLIENT").clientSecret("secret")
                    .refreshToken("refresh-1").accessToken("access-old").expiresAt(Instant.now().minusSeconds(60))
                    .build());
            server = new FakeAccountsServer();
            server.hold = new CountDownLatch(1);

            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            List<Writer> stdins = new ArrayList<>();
            for (int i = 0; i < JVMS; i++) {
                Process p = RefreshJvms.start(SdkRefreshingJvm.class, "sdk-three-jvm-" + i, database, server.url().toString(), USER,
                        SdkRefreshingJvm.PASSWORD_VARIABLE);
                processes.add(p);
                stdins.add(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8));
                RefreshJvms.pipe(p, lines);
            }
            for (int i = 0; i < JVMS; i++) {
                assertThat(lines.poll(WAIT, TimeUnit.SECONDS)).as("JVM ready").isEqualTo("READY");
            }
            for (Writer w : stdins) {
                w.write("GO\n");
                w.flush();
            }
            assertThat(server.arrived.await(WAIT, TimeUnit.SECONDS)).as("one JVM reached the server").isTrue();
            RefreshJvms.awaitLockWaiters(database, JVMS - 1, Duration.ofSeconds(WAIT));
            server.hold.countDown();

            List<String> answers = new ArrayList<>();
            for (int i = 0; i < JVMS; i++) {
                String line = lines.poll(WAIT, TimeUnit.SECONDS);
                assertThat(line).as("JVM answered").startsWith("TOKEN ");
                answers.add(line);
            }
            for (Process p : processes) {
                assertThat(p.waitFor(WAIT, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).isZero();
            }

            assertThat(server.tokenCalls).hasValue(1);
            assertThat(server.refreshCalls).hasValue(1);
            String stored = store.findToken(OAuthToken.builder().user(USER).build()).orElseThrow().accessToken();
            assertThat(stored).isEqualTo("access-refreshed-1");
            assertThat(answers).containsOnly("TOKEN " + TokenHashes.of(stored) + " OWN 0").hasSize(JVMS);
        }
    }
}
