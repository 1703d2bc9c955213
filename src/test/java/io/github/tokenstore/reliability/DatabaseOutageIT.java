package io.github.tokenstore.reliability;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.TokenStores;
import io.github.tokenstore.security.IsolatedDatabases;
import io.github.tokenstore.security.TestKeys;
import io.github.tokenstore.testing.TestDatabases;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database server stops mid-run and comes back: operations fail with {@code TokenStoreException}
 * (TOKENSTORE-0020), nothing partial is written, and the same store instance works again without a
 * restart (HikariCP drops the dead connections and opens new ones). The server is restarted in
 * {@code finally}, whatever happens; the outage lasts a few seconds.
 */
class DatabaseOutageIT {

    @Test
    void postgresqlOutage() throws Exception {
        outage(DatabaseServices.POSTGRESQL, TestDatabases.POSTGRESQL,
                IsolatedDatabases.freshPostgresSchema("tokenstore_outage_it"));
    }

    @Test
    void mariadbOutage() throws Exception {
        outage(DatabaseServices.MARIADB, TestDatabases.MARIADB, IsolatedDatabases.freshMariaDb("outage_it"));
    }

    /** An operation that succeeded during the outage: the server was started again behind the test's back. */
    private static final class Interfered extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private static void expectFailure(String operation, Runnable call) {
        try {
            call.run();
        } catch (TokenStoreException e) {
            assertThat(e.getMessage()).startsWith("TOKENSTORE-0020: " + operation + " failed in the JPA token store (");
            return;
        }
        throw new Interfered();
    }

    private static void outage(DatabaseServices service, TestDatabases db, String url) throws Exception {
        try (TokenStore store = TokenStores.jpa(url, db.user(), db.password(), TestKeys.keys("k1", TestKeys.newKey()))) {
            List<OAuthToken> before = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                before.add(store.saveToken(TestKeys.secretToken("user" + i)));
            }
            List<String> failedValues = new ArrayList<>();
            long failMillis = -1;
            long recoverMillis;
            try {
                // Another engineer's .ci/run on this shared machine starts a server it finds down: if an
                // operation succeeds because the server is back, stop it again (at most three times).
                for (int attempt = 0; attempt < 3 && failMillis < 0; attempt++) {
                    service.stop();
                    assertThat(service.await(false, 60)).as(service + " stopped").isTrue();
                    String changed = "changed-during-outage-" + attempt;
                    String added = "new-during-outage-" + attempt;
                    long t0 = System.nanoTime();
                    try {
                        OAuthToken update = before.get(3).toBuilder().accessToken(changed).build();
                        expectFailure("saveToken", () -> store.saveToken(update));
                        failedValues.add(changed);
                        expectFailure("saveToken", () -> store.saveToken(TestKeys.secretToken(added)));
                        failedValues.add(added);
                        expectFailure("findToken", () -> store.findToken(OAuthToken.builder().user("user1").build()));
                        failMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) / 3;
                    } catch (Interfered e) {
                        assertThat(service.isUp()).as("an operation succeeded while " + service + " was down").isTrue();
                        before.set(3, store.findToken(OAuthToken.builder().user("user3").build()).orElseThrow());
                    }
                }
            } finally {
                service.ensureUp();
            }
            Assumptions.assumeTrue(failMillis >= 0, service + " was restarted by someone else three times");
            assertThat(service.await(true, 60)).as(service + " back").isTrue();

            long t1 = System.nanoTime();
            OAuthToken after = null;
            for (int attempt = 0; attempt < 30 && after == null; attempt++) {
                try {
                    after = store.saveToken(TestKeys.secretToken("after-outage"));
                } catch (TokenStoreException e) {
                    Thread.sleep(500); // the server may accept connections a moment after pg_isready/ping
                }
            }
            recoverMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1);
            assertThat(after).as("the same store works again").isNotNull();

            List<OAuthToken> now = store.getTokens();
            assertThat(now).hasSize(21).containsAll(before).contains(after);
            assertThat(now).extracting(t -> t.userSignature().name()).doesNotContainAnyElementsOf(failedValues);
            assertThat(now).extracting(OAuthToken::accessToken).doesNotContainAnyElementsOf(failedValues);
            System.out.printf("%s outage: each operation failed after %d ms; first save after restart took %d ms%n",
                    service, failMillis, recoverMillis);
        } finally {
            service.ensureUp();
        }
    }
}
