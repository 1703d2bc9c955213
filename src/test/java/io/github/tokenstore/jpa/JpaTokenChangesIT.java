package io.github.tokenstore.jpa;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.core.TokenChanges.Change;
import io.github.tokenstore.testing.MutableClock;
import io.github.tokenstore.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JPA store's change feed on PostgreSQL and MariaDB: each save and delete of a user's token is one change,
 * concurrent savers included, positions unique and increasing by commit order per user; a prune keeps the
 * positions going.
 */
class JpaTokenChangesIT {

    static final int THREADS = 4;
    static final int SAVES = 25;

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    JpaTokenStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    JpaTokenStore open(TestDatabases database) throws Exception {
        database.require();
        database.dropTable();
        var pool = PooledDataSources.create(database.url(), database.user(), database.password(), THREADS + 1);
        store = JpaTokenStore.open(pool, SchemaAction.CREATE, null, pool, null, clock);
        return store;
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void savesAndDeletesAreChangesInOrderAndPruningKeepsThePositionsGoing(TestDatabases database) throws Exception {
        JpaTokenStore s = open(database);
        assertThat(s.recordsChanges()).isTrue();
        OAuthToken ana = s.saveToken(OAuthToken.builder().user("ana").accessToken("a1").build());
        s.saveToken(OAuthToken.builder().user("ana").client("salesforce").accessToken("s1").build());
        clock.advance(Duration.ofMinutes(11));
        s.deleteToken(ana.id());

        List<Change> all = s.changesAfter(0, 10);
        assertThat(all).extracting(c -> c.user().name() + "/" + c.client() + "/" + c.kind())
                .containsExactly("ana/null/SAVED", "ana/salesforce/SAVED", "ana/null/DELETED");
        assertThat(s.changesAt(List.of(all.get(1).position()))).containsExactly(all.get(1));
        assertThat(s.pruneChanges(clock.instant().minus(Duration.ofMinutes(10)))).isEqualTo(2);
        assertThat(s.changesAfter(0, 10)).containsExactly(all.get(2));
        assertThat(s.latestChange()).isEqualTo(all.get(2).position());
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void concurrentSaversEachAddOneChangeAtAPositionOfItsOwn(TestDatabases database) throws Exception {
        JpaTokenStore s = open(database);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < SAVES; i++) {
                        // Overlapping users: threads collide on rows, and retried saves must not add changes twice.
                        s.saveToken(OAuthToken.builder().user("user-" + (i % 5)).accessToken("a-" + thread + "-" + i)
                                .build());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }

        List<Change> all = s.changesAfter(0, 1000);
        assertThat(all).hasSize(THREADS * SAVES);
        assertThat(all).extracting(Change::position).doesNotHaveDuplicates().isSorted();
        assertThat(all).extracting(c -> c.user().name()).containsOnly("user-0", "user-1", "user-2", "user-3", "user-4");
        assertThat(s.latestChange()).isEqualTo(all.get(all.size() - 1).position());
    }
}
