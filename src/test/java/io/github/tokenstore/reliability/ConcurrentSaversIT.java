package io.github.tokenstore.reliability;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStores;
import io.github.tokenstore.security.IsolatedDatabases;
import io.github.tokenstore.testing.TestDatabases;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 3 JVMs × 8 threads save 20 overlapping users on one database: every save returns, there is one row
 * per user, and each user's stored token is a last save: one that no other save of the user started
 * after it had returned. (A losing concurrent refresh in TokenService never overwrites a newer token:
 * TokenServiceTest.aLosingRefresherNeverOverwritesANewerToken and ThreeJvmRefreshIT.)
 */
class ConcurrentSaversIT {

    static final int SAVES_PER_THREAD = 30;
    static final int USERS = 20;

    @Test
    void postgresql() throws Exception {
        run(TestDatabases.POSTGRESQL, IsolatedDatabases.freshPostgresSchema("tokenstore_savers_it"));
    }

    @Test
    void mariadb() throws Exception {
        run(TestDatabases.MARIADB, IsolatedDatabases.freshMariaDb("savers_it"));
    }

    private record Save(String user, String value, long start, long end) {
    }

    private static void run(TestDatabases db, String url) throws Exception {
        try (TokenStore store = TokenStores.jpa(url, db.user(), db.password())) {
            store.getTokens(); // creates the table before the JVMs race
        }
        List<Save> saves = new CopyOnWriteArrayList<>();
        List<Process> jvms = new ArrayList<>();
        List<Thread> readers = new ArrayList<>();
        long t0 = System.nanoTime();
        try {
            for (int j = 0; j < 3; j++) {
                ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), SavingJvm.class.getName(), url, db.user(),
                        "jvm" + j, Integer.toString(SAVES_PER_THREAD), Integer.toString(USERS))
                        .redirectError(ProcessBuilder.Redirect.INHERIT);
                pb.environment().put(SavingJvm.PASSWORD_VARIABLE, db.password());
                Process p = pb.start();
                jvms.add(p);
                Thread reader = new Thread(() -> {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                            StandardCharsets.UTF_8))) {
                        for (String line; (line = r.readLine()) != null; ) {
                            String[] f = line.split(" ");
                            if (f.length == 5 && f[0].equals("save")) {
                                saves.add(new Save(f[1], f[2], Long.parseLong(f[3]), Long.parseLong(f[4])));
                            }
                        }
                    } catch (java.io.IOException e) {
                        // the JVM ended
                    }
                });
                reader.start();
                readers.add(reader);
            }
            for (Process p : jvms) {
                assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
                assertThat(p.exitValue()).as("every save returned").isZero();
            }
            for (Thread r : readers) {
                r.join(10_000);
            }
        } finally {
            jvms.forEach(Process::destroyForcibly);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(saves).hasSize(3 * 8 * SAVES_PER_THREAD);

        Map<String, Long> rowsPerUser = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url, db.user(), db.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT user_name, COUNT(*) FROM tokenstore_token GROUP BY user_name")) {
            while (rs.next()) {
                rowsPerUser.put(rs.getString(1), rs.getLong(2));
            }
        }
        assertThat(rowsPerUser).hasSize(USERS).allSatisfy((user, rows) -> assertThat(rows).as(user).isEqualTo(1));

        try (TokenStore store = TokenStores.jpa(url, db.user(), db.password())) {
            for (int u = 0; u < USERS; u++) {
                String user = "user" + u;
                String stored = store.findToken(OAuthToken.builder().user(user).build()).orElseThrow().accessToken();
                List<Save> ofUser = saves.stream().filter(s -> s.user().equals(user)).toList();
                long lastStart = ofUser.stream().mapToLong(Save::start).max().orElseThrow();
                Save winner = ofUser.stream().filter(s -> s.value().equals(stored)).findFirst().orElseThrow();
                assertThat(winner.end()).as(user + ": the stored save " + stored + " returned before another "
                        + "save of the user started, so it is not the last").isGreaterThanOrEqualTo(lastStart);
            }
        }
        System.out.printf("%s: 3 JVMs x 8 threads, %d saves of %d users in %d ms, one row per user, last save "
                + "won for every user%n", db, saves.size(), USERS, millis);
    }
}
