package io.github.tokenstore.oauth;

import io.github.tokenstore.testing.Await;
import io.github.tokenstore.testing.TestDatabases;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;

/**
 * The child JVMs of the three-JVM refresh tests ({@link ThreeJvmRefreshIT}, {@link ZohoSdkThreeJvmRefreshIT}):
 * started on this test's class path, their {@code READY}/{@code TOKEN …} lines piped to the test, and the
 * sessions waiting for a refresh lock counted, so a test proves contention.
 */
final class RefreshJvms {

    private RefreshJvms() {
    }

    /**
     * Starts {@code main} with the arguments {@code <database url> <database user> <accounts url> <user>}; the
     * database password goes by the environment variable {@code passwordVariable}, not the command line that
     * every local user can list. Standard error goes to {@code target/<log>.log}.
     */
    static Process start(Class<?> main, String log, TestDatabases database, String accountsUrl, String user,
                         String passwordVariable) throws IOException {
        return startWith(main, log, database, passwordVariable, accountsUrl, user);
    }

    /** Starts {@code main} with the arguments {@code <database url> <database user> <more…>}; as above. */
    static Process startWith(Class<?> main, String log, TestDatabases database, String passwordVariable,
                             String... more) throws IOException {
        Path logFile = Path.of("target", log + ".log");
        Files.createDirectories(logFile.getParent());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                main.getName(), database.url(), database.user()));
        command.addAll(List.of(more));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(logFile.toFile());
        pb.environment().put(passwordVariable, database.password());
        return pb.start();
    }

    /** Adds the process's {@code READY}, {@code TOKEN …}, {@code AT …} and {@code RESULT …} lines to {@code lines}, on a daemon thread. */
    static void pipe(Process p, BlockingQueue<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.equals("READY") || line.startsWith("TOKEN ") || line.startsWith("AT ")
                            || line.startsWith("RESULT ")) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                // The process ended; the test's bounded waits report what is missing.
            }
        });
        t.setDaemon(true);
        t.start();
    }

    /** Waits up to {@code wait} until {@code count} sessions wait for a refresh lock of {@code database}. */
    static void awaitLockWaiters(TestDatabases database, int count, Duration wait) throws Exception {
        String sql = database == TestDatabases.POSTGRESQL
                ? "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                : "SELECT count(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE 'SELECT GET_LOCK(%'";
        try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement s = c.createStatement()) {
            Await.until(count + " JVMs wait for the refresh lock", wait, () -> {
                try (ResultSet rs = s.executeQuery(sql)) {
                    rs.next();
                    return rs.getInt(1) >= count;
                }
            });
        }
    }
}
