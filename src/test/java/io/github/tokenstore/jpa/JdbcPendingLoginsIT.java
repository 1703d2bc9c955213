package io.github.tokenstore.jpa;

import com.zaxxer.hikari.HikariDataSource;
import io.github.tokenstore.login.PendingLogin;
import io.github.tokenstore.testing.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Pending logins on PostgreSQL and MariaDB: the shipped V4 script, and of two nodes taking a state one wins. */
class JdbcPendingLoginsIT {

    private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void twoNodesShareThePendingLoginsAndEachStateIsTakenOnce(TestDatabases db) throws Exception {
        db.require();
        db.dropTable();
        try (HikariDataSource a = pool(db); HikariDataSource b = pool(db)) {
            JdbcPendingLogins nodeA = JdbcPendingLogins.open(a, SchemaAction.CREATE);
            JdbcPendingLogins nodeB = JdbcPendingLogins.open(b, SchemaAction.CREATE);
            JdbcPendingLogins.open(b, SchemaAction.VALIDATE);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (int round = 0; round < 20; round++) {
                    String state = "state-" + round;
                    PendingLogin login = new PendingLogin(state, "b".repeat(64), "n".repeat(43), "/home",
                            round % 2 == 0 ? null : "ada@school.example", round % 3 == 0, T0.plusMillis(round));
                    nodeA.save(login);
                    CyclicBarrier barrier = new CyclicBarrier(2);
                    Callable<Optional<PendingLogin>> fromA = () -> {
                        barrier.await(10, TimeUnit.SECONDS);
                        return nodeA.take(state);
                    };
                    Callable<Optional<PendingLogin>> fromB = () -> {
                        barrier.await(10, TimeUnit.SECONDS);
                        return nodeB.take(state);
                    };
                    Future<Optional<PendingLogin>> x = pool.submit(fromA);
                    Future<Optional<PendingLogin>> y = pool.submit(fromB);
                    Optional<PendingLogin> gotA = x.get(10, TimeUnit.SECONDS);
                    Optional<PendingLogin> gotB = y.get(10, TimeUnit.SECONDS);
                    assertThat(gotA.isPresent() ^ gotB.isPresent()).as("round " + round).isTrue();
                    assertThat(gotA.or(() -> gotB)).contains(login);
                }
            } finally {
                pool.shutdownNow();
            }
        } finally {
            db.dropTable();
        }
    }

    private static HikariDataSource pool(TestDatabases db) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(db.url());
        ds.setUsername(db.user());
        ds.setPassword(db.password());
        ds.setMaximumPoolSize(2);
        return ds;
    }
}
