package io.github.tokenstore.jpa;

import io.github.tokenstore.login.LoginFlow;
import io.github.tokenstore.login.PendingLogin;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pending logins in the database: created by the shipped script, single use across nodes, expired ones removed. */
class JdbcPendingLoginsTest {

    private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");
    private JdbcDataSource db;

    @BeforeEach
    void database() throws Exception {
        db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:pending-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        db.setUser("sa");
    }

    private static PendingLogin login(String state, Instant at) {
        return new PendingLogin(state, "browser-hash", "nonce-1", "/home", "ada@school.example", true, at);
    }

    @Test
    void theTableIsCreatedByTheShippedScriptAndALoginComesBackOnce() {
        JdbcPendingLogins nodeA = JdbcPendingLogins.open(db, SchemaAction.CREATE);
        JdbcPendingLogins nodeB = JdbcPendingLogins.open(db, SchemaAction.CREATE);

        nodeA.save(login("s-1", T0));

        assertThat(nodeB.take("s-1")).contains(login("s-1", T0));
        assertThat(nodeA.take("s-1")).isEmpty();
        assertThat(nodeB.take("s-2")).isEmpty();
    }

    @Test
    void validateWithoutTheTableFails() {
        assertThatThrownBy(() -> JdbcPendingLogins.open(db, SchemaAction.VALIDATE))
                .hasMessageStartingWith("TOKENSTORE-0");
        JdbcPendingLogins.open(db, SchemaAction.CREATE);
        JdbcPendingLogins.open(db, SchemaAction.VALIDATE);
    }

    @Test
    void expiredLoginsAreRemovedBySavesAndOnRequest() {
        JdbcPendingLogins logins = JdbcPendingLogins.open(db, SchemaAction.CREATE);
        logins.save(login("old-1", T0));
        logins.save(login("old-2", T0));
        logins.save(login("new-1", T0.plus(LoginFlow.STATE_LIFETIME).plusSeconds(1)));

        assertThat(logins.take("old-1")).isEmpty();
        assertThat(logins.take("new-1")).isPresent();
        logins.save(login("new-2", T0.plusSeconds(60)));
        assertThat(logins.removeStartedBefore(T0.plusSeconds(61))).isEqualTo(1);
    }

    @Test
    void ofTwoNodesTakingTheSameStateAtOnceOnlyOneGetsIt() throws Exception {
        JdbcPendingLogins logins = JdbcPendingLogins.open(db, SchemaAction.CREATE);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                String state = "race-" + round;
                logins.save(login(state, T0));
                CyclicBarrier barrier = new CyclicBarrier(2);
                Callable<Optional<PendingLogin>> take = () -> {
                    barrier.await(10, TimeUnit.SECONDS);
                    return logins.take(state);
                };
                Future<Optional<PendingLogin>> a = pool.submit(take);
                Future<Optional<PendingLogin>> b = pool.submit(take);
                int got = (a.get(10, TimeUnit.SECONDS).isPresent() ? 1 : 0)
                        + (b.get(10, TimeUnit.SECONDS).isPresent() ? 1 : 0);
                assertThat(got).as("round " + round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            assertThat(s.executeQuery("SELECT COUNT(*) FROM tokenstore_login_state").next()).isTrue();
        }
    }
}
