package io.github.tokenstore.oauth;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.core.CoreMessages;
import io.github.tokenstore.memory.InMemoryTokenStore;
import io.github.tokenstore.spi.RefreshLock;
import io.github.tokenstore.spi.RefreshLockTimeoutException;
import io.github.tokenstore.spi.TokenListener;
import io.github.tokenstore.testing.Await;
import io.github.tokenstore.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenCleanupTest {

    static final Duration IDLE = Duration.ofDays(90);

    FakeAccountsServer server;
    ZohoAccountsClient client;
    MutableClock clock;
    InMemoryTokenStore store;
    TokenServiceTest.RecordingListener events;

    @BeforeEach
    void start() throws IOException {
        server = new FakeAccountsServer();
        client = ZohoAccountsClient.builder().accountsUrl(server.url()).clientId("1000.CLIENT")
                .clientSecret("secret").build();
        clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        store = new InMemoryTokenStore(clock);
        events = new TokenServiceTest.RecordingListener();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private OAuthToken save(String user) {
        return store.saveToken(OAuthToken.builder().user(user).clientId("1000.CLIENT")
                .refreshToken("refresh-" + user).accessToken("access-" + user).build());
    }

    private TokenCleanup cleanup(ZohoAccountsClient revokeWith) {
        return new TokenCleanup(store, IDLE, RefreshLock.inJvm(), revokeWith, events, clock);
    }

    @Test
    void tokensUnusedForIdleAfterAreDeletedAndRevokedOthersStay() {
        save("old");
        save("read");
        clock.advance(Duration.ofDays(60));
        save("recent");
        store.findToken(OAuthToken.builder().user("read").build()); // a read is a use
        clock.advance(Duration.ofDays(31));

        assertThat(cleanup(client).sweep()).isEqualTo(1);

        assertThat(store.getTokens()).extracting(t -> t.userSignature().name()).containsExactly("read", "recent");
        assertThat(server.revokeQueries).extracting(q -> q.get("token")).containsExactly("refresh-old");
        assertThat(events.deleted).containsExactly(new UserSignature("old"));
        assertThat(cleanup(client).sweep()).isZero();
    }

    @Test
    void everyLogRecordOfASweepStartsWithItsId() {
        save("old");
        save("older");
        clock.advance(IDLE.plusDays(1));
        TokenListener throwing = new TokenListener() {
            @Override
            public void tokenDeleted(UserSignature user) {
                throw new IllegalStateException("listener bug");
            }
        };
        RefreshLock busy = user -> {
            throw new RefreshLockTimeoutException(user, Duration.ofSeconds(1));
        };
        List<String> records = new ArrayList<>();
        Logger logger = Logger.getLogger(TokenCleanup.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            new TokenCleanup(store, IDLE, busy, null, events, clock).sweep();
            new TokenCleanup(store, IDLE, RefreshLock.inJvm(), null, throwing, clock).sweep();
        } finally {
            logger.removeHandler(handler);
        }

        assertThat(records).containsExactly(
                "TOKENSTORE-0322: the idle-token clean-up skipped this sweep: another node holds its lock",
                "TOKENSTORE-0264: the TokenListener " + throwing.getClass().getName() + ".tokenDeleted threw "
                        + "java.lang.IllegalStateException; ignored, the operation went on",
                "TOKENSTORE-0264: the TokenListener " + throwing.getClass().getName() + ".tokenDeleted threw "
                        + "java.lang.IllegalStateException; ignored, the operation went on",
                "TOKENSTORE-0323: the idle-token clean-up deleted 2 tokens unused for " + IDLE);
    }

    @Test
    void manyIdleTokensAreSweptInBoundedRounds() {
        for (int i = 0; i < 250; i++) {
            save("u" + i);
        }
        clock.advance(IDLE.plusSeconds(1));

        assertThat(cleanup(null).sweep()).isEqualTo(250);
        assertThat(store.getTokens()).isEmpty();
        assertThat(server.revokeCalls).hasValue(0);
    }

    @Test
    void aFailedRevocationIsReportedAndTheTokenIsGoneAnyway() {
        save("old");
        clock.advance(IDLE.plusDays(1));
        server.revokeReply = new FakeAccountsServer.Reply(500, "text/plain", "");

        assertThat(cleanup(client).sweep()).isEqualTo(1);

        assertThat(store.getTokens()).isEmpty();
        assertThat(events.revokeFailures).extracting(Throwable::getMessage).containsExactly(
                "TOKENSTORE-0330: revoking the token of user 'old' at the accounts server failed (TOKENSTORE-0240); "
                        + "the token was deleted from the store anyway");
    }

    @Test
    void aTokenUsedAfterTheListingIsNeitherDeletedNorRevoked() {
        OAuthToken t = save("busy");
        clock.advance(IDLE.plusDays(1));
        Instant cutoff = clock.instant().minus(IDLE);
        assertThat(store.idleTokens(cutoff, 10)).containsExactly(t);
        store.findToken(OAuthToken.builder().user("busy").build());

        assertThat(store.deleteIfIdle(t.id(), cutoff)).isFalse();
        assertThat(cleanup(client).sweep()).isZero();
        assertThat(server.revokeCalls).hasValue(0);
    }

    @Test
    void aNodeThatCannotGetTheLockSkipsItsSweep() {
        save("old");
        clock.advance(IDLE.plusDays(1));
        RefreshLock busy = user -> {
            throw new RefreshLockTimeoutException(user, Duration.ofSeconds(1));
        };

        assertThat(new TokenCleanup(store, IDLE, busy, client, events, clock).sweep()).isZero();
        assertThat(store.getTokens()).hasSize(1);
    }

    @Test
    void aLockThatFailsOtherwiseFailsTheSweep() {
        save("old");
        clock.advance(IDLE.plusDays(1));
        // The ID of a lock timeout in the message alone is not a timeout: only the type counts.
        RefreshLock broken = user -> {
            throw new TokenStoreException("TOKENSTORE-0271", "TOKENSTORE-0271: held", null);
        };

        assertThatThrownBy(() -> new TokenCleanup(store, IDLE, broken, client, events, clock).sweep())
                .isInstanceOf(TokenStoreException.class)
                .hasMessage("TOKENSTORE-0321: the clean-up of idle tokens failed: TokenStoreException; it runs "
                        + "again at its next scheduled time");
        assertThat(store.getTokens()).hasSize(1);
    }

    @Test
    void theScheduleSweepsRepeatedlyAndSurvivesAFailure() throws Exception {
        save("old");
        clock.advance(IDLE.plusDays(1));
        int[] calls = {0};
        RefreshLock flaky = user -> {
            if (calls[0]++ == 0) {
                throw new TokenStoreException("TOKENSTORE-0272", "TOKENSTORE-0272: database down", null);
            }
            return () -> { };
        };
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            ScheduledFuture<?> task = new TokenCleanup(store, IDLE, flaky, null, events, clock)
                    .schedule(scheduler, Duration.ZERO, Duration.ofMillis(20));
            Await.until("a later sweep deleted the idle token", () -> store.getTokens().isEmpty());
            task.cancel(false);
        } finally {
            scheduler.shutdownNow();
        }
        assertThat(store.getTokens()).isEmpty();
        assertThat(calls[0]).isGreaterThanOrEqualTo(2);
    }

    @Test
    void argumentsAreChecked() {
        assertThatThrownBy(() -> new TokenCleanup(store, Duration.ofMinutes(59), RefreshLock.inJvm(), null, events,
                clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOKENSTORE-0320: tokenstore.cleanup.idle-after is PT59M; it must be a positive ISO-8601 "
                        + "duration of at least one hour, e.g. P90D");
        assertThatThrownBy(() -> new TokenCleanup(null, IDLE, RefreshLock.inJvm(), null, events, clock))
                .hasMessage("TOKENSTORE-0203: TokenCleanup: store is null");
    }

    @Test
    void aStoreFailureIsReportedAs0321() {
        InMemoryTokenStore failing = store;
        TokenCleanup c = new TokenCleanup(new io.github.tokenstore.spi.IdleTokens() {
            @Override
            public java.util.List<OAuthToken> idleTokens(Instant unusedSince, int limit) {
                throw io.github.tokenstore.core.CoreMessages.storeFailed("idleTokens", "a store",
                        new java.sql.SQLException("down", "08006"));
            }

            @Override
            public boolean deleteIfIdle(String id, Instant unusedSince) {
                return failing.deleteIfIdle(id, unusedSince);
            }
        }, IDLE, RefreshLock.inJvm(), null, events, clock);

        assertThatThrownBy(c::sweep)
                .isInstanceOf(TokenStoreException.class)
                .hasMessage("TOKENSTORE-0321: the clean-up of idle tokens failed: SQLException (SQL state 08006); "
                        + "it runs again at its next scheduled time");
    }
}
