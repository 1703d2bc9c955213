package io.github.tokenstore.jpa;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The JPA store records reads as uses off the read path, and the idle-token queries still see them. */
class JpaLastUseTest {

    static final Duration IDLE = Duration.ofDays(90);

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    JpaTokenStore store;

    String url() {
        return "jdbc:h2:file:" + dir.resolve("tokens").toAbsolutePath();
    }

    @BeforeEach
    void open() {
        var pool = PooledDataSources.create(url(), "sa", "", 4);
        store = JpaTokenStore.open(pool, SchemaAction.CREATE, null, pool, null, clock);
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    OAuthToken save(String user) {
        return store.saveToken(OAuthToken.builder().user(user).clientId("1000.CLIENT").refreshToken("refresh-" + user)
                .accessToken("access-" + user).build());
    }

    OAuthToken.Builder byUser(String user) {
        return OAuthToken.builder().userSignature(new UserSignature(user));
    }

    @Test
    void aReadKeepsItsTokenFromBeingIdle() {
        OAuthToken read = save("read");
        save("unread");
        clock.advance(IDLE.plusDays(1));
        assertThat(store.findToken(byUser("read").build())).isPresent();
        Instant cutoff = clock.instant().minus(IDLE);

        // Listed right after the read: the idle queries write the pending uses first.
        assertThat(store.idleTokens(cutoff, 10)).extracting(t -> t.userSignature().name()).containsExactly("unread");
        assertThat(store.deleteIfIdle(read.id(), cutoff)).isFalse();
    }

    @Test
    void aReadNeitherWritesNorWaitsWhileAnotherTransactionLocksItsRow() throws SQLException {
        OAuthToken token = save("locked");
        clock.advance(Duration.ofHours(2)); // the next read is due to record a use
        try (Connection other = DriverManager.getConnection(url(), "sa", "")) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("SELECT id FROM tokenstore_token WHERE id = ? FOR UPDATE")) {
                lock.setString(1, token.id());
                lock.executeQuery().close();
            }
            // Before, the read's own UPDATE waited for this lock and failed with H2's lock timeout.
            assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> assertThat(store.findToken(byUser("locked").build())).contains(token));
            other.commit();
        }
        store.idleTokens(clock.instant(), 1); // writes the pending use
        assertThat(lastUsedAt(token.id())).isEqualTo(clock.millis());
    }

    @Test
    void closingTheStoreWritesThePendingUses() throws SQLException {
        OAuthToken token = save("closing");
        long savedAt = clock.millis();
        assertThat(lastUsedAt(token.id())).isEqualTo(savedAt);
        clock.advance(Duration.ofHours(3));
        store.findToken(byUser("closing").build());

        store.close();
        store = null;

        assertThat(lastUsedAt(token.id())).isEqualTo(clock.millis());
    }

    @Test
    void aReadWithinTheHourOfTheLastUseRecordsNothing() throws SQLException {
        OAuthToken token = save("recent");
        long savedAt = clock.millis();
        clock.advance(Duration.ofMinutes(59));
        store.findToken(byUser("recent").build());
        store.idleTokens(clock.instant(), 1);

        assertThat(lastUsedAt(token.id())).isEqualTo(savedAt);
    }

    private long lastUsedAt(String id) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(), "sa", "");
             PreparedStatement s = c.prepareStatement("SELECT last_used_at FROM tokenstore_token WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getLong(1);
            }
        }
    }
}
