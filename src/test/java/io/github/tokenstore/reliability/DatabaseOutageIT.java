package io.github.tokenstore.reliability;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.TokenStores;
import io.github.tokenstore.security.IsolatedDatabases;
import io.github.tokenstore.security.TestKeys;
import io.github.tokenstore.testing.Await;
import io.github.tokenstore.testing.FaultProxy;
import io.github.tokenstore.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database goes away and comes back, as seen through a {@link FaultProxy} of the test's own in front of
 * PostgreSQL and MariaDB: the servers themselves are never stopped, so the test runs anywhere the databases
 * run, and fails (never skips) under {@code CI=true} when one is missing ({@link TestDatabases#require()}).
 * An encrypted store with 20 tokens on the library's own pool ({@code TokenStores.jpa}) goes through:
 *
 * <ul>
 *   <li><b>an outage</b> (new connections refused, open ones reset): an update, an insert and a find fail
 *       with TOKENSTORE-0020, nothing partial is written, and once the proxy passes again the same store
 *       instance works without a restart (HikariCP drops the dead connections and opens new ones);</li>
 *   <li><b>a reset</b> of the open connections only (the server restarted between two calls): a call on a
 *       dead connection fails with TOKENSTORE-0020 or succeeds on a new one, and the store goes on;</li>
 *   <li><b>a stall</b> (bytes held, nothing closed, as in a network partition) with the driver's socket
 *       timeout in the URL: a call fails with TOKENSTORE-0020 within a bound instead of hanging, and the
 *       store works once bytes pass again.</li>
 * </ul>
 */
class DatabaseOutageIT {

    /** The driver's socket timeout for the stall, in the URL's own units (PostgreSQL: s; MariaDB: ms). */
    private static final int SOCKET_TIMEOUT_SECONDS = 2;
    /** How long a failing call may take at most: HikariCP's 10 s connection timeout, plus a loaded machine. */
    private static final Duration FAILS_WITHIN = Duration.ofSeconds(40);

    private FaultProxy proxy;

    @AfterEach
    void closeProxy() {
        if (proxy != null) {
            proxy.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void anOutageFailsEveryCallWritesNothingAndTheSameStoreWorksAfterIt(TestDatabases db) throws Exception {
        try (TokenStore store = storeThroughProxy(db, "outage", "")) {
            List<OAuthToken> before = saveTwentyTokens(store);

            proxy.drop();
            proxy.reset();
            OAuthToken update = before.get(3).toBuilder().accessToken("changed-during-outage").build();
            // The first call fails on its reset connection; the next ones wait for a new one (HikariCP: 10 s).
            long updateMillis = expectFailure("saveToken", () -> store.saveToken(update));
            long insertMillis = expectFailure("saveToken",
                    () -> store.saveToken(TestKeys.secretToken("new-during-outage")));
            long findMillis = expectFailure("findToken",
                    () -> store.findToken(OAuthToken.builder().user("user1").build()));

            proxy.pass();
            long t0 = System.nanoTime();
            OAuthToken after = saveOnceTheStoreWorks(store, "after-outage");
            long recoverMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

            List<OAuthToken> now = store.getTokens();
            assertThat(now).hasSize(21).containsAll(before).contains(after);
            assertThat(now).extracting(t -> t.userSignature().name()).doesNotContain("new-during-outage");
            assertThat(now).extracting(OAuthToken::accessToken).doesNotContain("changed-during-outage");
            System.out.printf("%s outage through the proxy: the update failed after %d ms, the insert after %d ms, "
                    + "the find after %d ms; the first save after it took %d ms; %d connections accepted%n", db,
                    updateMillis, insertMillis, findMillis, recoverMillis, proxy.accepted());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aResetOfTheOpenConnectionsCostsAtMostTheCallsOnThem(TestDatabases db) throws Exception {
        try (TokenStore store = storeThroughProxy(db, "reset", "")) {
            List<OAuthToken> before = saveTwentyTokens(store);
            int acceptedBefore = proxy.accepted();

            proxy.reset();
            OAuthToken update = before.get(5).toBuilder().accessToken("changed-after-reset").build();
            OAuthToken changed = null;
            try {
                changed = store.saveToken(update);
            } catch (TokenStoreException e) {
                assertThat(e.getMessage()).startsWith("TOKENSTORE-0020: saveToken failed in the JPA token store (");
            }
            OAuthToken after = saveOnceTheStoreWorks(store, "after-reset");

            assertThat(proxy.accepted()).as("new connections replaced the reset ones").isGreaterThan(acceptedBefore);
            List<OAuthToken> now = store.getTokens();
            assertThat(now).hasSize(21).contains(after);
            OAuthToken fifth = store.findTokenById(before.get(5).id()).orElseThrow();
            assertThat(fifth).as("the update either happened whole or not at all")
                    .isEqualTo(changed != null ? changed : before.get(5));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aStalledDatabaseFailsACallWithinTheSocketTimeoutInsteadOfHanging(TestDatabases db) throws Exception {
        String timeout = db == TestDatabases.POSTGRESQL ? "socketTimeout=" + SOCKET_TIMEOUT_SECONDS
                : "socketTimeout=" + SOCKET_TIMEOUT_SECONDS * 1000;
        try (TokenStore store = storeThroughProxy(db, "stall", timeout)) {
            List<OAuthToken> before = saveTwentyTokens(store);

            proxy.stall();
            OAuthToken update = before.get(7).toBuilder().accessToken("changed-during-stall").build();
            long failMillis = expectFailure("saveToken", () -> store.saveToken(update));
            assertThat(failMillis).as("the call waited at least the socket timeout or the pool's")
                    .isGreaterThanOrEqualTo(TimeUnit.SECONDS.toMillis(SOCKET_TIMEOUT_SECONDS) - 100);

            proxy.pass();
            OAuthToken after = saveOnceTheStoreWorks(store, "after-stall");
            List<OAuthToken> now = store.getTokens();
            assertThat(now).hasSize(21).contains(after);
            assertThat(now).extracting(OAuthToken::accessToken).doesNotContain("changed-during-stall");
            System.out.printf("%s stall through the proxy: a save failed after %d ms (socket timeout %d s)%n", db,
                    failMillis, SOCKET_TIMEOUT_SECONDS);
        }
    }

    /**
     * An encrypted JPA store on the library's pool, on a fresh schema (PostgreSQL) or database (MariaDB) of
     * its own, reached through a new {@link #proxy}; {@code parameters} are added to the JDBC URL.
     */
    private TokenStore storeThroughProxy(TestDatabases db, String scenario, String parameters) throws SQLException {
        String url = db == TestDatabases.POSTGRESQL
                ? IsolatedDatabases.freshPostgresSchema("tokenstore_outage_" + scenario)
                : IsolatedDatabases.freshMariaDb("outage_" + scenario);
        if (!parameters.isEmpty()) {
            url += (url.contains("?") ? "&" : "?") + parameters;
        }
        proxy = FaultProxy.inFrontOf(url);
        return TokenStores.jpa(proxy.jdbcUrl(url), db.user(), db.password(), TestKeys.keys("k1", TestKeys.newKey()));
    }

    private static List<OAuthToken> saveTwentyTokens(TokenStore store) {
        List<OAuthToken> saved = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            saved.add(store.saveToken(TestKeys.secretToken("user" + i)));
        }
        return saved;
    }

    /** Runs {@code call}, which must fail with TOKENSTORE-0020 within {@link #FAILS_WITHIN}; its time in ms. */
    private static long expectFailure(String operation, Runnable call) {
        long t0 = System.nanoTime();
        try {
            call.run();
        } catch (TokenStoreException e) {
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertThat(e.getMessage()).startsWith("TOKENSTORE-0020: " + operation + " failed in the JPA token store (");
            assertThat(Duration.ofMillis(millis)).as(operation + " failed in time").isLessThan(FAILS_WITHIN);
            return millis;
        }
        throw new AssertionError(operation + " succeeded although the database could not be reached");
    }

    /** Saves a new token, retrying while calls still fail with TOKENSTORE-0020 on connections the pool drops. */
    private static OAuthToken saveOnceTheStoreWorks(TokenStore store, String user) {
        AtomicReference<OAuthToken> saved = new AtomicReference<>();
        Await.until("the same store instance saves again", Duration.ofSeconds(60), () -> {
            try {
                saved.set(store.saveToken(TestKeys.secretToken(user)));
                return true;
            } catch (TokenStoreException e) {
                assertThat(e.getMessage()).startsWith("TOKENSTORE-0020: ");
                return false;
            }
        });
        return saved.get();
    }
}
