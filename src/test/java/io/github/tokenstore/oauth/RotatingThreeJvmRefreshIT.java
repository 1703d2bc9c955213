package io.github.tokenstore.oauth;

import com.zaxxer.hikari.HikariDataSource;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.core.TokenHashes;
import io.github.tokenstore.jpa.JpaTokenStore;
import io.github.tokenstore.jpa.PooledDataSources;
import io.github.tokenstore.jpa.SchemaAction;
import io.github.tokenstore.testing.Await;
import io.github.tokenstore.testing.FakeOAuthServer;
import io.github.tokenstore.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rotation-safe refresh across JVMs, against fake (a): a provider that answers every refresh with a new refresh
 * token and kills the old one at once (Salesforce with rotation on). Separate processes ({@link RotatingRefreshJvm},
 * {@value RotatingRefreshJvm#THREADS} threads each, released at once) share one PostgreSQL or MariaDB database
 * and one expired token.
 * <ol>
 *   <li>Three JVMs: exactly one refresh reaches the provider, no {@code invalid_grant}, every thread of every JVM
 *       ends with the new access token, and the stored refresh token is the provider's newest.</li>
 *   <li>The refreshing JVM killed ({@code kill -9}) while it holds the refresh lock, at three points; two other
 *       JVMs ask meanwhile. Before the request: one of them refreshes, as if nothing happened. After the save:
 *       they take the saved token, no second refresh. After the response, before the save: the provider has
 *       rotated to a refresh token no one kept, so the survivors' one refresh with the stored, now dead, token
 *       meets {@code invalid_grant}; the token is marked refused and the user must log in again. In no case is
 *       a good refresh token replaced by an older one or by none.</li>
 * </ol>
 * The outcomes are written down in docs/reliability.md.
 */
class RotatingThreeJvmRefreshIT {

    static final long WAIT = 90;
    /** Six JVMs boot Hibernate at once; on a loaded two-core machine that takes minutes. */
    static final long BOOT = 300;
    static final List<String> POINTS = List.of("before-request", "after-response", "after-save");

    final List<Process> processes = new ArrayList<>();
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    FakeOAuthServer fake;

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
        if (fake != null) {
            fake.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void refreshOnceAcrossJvmsAndSurviveAKilledRefresher(TestDatabases database) throws Exception {
        database.require();
        HikariDataSource pool = PooledDataSources.create(database.url(), database.user(), database.password(), 2);
        try (TokenStore store = JpaTokenStore.open(pool, SchemaAction.CREATE, null, pool)) {
            store.deleteTokens();
            fake = new FakeOAuthServer(FakeOAuthServer.Mode.ROTATING_STRICT);
            String db = database.name().toLowerCase(Locale.ROOT);
            List<Jvm> plain = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                plain.add(start(database, "rotating-" + db + "-" + i, "none"));
            }
            Map<String, Jvm> victims = new LinkedHashMap<>();
            for (String point : POINTS) {
                victims.put(point, start(database, "rotating-" + db + "-" + point, point));
            }
            for (int i = 0; i < processes.size(); i++) {
                assertThat(lines.poll(BOOT, TimeUnit.SECONDS)).as("JVM ready").isEqualTo("READY");
            }

            threeJvmsRefreshOnce(database, store, plain);
            for (String point : POINTS) {
                killedRefresher(database, store, victims.get(point), point, plain.subList(0, 2));
            }
        }
    }

    private void threeJvmsRefreshOnce(TestDatabases database, TokenStore store, List<Jvm> jvms) throws Exception {
        String user = "rotating-all@example.com";
        OAuthToken seeded = seed(store, user);
        fake.holdRefreshes = new CountDownLatch(1);
        jvms.forEach(j -> j.go(user));
        Await.until("a refresh at the provider", Duration.ofSeconds(WAIT), () -> fake.refreshCalls.get() >= 1);
        RefreshJvms.awaitLockWaiters(database, jvms.size() - 1, Duration.ofSeconds(WAIT));
        fake.holdRefreshes.countDown();
        fake.holdRefreshes = null;

        List<Result> results = results(jvms.size());
        OAuthToken stored = stored(store, user);
        System.out.printf("[rotation] %s, 3 JVMs x %d threads: %d refresh(es), %d invalid_grant%n", database,
                RotatingRefreshJvm.THREADS, fake.refreshCalls.get(), fake.invalidGrants.get());
        assertThat(fake.refreshCalls).hasValue(1);
        assertThat(fake.invalidGrants).hasValue(0);
        assertThat(results).allSatisfy(r -> {
            assertThat(r.failures).isEqualTo("{}");
            assertThat(r.tokens).isEqualTo(TokenHashes.of(stored.accessToken()));
            // Every thread had called before any got its answer: the refresh was really contended.
            assertThat(r.overlapped).isEqualTo(RotatingRefreshJvm.THREADS);
        });
        assertThat(stored.refreshToken()).isNotEqualTo(seeded.refreshToken())
                .isEqualTo(fake.newestRefreshToken(user));
    }

    private void killedRefresher(TestDatabases database, TokenStore store, Jvm victim, String point,
                                 List<Jvm> survivors) throws Exception {
        String user = "rotating-" + point + "@example.com";
        OAuthToken seeded = seed(store, user);
        int refreshes = fake.refreshCalls.get();
        int invalidGrants = fake.invalidGrants.get();
        victim.go(user);
        assertThat(lines.poll(WAIT, TimeUnit.SECONDS)).as("the victim stopped inside its refresh")
                .isEqualTo("AT " + point);
        if (point.equals("after-save")) {
            // The save is committed: the survivors would read the new token without waiting for the lock.
            kill(victim);
            survivors.forEach(j -> j.go(user));
        } else {
            survivors.forEach(j -> j.go(user));
            RefreshJvms.awaitLockWaiters(database, survivors.size(), Duration.ofSeconds(WAIT));
            kill(victim);
        }

        List<Result> results = results(survivors.size());
        OAuthToken stored = stored(store, user);
        int refreshed = fake.refreshCalls.get() - refreshes;
        int refused = fake.invalidGrants.get() - invalidGrants;
        System.out.printf("[rotation] %s, refresher killed %s: %d refresh(es), %d invalid_grant, survivors %s%n",
                database, point, refreshed, refused, results);
        // Never a good refresh token replaced by an older one or by none.
        assertThat(stored.refreshToken()).isNotNull();
        if (point.equals("after-response")) {
            assertThat(refreshed).isEqualTo(2);
            assertThat(refused).isEqualTo(1);
            assertThat(stored.refreshToken()).isEqualTo(seeded.refreshToken());
            assertThat(stored.refusedAt()).isNotNull();
            assertThat(results).allSatisfy(r -> assertThat(r.failures)
                    .isEqualTo("{authorization-required-REFRESH_TOKEN_REFUSED=" + RotatingRefreshJvm.THREADS + "}"));
        } else {
            assertThat(refreshed).isEqualTo(1);
            assertThat(refused).isZero();
            assertThat(stored.refreshToken()).isEqualTo(fake.newestRefreshToken(user))
                    .isNotEqualTo(seeded.refreshToken());
            assertThat(results).allSatisfy(r -> {
                assertThat(r.failures).isEqualTo("{}");
                assertThat(r.tokens).isEqualTo(TokenHashes.of(stored.accessToken()));
            });
        }
    }

    /** {@code kill -9}: {@link Process#destroyForcibly()} sends SIGKILL on Linux. */
    private static void kill(Jvm victim) throws InterruptedException {
        victim.process.destroyForcibly();
        assertThat(victim.process.waitFor(WAIT, TimeUnit.SECONDS)).isTrue();
    }

    /** An expired token of the user for the client, with a refresh token the fake issued. */
    private OAuthToken seed(TokenStore store, String user) {
        return store.saveToken(OAuthToken.builder().user(user).client(RotatingRefreshJvm.CLIENT)
                .clientId(FakeOAuthServer.CLIENT_ID).refreshToken(fake.issueRefreshToken(user, "api"))
                .accessToken("access-expired").expiresAt(Instant.now().minusSeconds(60)).build());
    }

    private static OAuthToken stored(TokenStore store, String user) {
        return store.findToken(OAuthToken.builder().user(user).client(RotatingRefreshJvm.CLIENT).build())
                .orElseThrow();
    }

    private Jvm start(TestDatabases database, String log, String point) throws Exception {
        Process p = RefreshJvms.startWith(RotatingRefreshJvm.class, log, database,
                RefreshingJvm.PASSWORD_VARIABLE, fake.tokenEndpoint().toString(), point);
        processes.add(p);
        RefreshJvms.pipe(p, lines);
        return new Jvm(p, new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8));
    }

    private List<Result> results(int count) throws InterruptedException {
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String line = lines.poll(WAIT, TimeUnit.SECONDS);
            assertThat(line).as("JVM answered").startsWith("RESULT ");
            results.add(Result.parse(line));
        }
        return results;
    }

    /** {@code RESULT <user> overlapped=<n> tokens=<hashes> failures=<map>}. */
    private record Result(int overlapped, String tokens, String failures) {
        static Result parse(String line) {
            String[] parts = line.split(" ", 5);
            assertThat(parts).as(line).hasSize(5);
            return new Result(Integer.parseInt(parts[2].substring("overlapped=".length())),
                    parts[3].substring("tokens=".length()), parts[4].substring("failures=".length()));
        }
    }

    private record Jvm(Process process, Writer stdin) {
        void go(String user) {
            try {
                stdin.write("GO " + user + "\n");
                stdin.flush();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
