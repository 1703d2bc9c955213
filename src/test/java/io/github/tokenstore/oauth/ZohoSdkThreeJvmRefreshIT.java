package io.github.tokenstore.oauth;

import com.zaxxer.hikari.HikariDataSource;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.core.TokenHashes;
import io.github.tokenstore.jpa.JpaTokenStore;
import io.github.tokenstore.jpa.PooledDataSources;
import io.github.tokenstore.jpa.SchemaAction;
import io.github.tokenstore.testing.Await;
import io.github.tokenstore.testing.TestDatabases;
import io.github.tokenstore.zoho.SdkRefreshingJvm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
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
                Process p = start(database, i);
                processes.add(p);
                stdins.add(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8));
                pipe(p, lines);
            }
            for (int i = 0; i < JVMS; i++) {
                assertThat(lines.poll(WAIT, TimeUnit.SECONDS)).as("JVM ready").isEqualTo("READY");
            }
            for (Writer w : stdins) {
                w.write("GO\n");
                w.flush();
            }
            assertThat(server.arrived.await(WAIT, TimeUnit.SECONDS)).as("one JVM reached the server").isTrue();
            awaitLockWaiters(database, JVMS - 1);
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

    private Process start(TestDatabases database, int n) throws Exception {
        Path log = Path.of("target", "sdk-three-jvm-" + n + ".log");
        Files.createDirectories(log.getParent());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SdkRefreshingJvm.class.getName(), database.url(), database.user(), server.url().toString(), USER)
                .redirectError(log.toFile());
        // The password goes by environment, not the command line that every local user can list.
        pb.environment().put(SdkRefreshingJvm.PASSWORD_VARIABLE, database.password());
        return pb.start();
    }

    private static void pipe(Process p, BlockingQueue<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.equals("READY") || line.startsWith("TOKEN ")) {
                        lines.add(line);
                    }
                }
            } catch (java.io.IOException e) {
                // The process ended; the test's bounded waits report what is missing.
            }
        });
        t.setDaemon(true);
        t.start();
    }

    /** Waits until {@code count} sessions wait for a refresh lock, so the test proves contention. */
    private static void awaitLockWaiters(TestDatabases database, int count) throws Exception {
        try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement s = c.createStatement()) {
            Await.until(count + " JVMs wait for the refresh lock", Duration.ofSeconds(WAIT), () -> {
                try (ResultSet rs = s.executeQuery(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")) {
                    rs.next();
                    return rs.getInt(1) >= count;
                }
            });
        }
    }
}
