package io.github.tokenstore.oauth;

import com.zaxxer.hikari.HikariDataSource;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.jpa.DatabaseRefreshLock;
import io.github.tokenstore.jpa.PooledDataSources;
import io.github.tokenstore.spi.RefreshLock;
import io.github.tokenstore.spi.TokenListener;
import io.github.tokenstore.testing.MutableClock;
import io.github.tokenstore.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The database refresh lock on the integration-test databases ({@link TestDatabases}: PostgreSQL and
 * MariaDB as {@code .ci/run} sets them up), and two token services that share a store, each standing for
 * one JVM (own cache, own in-JVM single flight).
 */
class DatabaseRefreshLockIT {

    static final UserSignature ALICE = new UserSignature("alice@example.com");
    static final UserSignature BOB = new UserSignature("bob@example.com");
    static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    static final long WAIT = 10;

    HikariDataSource dataSource;
    FakeAccountsServer server;
    ExecutorService threads = Executors.newFixedThreadPool(4);

    @BeforeEach
    void startServer() throws IOException {
        server = new FakeAccountsServer();
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        server.close();
        if (dataSource != null) {
            dataSource.close();
        }
    }

    void connect(TestDatabases database) {
        database.require();
        dataSource = PooledDataSources.create(database.url(), database.user(), database.password(), 6);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aHeldLockMakesOthersWaitAndTimeOutUntilReleased(TestDatabases database) {
        connect(database);
        DatabaseRefreshLock lock = new DatabaseRefreshLock(dataSource, Duration.ofMillis(300));

        RefreshLock.Lease held = lock.acquire(ALICE);
        TokenStoreException e = catchThrowableOfType(TokenStoreException.class, () -> lock.acquire(ALICE));
        try (RefreshLock.Lease other = lock.acquire(BOB)) {
            assertThat(other).as("another user's lock is free").isNotNull();
        }
        held.close();
        held.close();

        assertThat(e.messageId()).isEqualTo("TOKENSTORE-0271");
        assertThat(e.getMessage()).isEqualTo("TOKENSTORE-0271: the refresh lock of user 'alice@example.com' was not "
                + "free within PT0.3S; another JVM holds it for a refresh that takes too long, or the wait is too short");
        try (RefreshLock.Lease again = lock.acquire(ALICE)) {
            assertThat(again).as("free after release").isNotNull();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void twoJvmsSharingTheStoreRefreshAnExpiredTokenOnce(TestDatabases database) throws Exception {
        connect(database);
        DatabaseRefreshLock lock = new DatabaseRefreshLock(dataSource, Duration.ofSeconds(WAIT));
        CountDownLatch secondAtLock = new CountDownLatch(1);
        RefreshLock watchedLock = user -> {
            if (server.arrived.getCount() == 0) {
                secondAtLock.countDown();
            }
            return lock.acquire(user);
        };

        assertThat(refreshesByTwoJvms(watchedLock, secondAtLock)).isEqualTo(1);
    }

    @Test
    void withoutASharedLockTwoJvmsRefreshTwice() throws Exception {
        // The control: the same scenario without a cross-JVM lock makes two token-endpoint calls.
        assertThat(refreshesByTwoJvms(RefreshLock.inJvm(), server.arrivedTwice)).isEqualTo(2);
    }

    /**
     * JVM A's refresh is held at the accounts server until JVM B has reached {@code bReady}; then both end.
     *
     * @return the token-endpoint calls made
     */
    private int refreshesByTwoJvms(RefreshLock lock, CountDownLatch bReady) throws Exception {
        CountingStore store = new CountingStore();
        store.saveToken(OAuthToken.builder().userSignature(ALICE).clientId("1000.CLIENT").refreshToken("r-1")
                .accessToken("access-old").expiresAt(T0.minusSeconds(1)).build());
        ZohoAccountsClient client = ZohoAccountsClient.builder().accountsUrl(server.url())
                .clientId("1000.CLIENT").clientSecret("secret").build();
        MutableClock clock = new MutableClock(T0);
        server.hold = new CountDownLatch(1);
        try (TokenService jvmA = new TokenService(store, client, RefreshPolicy.defaults(), lock, TokenListener.NONE,
                clock, threads);
             TokenService jvmB = new TokenService(store, client, RefreshPolicy.defaults(), lock, TokenListener.NONE,
                     clock, threads)) {
            Future<OAuthToken> a = threads.submit(() -> jvmA.currentToken(ALICE));
            assertThat(server.arrived.await(WAIT, TimeUnit.SECONDS)).isTrue();
            Future<OAuthToken> b = threads.submit(() -> jvmB.currentToken(ALICE));
            assertThat(bReady.await(WAIT, TimeUnit.SECONDS)).isTrue();
            server.hold.countDown();

            OAuthToken tokenA = a.get(WAIT, TimeUnit.SECONDS);
            OAuthToken tokenB = b.get(WAIT, TimeUnit.SECONDS);
            assertThat(tokenA.accessToken()).startsWith("access-refreshed-");
            assertThat(tokenB.accessToken()).startsWith("access-refreshed-");
            if (server.tokenCalls.get() == 1) {
                assertThat(tokenB).as("B took A's token from the store").isEqualTo(tokenA);
            }
            assertThat(store.getTokens()).hasSize(1);
        }
        return server.tokenCalls.get();
    }
}
