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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three JVMs (separate processes) share one database and one expired token: exactly one call reaches the
 * token endpoint and every JVM ends with the new token. Runs on the integration-test databases
 * ({@link TestDatabases}: PostgreSQL and MariaDB as {@code .ci/run} sets them up).
 */
class ThreeJvmRefreshIT {

    static final String USER = "three-jvms@example.com";
    static final int JVMS = 3;
    static final long WAIT = 60;
    /**
     * How long a child JVM may take to boot Hibernate and say READY: three boot at once, which on a loaded
     * two-core machine took over 80 s.
     */
    static final long BOOT = 240;

    final List<Process> processes = new ArrayList<>();
    FakeAccountsServer server;

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void threeJvmsRefreshAnExpiredTokenOnce(TestDatabases database) throws Exception {
        database.require();
        HikariDataSource pool = PooledDataSources.create(database.url(), database.user(), database.password(), 2);
        try (TokenStore store = JpaTokenStore.open(pool, SchemaAction.CREATE, null, pool)) {
            store.deleteTokens();
            store.saveToken(OAuthToken.builder().user(USER).clientId("1000.CLIENT").refreshToken("refresh-1")
                    .accessToken("access-old").expiresAt(Instant.now().minusSeconds(60)).build());
            server = new FakeAccountsServer();
            server.hold = new java.util.concurrent.CountDownLatch(1);

            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            List<Writer> stdins = new ArrayList<>();
            for (int i = 0; i < JVMS; i++) {
                Process p = start(database, i);
                processes.add(p);
                stdins.add(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8));
                pipe(p, lines);
            }
            for (int i = 0; i < JVMS; i++) {
                assertThat(lines.poll(BOOT, TimeUnit.SECONDS)).as("JVM ready").isEqualTo("READY");
            }
            for (Writer w : stdins) {
                w.write("GO\n");
                w.flush();
            }
            assertThat(server.arrived.await(WAIT, TimeUnit.SECONDS)).as("one JVM reached the server").isTrue();
            awaitLockWaiters(database, JVMS - 1);
            server.hold.countDown();

            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < JVMS; i++) {
                String line = lines.poll(WAIT, TimeUnit.SECONDS);
                assertThat(line).as("JVM answered").startsWith("TOKEN ");
                tokens.add(line.substring("TOKEN ".length()));
            }
            for (Process p : processes) {
                assertThat(p.waitFor(WAIT, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).isZero();
            }

            assertThat(server.tokenCalls).hasValue(1);
            String stored = store.findToken(OAuthToken.builder().user(USER).build()).orElseThrow().accessToken();
            assertThat(stored).isEqualTo("access-refreshed-1");
            assertThat(tokens).containsOnly(TokenHashes.of(stored)).hasSize(JVMS);
        }
    }

    private Process start(TestDatabases database, int n) throws Exception {
        Path log = Path.of("target", "three-jvm-" + database.name().toLowerCase(java.util.Locale.ROOT) + "-" + n
                + ".log");
        Files.createDirectories(log.getParent());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                RefreshingJvm.class.getName(), database.url(), database.user(), server.url().toString(), USER)
                .redirectError(log.toFile());
        // The password goes by environment, not the command line that every local user can list.
        pb.environment().put(RefreshingJvm.PASSWORD_VARIABLE, database.password());
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
        String sql = database == TestDatabases.POSTGRESQL
                ? "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                : "SELECT count(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE 'SELECT GET_LOCK(%'";
        try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement s = c.createStatement()) {
            Await.until(count + " JVMs wait for the refresh lock", Duration.ofSeconds(WAIT), () -> {
                try (ResultSet rs = s.executeQuery(sql)) {
                    rs.next();
                    return rs.getInt(1) >= count;
                }
            });
        }
    }
}
