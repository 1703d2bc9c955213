package io.github.tokenstore.cdi.internal;

import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.core.TokenChanges;
import io.github.tokenstore.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The poller's logic, driven by calling {@link TokenChangePoller#poll()} on a feed the test writes. */
class TokenChangePollerTest {

    static final Duration INTERVAL = Duration.ofSeconds(2);
    static final BiConsumer<UserSignature, String> NOTHING = (user, client) -> { };

    /** A feed whose positions the test chooses, so it can leave gaps and fill them later. */
    static final class Feed implements TokenChanges {
        final TreeMap<Long, Change> rows = new TreeMap<>();
        boolean table = true;
        boolean down;
        final List<Instant> prunes = new ArrayList<>();
        int queries;

        void add(long position, String user, Kind kind, Instant at) {
            add(position, user, null, kind, at);
        }

        void add(long position, String user, String client, Kind kind, Instant at) {
            rows.put(position, new Change(position, new UserSignature(user), client, kind, at));
        }

        private void check() {
            queries++;
            if (down) {
                throw new TokenStoreException("TOKENSTORE-0020", "TOKENSTORE-0020: the database is down", null);
            }
        }

        @Override
        public boolean recordsChanges() {
            return table;
        }

        @Override
        public long latestChange() {
            check();
            return rows.isEmpty() ? 0 : rows.lastKey();
        }

        @Override
        public List<Change> changesAfter(long position, int limit) {
            check();
            return rows.tailMap(position, false).values().stream().limit(limit).toList();
        }

        @Override
        public List<Change> changesAt(Collection<Long> positions) {
            check();
            return positions.stream().sorted().map(rows::get).filter(java.util.Objects::nonNull).toList();
        }

        @Override
        public int pruneChanges(Instant cutoff) {
            check();
            prunes.add(cutoff);
            int before = rows.size();
            rows.values().removeIf(c -> c.changedAt().isBefore(cutoff));
            return before - rows.size();
        }

        @Override
        public String toString() {
            return "the test feed";
        }
    }

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final Feed feed = new Feed();
    /** Every user the poll acted on, evicted or re-read, in order. */
    final List<String> evicted = new ArrayList<>();
    /** The same, each as {@code evict <user>} or {@code reload <user>}. */
    final List<String> actions = new ArrayList<>();
    /** The same, each as {@code <action> <user> <client>}. */
    final List<String> byClient = new ArrayList<>();
    /** Users whose re-read fails, as a store that fails the read would. */
    final List<String> failingReads = new ArrayList<>();
    final List<String> logged = new ArrayList<>();
    final Logger logger = Logger.getLogger(TokenChangePoller.class.getName());
    final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getLevel() + " " + record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    TokenChangePoller poller;

    @BeforeEach
    void listen() {
        logger.addHandler(handler);
        poller = new TokenChangePoller(() -> feed, (user, client) -> {
            evicted.add(user.name());
            actions.add("evict " + user.name());
            byClient.add("evict " + user.name() + " " + client);
        }, (user, client) -> {
            if (failingReads.contains(user.name())) {
                throw new TokenStoreException("TOKENSTORE-0020", "TOKENSTORE-0020: the database is down", null);
            }
            evicted.add(user.name());
            actions.add("reload " + user.name());
            byClient.add("reload " + user.name() + " " + client);
        }, () -> evicted.add("*"), clock, INTERVAL);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(handler);
        poller.close();
    }

    @Test
    void theFirstPollTakesThePositionAndEvictsNothingThenEachPollEvictsTheUsersChangedSince() {
        feed.add(1, "old", TokenChanges.Kind.DELETED, clock.instant());
        assertThat(poller.poll()).isZero();
        assertThat(poller.position()).isEqualTo(1);

        feed.add(2, "ana", TokenChanges.Kind.DELETED, clock.instant());
        feed.add(3, "bob", TokenChanges.Kind.SAVED, clock.instant());
        feed.add(4, "ana", TokenChanges.Kind.SAVED, clock.instant());
        assertThat(poller.poll()).isEqualTo(3);
        assertThat(evicted).as("each user once per poll").containsExactly("ana", "bob");

        assertThat(poller.poll()).isZero();
        assertThat(evicted).hasSize(2);
        assertThat(logged).isEmpty();
    }

    @Test
    void aDeletedTokenIsEvictedASavedOneReReadEachUserByItsLastChange() {
        poller.poll();
        feed.add(1, "ana", TokenChanges.Kind.SAVED, clock.instant());
        feed.add(2, "bob", TokenChanges.Kind.DELETED, clock.instant());
        feed.add(3, "cid", TokenChanges.Kind.SAVED, clock.instant());
        feed.add(4, "cid", TokenChanges.Kind.DELETED, clock.instant());
        feed.add(5, "dan", TokenChanges.Kind.DELETED, clock.instant());
        feed.add(6, "dan", TokenChanges.Kind.SAVED, clock.instant());

        assertThat(poller.poll()).isEqualTo(6);

        assertThat(actions).containsExactly("reload ana", "evict bob", "evict cid", "reload dan");
    }

    @Test
    void eachClientsTokenOfAUserIsActedOnByItsOwnLastChange() {
        poller.poll();
        feed.add(1, "ana", "zoho", TokenChanges.Kind.SAVED, clock.instant());
        feed.add(2, "ana", "salesforce", TokenChanges.Kind.SAVED, clock.instant());
        feed.add(3, "ana", "salesforce", TokenChanges.Kind.DELETED, clock.instant());
        feed.add(4, "bob", null, TokenChanges.Kind.SAVED, clock.instant());

        assertThat(poller.poll()).isEqualTo(4);

        assertThat(byClient).containsExactly("reload ana zoho", "evict ana salesforce", "reload bob null");
    }

    @Test
    void aReReadThatFailsBecomesAnEvictionAndThePollGoesOn() {
        poller.poll();
        failingReads.add("ana");
        feed.add(1, "ana", TokenChanges.Kind.SAVED, clock.instant());
        feed.add(2, "bob", TokenChanges.Kind.SAVED, clock.instant());

        assertThat(poller.poll()).isEqualTo(2);

        assertThat(actions).containsExactly("evict ana", "reload bob");
        assertThat(poller.position()).isEqualTo(2);
        assertThat(logged).isEmpty();
    }

    @Test
    void aSkippedPositionIsAskedForAgainUntilItCommitsOrItsWaitEnds() {
        poller.poll();
        feed.add(1, "ana", TokenChanges.Kind.SAVED, clock.instant());
        feed.add(4, "bob", TokenChanges.Kind.SAVED, clock.instant());
        poller.poll();
        assertThat(evicted).containsExactly("ana", "bob");
        assertThat(poller.awaitedGaps()).containsExactly(2L, 3L);

        // The transaction that took position 3 commits after 4 was read.
        feed.add(3, "cleo", TokenChanges.Kind.DELETED, clock.instant());
        clock.advance(INTERVAL);
        assertThat(poller.poll()).isEqualTo(1);
        assertThat(evicted).containsExactly("ana", "bob", "cleo");
        assertThat(poller.awaitedGaps()).containsExactly(2L);

        clock.advance(TokenChangePoller.GAP_WAIT);
        poller.poll();
        assertThat(poller.awaitedGaps()).as("a rolled-back position is given up").isEmpty();
        feed.add(2, "late", TokenChanges.Kind.SAVED, clock.instant());
        poller.poll();
        assertThat(evicted).doesNotContain("late");
    }

    @Test
    void aLargeJumpIsNotAwaitedPositionByPosition() {
        poller.poll();
        feed.add(TokenChangePoller.LARGEST_GAP + 5, "ana", TokenChanges.Kind.SAVED, clock.instant());

        poller.poll();

        assertThat(evicted).containsExactly("ana");
        assertThat(poller.awaitedGaps()).isEmpty();
    }

    @Test
    void aPollReadsBatchAfterBatchUntilItHasEveryChange() {
        poller.poll();
        int count = TokenChangePoller.BATCH * 2 + 7;
        for (int i = 1; i <= count; i++) {
            feed.add(i, "user-" + i, TokenChanges.Kind.SAVED, clock.instant());
        }
        feed.queries = 0;

        assertThat(poller.poll()).isEqualTo(count);

        assertThat(evicted).hasSize(count);
        assertThat(feed.queries).isEqualTo(3);
        assertThat(poller.position()).isEqualTo(count);
    }

    @Test
    void oldChangesArePrunedAtMostOnceAMinute() {
        poller.poll();
        feed.add(1, "ana", TokenChanges.Kind.SAVED, clock.instant());
        clock.advance(Duration.ofSeconds(59));
        poller.poll();
        assertThat(feed.prunes).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        poller.poll();
        poller.poll();
        assertThat(feed.prunes).containsExactly(clock.instant().minus(TokenChangePoller.KEPT));
    }

    @Test
    void anOutageIsLoggedOnceAndTheChangesMadeMeanwhileAreReadAfterIt() {
        poller.poll();
        feed.down = true;
        for (int i = 0; i < 5; i++) {
            assertThat(poller.poll()).isZero();
            clock.advance(INTERVAL);
        }
        feed.down = false;
        feed.add(1, "ana", TokenChanges.Kind.DELETED, clock.instant());

        assertThat(poller.poll()).isEqualTo(1);

        assertThat(evicted).containsExactly("ana");
        assertThat(logged).containsExactly(
                "WARNING TOKENSTORE-1152: reading the token changes of the test feed failed: TokenStoreException; "
                        + "tokens deleted, refused or rotated on other JVMs may be "
                        + "served from this JVM's cache until the poll works again (retried every PT2S)",
                "INFO TOKENSTORE-1153: reading the token changes of the test feed works again after PT10S");
    }

    @Test
    void anOutageLongerThanTheChangesAreKeptForgetsEveryCachedToken() {
        poller.poll();
        feed.down = true;
        poller.poll();
        clock.advance(TokenChangePoller.KEPT.plusSeconds(1));
        feed.down = false;

        poller.poll();

        assertThat(logged).hasSize(3);
        assertThat(logged.get(2)).isEqualTo("WARNING TOKENSTORE-1154: the token changes of the test feed could not be "
                + "read for PT10M1S, longer than they are kept (PT10M): changes made meanwhile on other JVMs may have "
                + "been missed, so every token cached in this JVM was forgotten; each user's next call reads the store");
        assertThat(evicted).containsExactly("*");
    }

    @Test
    void aStoreWithoutTheTableIsSaidOnceAndNeverQueried() {
        feed.table = false;

        poller.poll();
        poller.poll();

        assertThat(feed.queries).isZero();
        assertThat(logged).containsExactly("WARNING TOKENSTORE-1155: the test feed has no table tokenstore_token_change: "
                + "tokens deleted, refused or rotated on another JVM are served from this JVM's cache until they expire; "
                + "create the table with the V6 script shipped in the jar, or set tokenstore.jpa.schema=create");
    }

    @Test
    void noFeedNowMeansNothingToDo() {
        TokenChangePoller stopped = new TokenChangePoller(() -> null, (user, client) -> evicted.add(user.name()),
                NOTHING, () -> { }, clock, INTERVAL);

        assertThat(stopped.poll()).isZero();
        assertThat(evicted).isEmpty();
    }

    @Test
    void theArgumentsAreChecked() {
        assertThatThrownBy(() -> new TokenChangePoller(() -> feed, NOTHING, NOTHING, () -> { }, clock, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOKENSTORE-0201: TokenChangePoller: interval is PT0S; it must be positive");
        assertThatThrownBy(() -> new TokenChangePoller(null, NOTHING, NOTHING, () -> { }, clock, INTERVAL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("feed");
        assertThatThrownBy(() -> new TokenChangePoller(() -> feed, NOTHING, null, () -> { }, clock, INTERVAL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reload");
    }

    @Test
    void theIntervalKeyIsADurationOrOffAndInRange() {
        assertThat(CacheSyncConfig.read(key -> java.util.Optional.empty()))
                .isEqualTo(new CacheSyncConfig(java.util.Optional.of(Duration.ofSeconds(2)), false, List.of()));
        for (String off : List.of("0", "off", "OFF", " PT0S ")) {
            assertThat(CacheSyncConfig.read(key -> java.util.Optional.of(off)).interval()).as(off).isEmpty();
        }
        assertThat(CacheSyncConfig.read(key -> java.util.Optional.of("PT0.5S")).interval()).contains(Duration.ofMillis(500));
        assertThat(CacheSyncConfig.read(key -> java.util.Optional.of("2s")).problems()).singleElement()
                .extracting(Throwable::getMessage).isEqualTo("TOKENSTORE-1150: tokenstore.cache.sync-interval=2s is not "
                        + "an ISO-8601 duration (e.g. PT2S), 0 or off; set a duration, or off to keep each JVM's cache "
                        + "until its tokens expire");
        assertThat(CacheSyncConfig.read(key -> java.util.Optional.of("PT10M")).problems()).singleElement()
                .extracting(Throwable::getMessage).isEqualTo("TOKENSTORE-1151: tokenstore.cache.sync-interval=PT10M is "
                        + "out of range: it must be at least PT0.1S (each poll is a query) and at most PT5M (changes are "
                        + "kept that long), or 0 or off");
        assertThat(CacheSyncConfig.read(key -> java.util.Optional.of("PT0.01S")).problems()).extracting(
                TokenStoreException::messageId).containsExactly("TOKENSTORE-1151");
    }
}
