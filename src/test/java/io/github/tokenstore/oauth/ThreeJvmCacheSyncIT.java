package io.github.tokenstore.oauth;

import com.zaxxer.hikari.HikariDataSource;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.core.TokenHashes;
import io.github.tokenstore.jpa.JpaTokenStore;
import io.github.tokenstore.jpa.PooledDataSources;
import io.github.tokenstore.jpa.SchemaAction;
import io.github.tokenstore.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One truth across the cluster, measured: three JVMs (separate processes) on one database, each with a token
 * service and the change feed's poller every {@link #INTERVAL} (the default). JVM 1 deletes a user's token, or
 * rotates it as a refresh does; JVMs 2 and 3, which had it cached, stop serving the old token. The time from
 * JVM 1's commit to the later of JVMs 2 and 3 seeing the change is printed per trial and at most
 * {@link #INTERVAL} + {@link #MARGIN} (the bound: the interval plus one poll, with room for a loaded machine).
 * Without the poller the old token would be served for the hour it is valid. Runs on the integration-test
 * databases ({@link TestDatabases}).
 */
class ThreeJvmCacheSyncIT {

    static final Duration INTERVAL = Duration.ofSeconds(2);
    static final Duration MARGIN = Duration.ofSeconds(2);
    static final int TRIALS = 6;
    static final int JVMS = 3;
    static final long WAIT = 60;
    /** Three JVMs booting Hibernate at once on a loaded two-core machine (see ThreeJvmRefreshIT). */
    static final long BOOT = 240;

    final List<Process> processes = new ArrayList<>();
    final List<BlockingQueue<String>> outputs = new ArrayList<>();
    final List<Writer> inputs = new ArrayList<>();
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
    void aDeleteOrRotationOnOneJvmLeavesTheOtherJvmsCachesWithinTheInterval(TestDatabases database) throws Exception {
        database.require();
        database.dropTable();
        HikariDataSource pool = PooledDataSources.create(database.url(), database.user(), database.password(), 2);
        try (TokenStore store = JpaTokenStore.open(pool, SchemaAction.CREATE, null, pool)) {
            for (int trial = 0; trial < TRIALS; trial++) {
                store.saveToken(OAuthToken.builder().user(user(trial)).clientId("1000.CLIENT")
                        .refreshToken("refresh-" + trial).accessToken("access-" + trial)
                        .expiresAt(Instant.now().plus(Duration.ofHours(1))).build());
            }
            server = new FakeAccountsServer();
            for (int i = 0; i < JVMS; i++) {
                start(database, "cache-sync-" + database.name().toLowerCase(Locale.ROOT) + "-" + i);
            }
            for (int i = 0; i < JVMS; i++) {
                assertThat(next(i, BOOT)).as("JVM " + (i + 1) + " ready").isEqualTo("READY");
            }

            List<Long> millis = new ArrayList<>();
            for (int trial = 0; trial < TRIALS; trial++) {
                String user = user(trial);
                boolean delete = trial % 2 == 0;
                String rotated = "access-rotated-" + trial;
                for (int i = 0; i < JVMS; i++) {
                    send(i, "CACHE " + user);
                    assertThat(next(i, WAIT)).isEqualTo("CACHED " + user + " " + TokenHashes.of("access-" + trial));
                }
                String expected = delete ? "GONE" : TokenHashes.of(rotated);
                for (int i = 1; i < JVMS; i++) {
                    send(i, "WATCH " + user + " " + expected);
                    assertThat(next(i, WAIT)).isEqualTo("WATCHING " + user);
                }
                send(0, delete ? "DELETE " + user : "ROTATE " + user + " " + rotated);
                String[] done = next(0, WAIT).split(" ");
                assertThat(done[0] + " " + done[1]).isEqualTo("DONE " + user);
                long committed = Long.parseLong(done[3]);
                long latest = Long.MIN_VALUE;
                for (int i = 1; i < JVMS; i++) {
                    String[] seen = next(i, WAIT).split(" ");
                    assertThat(seen[0] + " " + seen[1]).as("JVM " + (i + 1)).isEqualTo("SEEN " + user);
                    latest = Math.max(latest, Long.parseLong(seen[2]));
                }
                long propagation = TimeUnit.NANOSECONDS.toMillis(latest - committed);
                millis.add(propagation);
                System.out.printf("ThreeJvmCacheSyncIT %s trial %d (%s): JVMs 2 and 3 stopped serving the old token "
                        + "%d ms after JVM 1's commit%n", database, trial + 1, delete ? "delete" : "rotation", propagation);
            }
            long max = millis.stream().mapToLong(Long::longValue).max().orElseThrow();
            System.out.printf("ThreeJvmCacheSyncIT %s: %d trials, propagation min %d ms, max %d ms (interval %d ms, "
                    + "bound asserted %d ms)%n", database, TRIALS, millis.stream().mapToLong(Long::longValue).min()
                    .orElseThrow(), max, INTERVAL.toMillis(), INTERVAL.plus(MARGIN).toMillis());

            assertThat(millis).hasSize(TRIALS).allMatch(ms -> ms >= 0);
            assertThat(max).as("the slowest propagation, ms").isLessThanOrEqualTo(INTERVAL.plus(MARGIN).toMillis());
            assertThat(server.tokenCalls).as("no refresh: every token was valid").hasValue(0);
            for (int trial = 0; trial < TRIALS; trial++) {
                assertThat(store.findToken(OAuthToken.builder().user(user(trial)).build()).map(OAuthToken::accessToken))
                        .as("trial " + trial).isEqualTo(trial % 2 == 0 ? java.util.Optional.empty()
                                : java.util.Optional.of("access-rotated-" + trial));
            }
        }
    }

    static String user(int trial) {
        return "cache-sync-" + trial + "@example.com";
    }

    private void start(TestDatabases database, String log) throws IOException {
        Path logFile = Path.of("target", log + ".log");
        Files.createDirectories(logFile.getParent());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ChangeFeedJvm.class.getName(), database.url(), database.user(), server.url().toString(),
                INTERVAL.toString()).redirectError(logFile.toFile());
        // The password by the environment, not the command line every local user can list.
        pb.environment().put(ChangeFeedJvm.PASSWORD_VARIABLE, database.password());
        Process p = pb.start();
        processes.add(p);
        inputs.add(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8));
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        outputs.add(lines);
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // The process ended; the bounded waits report what is missing.
            }
        });
        t.setDaemon(true);
        t.start();
    }

    private void send(int jvm, String command) throws IOException {
        inputs.get(jvm).write(command + "\n");
        inputs.get(jvm).flush();
    }

    private String next(int jvm, long seconds) throws InterruptedException {
        String line = outputs.get(jvm).poll(seconds, TimeUnit.SECONDS);
        assertThat(line).as("JVM " + (jvm + 1) + " answered within " + seconds + " s (see target/*.log)").isNotNull();
        return line;
    }
}
