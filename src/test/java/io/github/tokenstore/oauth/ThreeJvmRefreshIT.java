package io.github.tokenstore.oauth;

import com.zaxxer.hikari.HikariDataSource;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.core.TokenHashes;
import io.github.tokenstore.jpa.JpaTokenStore;
import io.github.tokenstore.jpa.PooledDataSources;
import io.github.tokenstore.jpa.SchemaAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three JVMs (separate processes) share one database and one expired token: exactly one call reaches the
 * token endpoint and every JVM ends with the new token. Runs on the build machines' PostgreSQL and
 * MariaDB, in a database of its own ({@code tokenstore_oauth_it}, created if missing) so that no other
 * test's table clean-up interferes.
 */
class ThreeJvmRefreshIT {

    static final String DATABASE = "tokenstore_oauth_it";
    static final String USER = "three-jvms@example.com";
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

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb"})
    void threeJvmsRefreshAnExpiredTokenOnce(String database) throws Exception {
        String url = createDatabase(database);
        String dbUser = database.equals("postgresql") ? "postgres" : "root";
        HikariDataSource pool = PooledDataSources.create(url, dbUser, "", 2);
        try (TokenStore store = JpaTokenStore.open(pool, SchemaAction.CREATE, null, pool)) {
            store.deleteTokens();
            store.saveToken(OAuthToken.builder().user(USER).clientId("1000.CLIENT").refreshToken("refresh-1")
                    .accessToken("access-old").expiresAt(Instant.now().minusSeconds(60)).build());
            server = new FakeAccountsServer();
            server.hold = new java.util.concurrent.CountDownLatch(1);

            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            List<Writer> stdins = new ArrayList<>();
            for (int i = 0; i < JVMS; i++) {
                Process p = start(url, dbUser, database, i);
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
            awaitLockWaiters(database, url, dbUser, JVMS - 1);
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

    private Process start(String url, String dbUser, String database, int n) throws Exception {
        Path log = Path.of("target", "three-jvm-" + database + "-" + n + ".log");
        Files.createDirectories(log.getParent());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                RefreshingJvm.class.getName(), url, dbUser, server.url().toString(), USER)
                .redirectError(log.toFile())
                .start();
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
    private static void awaitLockWaiters(String database, String url, String dbUser, int count) throws Exception {
        String sql = database.equals("postgresql")
                ? "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                : "SELECT count(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE 'SELECT GET_LOCK(%'";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT);
        try (Connection c = DriverManager.getConnection(url, dbUser, ""); Statement s = c.createStatement()) {
            while (true) {
                try (ResultSet rs = s.executeQuery(sql)) {
                    rs.next();
                    if (rs.getInt(1) >= count) {
                        return;
                    }
                }
                assertThat(System.nanoTime()).as("%d JVMs wait for the refresh lock", count).isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }

    /** The JDBC URL of the test's own database, created if missing. */
    private static String createDatabase(String database) throws Exception {
        if (database.equals("postgresql")) {
            String base = System.getProperty("tokenstore.it.postgresql.base", "jdbc:postgresql://127.0.0.1:5432/");
            try (Connection c = DriverManager.getConnection(base + "postgres", "postgres", "");
                 Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                    if (!rs.next()) {
                        s.execute("CREATE DATABASE " + DATABASE);
                    }
                }
            }
            return base + DATABASE;
        }
        String base = System.getProperty("tokenstore.it.mariadb.base", "jdbc:mariadb://127.0.0.1:3306/");
        try (Connection c = DriverManager.getConnection(base, "root", ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE);
        }
        return base + DATABASE;
    }
}
