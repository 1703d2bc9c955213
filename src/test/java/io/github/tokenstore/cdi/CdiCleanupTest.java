package io.github.tokenstore.cdi;

import io.github.tokenstore.TokenDeleted;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.oauth.FakeAccountsServer;
import io.github.tokenstore.testing.Await;
import io.github.tokenstore.testing.MutableClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tokenstore.cleanup.idle-after} and {@code tokenstore.cleanup.interval}: in Java SE the extension
 * sweeps on a daemon thread of its own; a token unused for longer than idle-after is deleted and revoked at
 * the (fake) accounts server, with a {@link TokenDeleted} event, and a token in use stays. The store and the
 * sweeps read the time from the application's {@code Clock} bean ({@link TestClock}), which the test moves.
 */
@EnableWeld
class CdiCleanupTest {

    static final FakeAccountsServer ACCOUNTS = CrmCallFixtures.accountsServer();
    static final String URL = "jdbc:h2:mem:cdi-cleanup;DB_CLOSE_DELAY=-1";
    static final String ANA = "ana@zylker.example";
    static final String BOB = "bob@zylker.example";

    @RegisterExtension
    static final TestConfig CONFIG = TestConfig.of("tokenstore.jpa.url", URL,
            "tokenstore.oauth.client-id", "1000.CLIENT", "tokenstore.oauth.client-secret", "s3cret",
            "tokenstore.oauth.accounts-url", ACCOUNTS.url().toString(),
            "tokenstore.cleanup.idle-after", "PT1H",
            "tokenstore.cleanup.interval", "PT0.2S");

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Containers.weld(Audit.class, TestClock.class)).build();

    @AfterAll
    static void stopServer() {
        ACCOUNTS.close();
    }

    /** Records deletions. */
    @ApplicationScoped
    static class Audit {
        private final List<String> deleted = new CopyOnWriteArrayList<>();

        void deleted(@Observes TokenDeleted e) {
            deleted.add(e.user().name());
        }

        List<String> deleted() {
            return deleted;
        }
    }

    @Test
    void sweepsATokenUnusedForLongerThanIdleAfter() throws Exception {
        MutableClock clock = weld.select(MutableClock.class).get();
        TokenStore store = weld.select(TokenStore.class).get();
        // Saved at T0 by the clock bean (saved by the wall clock, they would be days younger).
        store.saveToken(CrmCallFixtures.validToken(ANA));
        store.saveToken(CrmCallFixtures.validToken(BOB));
        lastUsed(BOB, TestClock.T0.plus(Duration.ofHours(2)));
        // Idle since T0 + 1 h 1 min: Ana, not Bob (for sweeps on the wall clock, both would be).
        clock.advance(Duration.ofMinutes(121));

        // Watched through the event, which follows the delete and the revocation: a read through the store
        // would count as a use.
        Audit audit = weld.select(Audit.class).get();
        Await.until("a sweep deleted Ana's token", () -> !audit.deleted().isEmpty());

        assertThat(rows(ANA)).isZero();
        assertThat(store.findToken(Tokens.user(ANA))).isEmpty();
        assertThat(store.findToken(Tokens.user(BOB))).isPresent();
        assertThat(ACCOUNTS.revokeCalls.get()).isEqualTo(1);
        assertThat(audit.deleted()).containsExactly(ANA);
        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().equals("tokenstore-cleanup"))
                .allMatch(Thread::isDaemon).isNotEmpty();
    }

    private static int rows(String user) throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, "", "");
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM tokenstore_token WHERE user_name = ?")) {
            s.setString(1, user);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Ages a token as if it had not been used since {@code when}. */
    private static void lastUsed(String user, Instant when) throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, "", "");
             PreparedStatement s = c.prepareStatement("UPDATE tokenstore_token SET last_used_at = ? WHERE user_name = ?")) {
            s.setLong(1, when.toEpochMilli());
            s.setString(2, user);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }
}
