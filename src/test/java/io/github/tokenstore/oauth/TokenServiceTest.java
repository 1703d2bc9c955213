package io.github.tokenstore.oauth;

import java.util.Optional;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.zoho.ZohoProvider;
import io.github.tokenstore.provider.OAuthProviders;
import io.github.tokenstore.core.ForwardingTokenStore;
import io.github.tokenstore.AccountsServerException;
import io.github.tokenstore.AuthorizationRequiredException;
import io.github.tokenstore.OAuthProviderException;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.ThrottledException;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.oauth.FakeAccountsServer.Reply;
import io.github.tokenstore.spi.RefreshLock;
import io.github.tokenstore.spi.TokenListener;
import io.github.tokenstore.spi.TokenMetrics;
import io.github.tokenstore.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TokenServiceTest {

    static final String SECRET = "client-secret-Zq9";
    static final String REFRESH = "1000.refresh-token-xyz";
    static final UserSignature ALICE = new UserSignature("alice@example.com");
    static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    static final long WAIT = 10;

    FakeAccountsServer server;
    ZohoAccountsClient client;
    CountingStore store;
    MutableClock clock;
    RecordingListener events;
    TokenService service;
    ExecutorService refreshThreads;

    @BeforeEach
    void start() throws IOException {
        server = new FakeAccountsServer();
        client = ZohoAccountsClient.builder()
                .accountsUrl(server.url())
                .clientId("1000.CLIENT")
                .clientSecret(SECRET)
                .redirectUri("https://app.example/callback")
                .build();
        store = new CountingStore();
        clock = new MutableClock(T0);
        events = new RecordingListener();
        // One thread: a task queued behind a background refresh runs after it (awaitBackgroundRefresh).
        refreshThreads = Executors.newSingleThreadExecutor();
        service = service(RefreshPolicy.defaults());
    }

    @AfterEach
    void stop() {
        service.close();
        server.close();
        refreshThreads.shutdownNow();
    }

    TokenService service(RefreshPolicy policy) {
        return new TokenService(store, client, policy, RefreshLock.inJvm(), events, clock, refreshThreads);
    }

    /** Stores a token of Alice that expires {@code left} from now. */
    OAuthToken storeTokenExpiringIn(Duration left) {
        return store.saveToken(OAuthToken.builder()
                .userSignature(ALICE)
                .clientId("1000.CLIENT")
                .refreshToken(REFRESH)
                .accessToken("access-old")
                .expiresAt(clock.instant().plus(left))
                .apiDomain("https://www.zohoapis.com")
                .build());
    }

    OAuthToken stored() {
        return store.findToken(OAuthToken.builder().userSignature(ALICE).build()).orElseThrow();
    }

    // ---- authorize

    @Test
    void authorizeExchangesTheCodeAndPersistsTheTokens() {
        OAuthToken saved = service.authorize("1000.grant-code", ALICE);

        assertThat(server.grantCalls).hasValue(1);
        assertThat(server.forms.get(0)).containsEntry("code", "1000.grant-code")
                .containsEntry("redirect_uri", "https://app.example/callback");
        assertThat(stored()).isEqualTo(saved);
        assertThat(saved.userSignature()).isEqualTo(ALICE);
        assertThat(saved.accessToken()).isEqualTo("access-1");
        assertThat(saved.refreshToken()).isEqualTo("refresh-1");
        assertThat(saved.expiresAt()).isEqualTo(T0.plusSeconds(3600));
        assertThat(saved.apiDomain()).isEqualTo("https://www.zohoapis.eu");
        assertThat(saved.clientId()).isEqualTo("1000.CLIENT");
        assertThat(saved.clientSecret()).as("the secret stays in the configuration").isNull();
        assertThat(saved.grantToken()).as("a used grant code is worthless").isNull();
        assertThat(events.saved).containsExactly(saved);
    }

    @Test
    void authorizeReplacesTheUsersPreviousToken() {
        storeTokenExpiringIn(Duration.ofMinutes(30));
        service.currentToken(ALICE);

        OAuthToken saved = service.authorize("1000.grant-code", ALICE);

        assertThat(store.getTokens()).containsExactly(saved);
        assertThat(service.currentToken(ALICE)).isEqualTo(saved);
    }

    @Test
    void aRefusedCodeSavesNothing() {
        server.tokenReplies = form -> Reply.json("{\"error\":\"invalid_code\"}");

        OAuthProviderException e = catchThrowableOfType(OAuthProviderException.class,
                () -> service.authorize("1000.grant-code", ALICE));

        assertThat(e.errorCode()).isEqualTo("invalid_code");
        assertThat(e.getMessage()).doesNotContain("1000.grant-code").doesNotContain(SECRET);
        assertThat(store.getTokens()).isEmpty();
        assertThat(events.saved).isEmpty();
    }

    // ---- serving

    @Test
    void aValidTokenIsServedFromMemoryWithoutStoreOrServerCalls() {
        OAuthToken token = storeTokenExpiringIn(Duration.ofMinutes(30));

        for (int i = 0; i < 1000; i++) {
            assertThat(service.currentToken(ALICE)).isSameAs(service.currentToken(ALICE)).isEqualTo(token);
        }

        assertThat(store.finds).as("one read to fill the cache").hasValue(1);
        assertThat(server.tokenCalls).hasValue(0);
    }

    @Test
    void noStoredTokenRequiresAuthorization() {
        AuthorizationRequiredException e = catchThrowableOfType(AuthorizationRequiredException.class,
                () -> service.currentToken(ALICE));

        assertThat(e.user()).isEqualTo(ALICE);
        assertThat(e.reason()).isEqualTo(AuthorizationRequiredException.Reason.NO_TOKEN);
        assertThat(e.getMessage()).isEqualTo("TOKENSTORE-0260: no token is stored for user 'alice@example.com'; "
                + "send the user through \"Login with Zoho\" and pass the grant code to TokenService.authorize");
    }

    @Test
    void anExpiredTokenWithoutRefreshTokenRequiresAuthorization() {
        store.saveToken(OAuthToken.builder().userSignature(ALICE).accessToken("access-old")
                .expiresAt(T0.minusSeconds(1)).build());

        AuthorizationRequiredException e = catchThrowableOfType(AuthorizationRequiredException.class,
                () -> service.currentToken(ALICE));

        assertThat(e.getMessage()).isEqualTo("TOKENSTORE-0261: the access token of user 'alice@example.com' has "
                + "expired and no refresh token is stored; authorize the user again with access_type=offline, which "
                + "makes Zoho issue a refresh token");
        assertThat(server.tokenCalls).hasValue(0);
    }

    // ---- refresh

    @Test
    void anExpiredTokenIsRefreshedOnceAndPersisted() {
        OAuthToken old = storeTokenExpiringIn(Duration.ofSeconds(-10));

        OAuthToken fresh = service.currentToken(ALICE);

        assertThat(server.refreshCalls).hasValue(1);
        assertThat(server.forms.get(0)).containsEntry("refresh_token", REFRESH);
        assertThat(fresh.accessToken()).isEqualTo("access-refreshed-1");
        assertThat(fresh.refreshToken()).as("kept: a refresh answers none").isEqualTo(REFRESH);
        assertThat(fresh.expiresAt()).isEqualTo(T0.plusSeconds(3600));
        assertThat(fresh.apiDomain()).as("the answer's api_domain is kept").isEqualTo("https://www.zohoapis.eu");
        assertThat(fresh.id()).isEqualTo(old.id());
        assertThat(stored()).isEqualTo(fresh);
        assertThat(events.refreshed).containsExactly(fresh);
        assertThat(service.currentToken(ALICE)).isSameAs(fresh);
        assertThat(server.refreshCalls).hasValue(1);
    }

    @Test
    void twoHundredThreadsOnAnExpiredTokenCauseOneRefresh() throws Exception {
        storeTokenExpiringIn(Duration.ofSeconds(-10));
        int threads = 200;
        // Counted down by each call that entered currentToken and found no fresh token in memory; a caller
        // that came after the refresh had returned would be a hit instead.
        CountDownLatch missed = new CountDownLatch(threads);
        AtomicInteger hits = new AtomicInteger();
        TokenMetrics lookups = new TokenMetrics() {
            @Override
            public void tokenLookup(boolean hit) {
                if (hit) {
                    hits.incrementAndGet();
                } else {
                    missed.countDown();
                }
            }
        };
        // The token endpoint holds its answer until every thread has entered currentToken (or its limit).
        server.hold = missed;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (TokenService contended = new TokenService(store, client, RefreshPolicy.defaults(), RefreshLock.inJvm(),
                events, lookups, clock, refreshThreads)) {
            // All threads released at once, so they meet on the one refresh.
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<OAuthToken>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await(WAIT, TimeUnit.SECONDS);
                    return contended.currentToken(ALICE);
                }));
            }
            for (Future<OAuthToken> r : results) {
                assertThat(r.get(WAIT, TimeUnit.SECONDS).accessToken()).isEqualTo("access-refreshed-1");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(missed.getCount()).as("threads that had not entered currentToken when the refresh returned")
                .isZero();
        assertThat(hits).as("callers served after the refresh had returned").hasValue(0);
        assertThat(server.tokenCalls).hasValue(1);
        assertThat(store.saves).as("the test's own save and the refresh's").hasValue(2);
    }

    @Test
    void refreshAheadDoesNotBlockCallers() throws Exception {
        OAuthToken old = storeTokenExpiringIn(Duration.ofMinutes(4));
        server.hold = new CountDownLatch(1);

        assertThat(service.currentToken(ALICE)).isEqualTo(old);
        assertThat(server.arrived.await(WAIT, TimeUnit.SECONDS)).as("the background refresh reached the server")
                .isTrue();
        // The refresh is held at the server: callers must still get the old token, and start no other.
        for (int i = 0; i < 50; i++) {
            assertThat(service.currentToken(ALICE)).isEqualTo(old);
        }
        assertThat(server.tokenCalls).hasValue(1);
        assertThat(events.refreshed).isEmpty();

        server.hold.countDown();
        OAuthToken fresh = events.refreshedQueue.poll(WAIT, TimeUnit.SECONDS);

        assertThat(fresh).isNotNull();
        assertThat(fresh.accessToken()).isEqualTo("access-refreshed-1");
        assertThat(service.currentToken(ALICE)).isEqualTo(fresh);
        assertThat(stored()).isEqualTo(fresh);
        assertThat(server.tokenCalls).hasValue(1);
    }

    @Test
    void insideTheSkewAFailedRefreshServesTheStillValidTokenAndExpiredFails() throws Exception {
        OAuthToken old = storeTokenExpiringIn(Duration.ofSeconds(20));
        server.tokenReplies = form -> new Reply(500, "text/plain", "down");

        assertThat(service.currentToken(ALICE)).isEqualTo(old);
        assertThat(events.failures.poll(WAIT, TimeUnit.SECONDS)).isInstanceOf(AccountsServerException.class);

        clock.advance(Duration.ofSeconds(21));
        AccountsServerException e = catchThrowableOfType(AccountsServerException.class,
                () -> service.currentToken(ALICE));

        assertThat(e.messageId()).isEqualTo("TOKENSTORE-0240");
        assertThat(server.tokenCalls).hasValue(2);
        assertThat(stored()).isEqualTo(old);
    }

    @Test
    void aRefusedRefreshOfAnExpiredTokenIsTypedAndHoldsNoSecret() {
        storeTokenExpiringIn(Duration.ofSeconds(-1));
        server.tokenReplies = form -> Reply.json("{\"error\":\"invalid_client\"}");

        OAuthProviderException e = catchThrowableOfType(OAuthProviderException.class,
                () -> service.currentToken(ALICE));

        assertThat(e.errorCode()).isEqualTo("invalid_client");
        assertThat(e.getMessage()).isEqualTo("TOKENSTORE-0221: the accounts server " + server.url()
                + " refused the token refresh with invalid_client: the client id or secret is wrong, or the client "
                + "belongs to another data center; check tokenstore.oauth.client-id, tokenstore.oauth.client-secret"
                + " and tokenstore.oauth.data-center");
        assertThat(events.failures).hasSize(1);
    }

    @Test
    void aRefusedRefreshTokenRequiresAuthorizationAndIsNeverSentAgain() {
        storeTokenExpiringIn(Duration.ofSeconds(-1));
        server.tokenReplies = form -> Reply.json("{\"error\":\"invalid_code\"}");

        AuthorizationRequiredException first = catchThrowableOfType(AuthorizationRequiredException.class,
                () -> service.currentToken(ALICE));
        AuthorizationRequiredException second = catchThrowableOfType(AuthorizationRequiredException.class,
                () -> service.currentToken(ALICE));

        assertThat(first.getMessage()).isEqualTo("TOKENSTORE-0225: the provider refused the refresh token "
                + "of user 'alice@example.com' (invalid_grant, Zoho: invalid_code: revoked, expired, or rotated away); "
                + "it is not tried again; "
                + "have the user authorize again");
        assertThat(first.getCause()).isInstanceOf(OAuthProviderException.class);
        assertThat(((OAuthProviderException) first.getCause()).errorCode()).isEqualTo("invalid_code");
        assertThat(second.messageId()).isEqualTo("TOKENSTORE-0225");
        assertThat(second.reason()).isEqualTo(AuthorizationRequiredException.Reason.REFRESH_TOKEN_REFUSED);
        assertThat(server.tokenCalls).hasValue(1);

        server.tokenReplies = form -> Reply.json("{\"access_token\":\"access-new\",\"refresh_token\":"
                + "\"refresh-new\",\"expires_in\":3600}");
        service.authorize("1000.grant-code", ALICE);
        clock.advance(Duration.ofHours(1));
        assertThat(service.currentToken(ALICE).refreshToken()).as("a new refresh token is used")
                .isEqualTo("refresh-new");
        assertThat(server.tokenCalls).hasValue(3);
    }

    @Test
    void aStoredGrantCodeIsExchangedOnceAndReplacedByTheTokens() {
        store.saveToken(OAuthToken.builder().userSignature(ALICE).clientId("1000.CLIENT")
                .grantToken("1000.stored-grant").build());

        OAuthToken token = service.currentToken(ALICE);

        assertThat(server.grantCalls).hasValue(1);
        assertThat(server.forms.get(0)).containsEntry("code", "1000.stored-grant");
        assertThat(token.accessToken()).isEqualTo("access-1");
        assertThat(token.refreshToken()).isEqualTo("refresh-1");
        assertThat(token.grantToken()).as("single-use: cleared").isNull();
        assertThat(stored()).isEqualTo(token);
        assertThat(events.saved).containsExactly(token);
        assertThat(service.currentToken(ALICE)).isSameAs(token);
        assertThat(server.tokenCalls).hasValue(1);
    }

    @Test
    void aRefusedStoredGrantCodeRequiresAuthorizationAndIsNeverSentAgain() {
        store.saveToken(OAuthToken.builder().userSignature(ALICE).clientId("1000.CLIENT")
                .grantToken("1000.stored-grant").build());
        server.tokenReplies = form -> Reply.json("{\"error\":\"invalid_code\"}");

        AuthorizationRequiredException first = catchThrowableOfType(AuthorizationRequiredException.class,
                () -> service.currentToken(ALICE));
        AuthorizationRequiredException second = catchThrowableOfType(AuthorizationRequiredException.class,
                () -> service.currentToken(ALICE));

        assertThat(first.getMessage()).isEqualTo("TOKENSTORE-0226: the accounts server refused the grant code "
                + "stored for user 'alice@example.com' (invalid_code: used already or older than 3 minutes); it is "
                + "not tried again; have the user authorize again");
        assertThat(first.getCause()).isInstanceOf(OAuthProviderException.class);
        assertThat(second.messageId()).isEqualTo("TOKENSTORE-0226");
        assertThat(second.reason()).isEqualTo(AuthorizationRequiredException.Reason.GRANT_CODE_REFUSED);
        assertThat(server.tokenCalls).hasValue(1);
    }

    @Test
    void anUnexpectedStoreFailureDuringARefreshIsWrapped() {
        OAuthToken old = storeTokenExpiringIn(Duration.ofSeconds(-1));
        store.failFindsAfter = 1;

        TokenStoreException e = catchThrowableOfType(TokenStoreException.class, () -> service.currentToken(ALICE));

        assertThat(e.getMessage()).isEqualTo("TOKENSTORE-0263: the token refresh for user 'alice@example.com' "
                + "failed: IllegalStateException");
        assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
        assertThat(events.failures).containsExactly(e);
        assertThat(server.tokenCalls).hasValue(0);
        store.failFindsAfter = Integer.MAX_VALUE;
        assertThat(stored()).isEqualTo(old);
    }

    @Test
    void aThrottledStoredGrantCodeBacksOffToo() {
        store.saveToken(OAuthToken.builder().userSignature(ALICE).clientId("1000.CLIENT")
                .grantToken("1000.stored-grant").build());
        server.tokenReplies = form -> Reply.json("{\"error\":\"Access Denied\"}");

        ThrottledException first = catchThrowableOfType(ThrottledException.class, () -> service.currentToken(ALICE));
        ThrottledException second = catchThrowableOfType(ThrottledException.class, () -> service.currentToken(ALICE));

        assertThat(first.retryAt()).hasValue(T0.plus(Duration.ofMinutes(1)));
        assertThat(second.messageId()).isEqualTo("TOKENSTORE-0224");
        assertThat(server.tokenCalls).hasValue(1);
    }

    // ---- throttling

    @Test
    void accessDeniedBacksOffServesTheValidTokenAndThenFailsTyped() throws Exception {
        service = service(new RefreshPolicy(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMinutes(10)));
        OAuthToken old = storeTokenExpiringIn(Duration.ofMinutes(4));
        server.tokenReplies = form -> Reply.json("{\"error\":\"Access Denied\",\"error_description\":\"too many\"}");

        assertThat(service.currentToken(ALICE)).isEqualTo(old);
        TokenStoreException failure = events.failures.poll(WAIT, TimeUnit.SECONDS);
        assertThat(failure).isInstanceOf(ThrottledException.class);
        assertThat(((ThrottledException) failure).retryAt()).hasValue(T0.plus(Duration.ofMinutes(10)));

        // Within the back-off: the still-valid token, no call, even inside the skew.
        clock.advance(Duration.ofMinutes(3).plusSeconds(45));
        for (int i = 0; i < 20; i++) {
            assertThat(service.currentToken(ALICE)).isEqualTo(old);
        }
        assertThat(server.tokenCalls).hasValue(1);

        // Expired within the back-off: a typed exception, still no call.
        clock.advance(Duration.ofMinutes(1));
        ThrottledException e = catchThrowableOfType(ThrottledException.class, () -> service.currentToken(ALICE));
        assertThat(e.messageId()).isEqualTo("TOKENSTORE-0224");
        assertThat(e.retryAt()).hasValue(T0.plus(Duration.ofMinutes(10)));
        assertThat(e.getMessage()).isEqualTo("TOKENSTORE-0224: the token of user 'alice@example.com' cannot be "
                + "refreshed before 2026-11-28T10:10:00Z: the accounts server throttled a refresh with its refresh "
                + "token (Access Denied); until then only a still-valid access token is served");
        assertThat(server.tokenCalls).hasValue(1);

        // After the back-off: one call, which now succeeds.
        server.tokenReplies = form -> Reply.json("{\"access_token\":\"access-after\",\"expires_in\":3600}");
        clock.advance(Duration.ofMinutes(6));
        assertThat(service.currentToken(ALICE).accessToken()).isEqualTo("access-after");
        assertThat(server.tokenCalls).hasValue(2);
    }

    @Test
    void repeatedThrottlingDoublesTheBackOff() {
        storeTokenExpiringIn(Duration.ofSeconds(-1));
        server.tokenReplies = form -> Reply.json("{\"error\":\"Access Denied\"}");

        ThrottledException first = catchThrowableOfType(ThrottledException.class, () -> service.currentToken(ALICE));
        clock.advance(Duration.ofMinutes(1));
        ThrottledException second = catchThrowableOfType(ThrottledException.class, () -> service.currentToken(ALICE));

        assertThat(first.retryAt()).hasValue(T0.plus(Duration.ofMinutes(1)));
        assertThat(second.retryAt()).hasValue(T0.plus(Duration.ofMinutes(1)).plus(Duration.ofMinutes(2)));
        assertThat(server.tokenCalls).hasValue(2);
    }

    // ---- coherence with the store and other JVMs

    @Test
    void aTokenAnotherJvmRefreshedIsTakenInsteadOfRefreshing() {
        OAuthToken old = storeTokenExpiringIn(Duration.ofMinutes(10));
        assertThat(service.currentToken(ALICE)).isEqualTo(old);
        OAuthToken theirs = store.saveToken(old.toBuilder().accessToken("access-other-jvm")
                .expiresAt(T0.plus(Duration.ofMinutes(70))).build());

        clock.advance(Duration.ofMinutes(10));

        assertThat(service.currentToken(ALICE)).isEqualTo(theirs);
        assertThat(server.tokenCalls).hasValue(0);
    }

    @Test
    void aLosingRefresherNeverOverwritesANewerToken() throws Exception {
        OAuthToken old = storeTokenExpiringIn(Duration.ofMinutes(4));
        server.hold = new CountDownLatch(1);
        assertThat(service.currentToken(ALICE)).isEqualTo(old);
        assertThat(server.arrived.await(WAIT, TimeUnit.SECONDS)).isTrue();

        // Another JVM (no shared lock) stores a newer token while this JVM's refresh is at the server.
        OAuthToken theirs = store.saveToken(old.toBuilder().accessToken("access-other-jvm")
                .expiresAt(T0.plus(Duration.ofHours(2))).build());
        server.hold.countDown();
        awaitBackgroundRefresh();

        assertThat(stored()).isEqualTo(theirs);
        assertThat(service.currentToken(ALICE)).isEqualTo(theirs);
        assertThat(events.refreshed).isEmpty();
    }

    @Test
    void aDeleteDuringARefreshIsNotUndone() throws Exception {
        storeTokenExpiringIn(Duration.ofMinutes(4));
        server.hold = new CountDownLatch(1);
        service.currentToken(ALICE);
        assertThat(server.arrived.await(WAIT, TimeUnit.SECONDS)).isTrue();

        assertThat(service.delete(ALICE)).isTrue();
        server.hold.countDown();

        assertThat(events.failures.poll(WAIT, TimeUnit.SECONDS)).isInstanceOf(AuthorizationRequiredException.class);
        assertThat(store.getTokens()).isEmpty();
        assertThatThrownBy(() -> service.currentToken(ALICE)).isInstanceOf(AuthorizationRequiredException.class);
        assertThat(events.deleted).containsExactly(ALICE);
    }

    @Test
    void theRefreshLockIsHeldAroundEachRefreshAndTheStoreReReadInside() {
        storeTokenExpiringIn(Duration.ofSeconds(-1));
        List<String> trace = new ArrayList<>();
        RefreshLock lock = user -> {
            trace.add("acquire " + user.name() + " finds=" + store.finds.get());
            return () -> trace.add("release calls=" + server.tokenCalls.get());
        };
        service = new TokenService(store, client, RefreshPolicy.defaults(), lock, events, clock, refreshThreads);

        service.currentToken(ALICE);

        // One read fills the cache, then the lock, then the re-read under it, the call, the release.
        assertThat(trace).containsExactly("acquire alice@example.com finds=1", "release calls=1");
        assertThat(store.finds).hasValue(3);
    }

    // ---- a token the CRM rejected

    @Test
    void aRejectedTokenIsRefreshedOnceForAllWhoGotIt() {
        OAuthToken valid = storeTokenExpiringIn(Duration.ofMinutes(30));
        assertThat(service.currentToken(ALICE)).isEqualTo(valid);

        OAuthToken renewed = service.refreshRejected(ALICE, valid);
        OAuthToken again = service.refreshRejected(ALICE, valid);

        assertThat(renewed.accessToken()).isEqualTo("access-refreshed-1");
        assertThat(again).isEqualTo(renewed);
        assertThat(server.tokenCalls).hasValue(1);
        assertThat(stored()).isEqualTo(renewed);
    }

    @Test
    void aRejectedTokenIsNeverServedWhenItsRefreshFails() {
        OAuthToken valid = storeTokenExpiringIn(Duration.ofMinutes(30));
        server.tokenReplies = form -> new Reply(503, "text/plain", "");

        assertThatThrownBy(() -> service.refreshRejected(ALICE, valid)).isInstanceOf(AccountsServerException.class);
    }

    @Test
    void manyThreadsWithTheSameRejectedTokenCauseOneRefresh() throws Exception {
        OAuthToken valid = storeTokenExpiringIn(Duration.ofMinutes(30));
        service.currentToken(ALICE);
        server.hold = new CountDownLatch(1);
        int threads = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<OAuthToken>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> service.refreshRejected(ALICE, valid)));
            }
            assertThat(server.arrived.await(WAIT, TimeUnit.SECONDS)).isTrue();
            server.hold.countDown();
            for (Future<OAuthToken> r : results) {
                assertThat(r.get(WAIT, TimeUnit.SECONDS).accessToken()).isEqualTo("access-refreshed-1");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.tokenCalls).hasValue(1);
    }

    @Test
    void evictMakesTheNextCallReadTheStore() {
        OAuthToken old = storeTokenExpiringIn(Duration.ofMinutes(30));
        assertThat(service.currentToken(ALICE)).isEqualTo(old);
        OAuthToken changed = store.saveToken(old.toBuilder().accessToken("access-changed").build());
        assertThat(service.currentToken(ALICE)).as("still cached").isEqualTo(old);

        service.evict(ALICE);

        assertThat(service.currentToken(ALICE)).isEqualTo(changed);
        assertThat(server.tokenCalls).hasValue(0);
    }

    @Test
    void evictAllMakesEveryUsersNextCallReadTheStore() {
        UserSignature bob = new UserSignature("bob@example.com");
        OAuthToken alices = storeTokenExpiringIn(Duration.ofMinutes(30));
        OAuthToken bobs = store.saveToken(alices.toBuilder().id(null).userSignature(bob).accessToken("access-bob")
                .build());
        service.currentToken(ALICE);
        service.currentToken(bob);
        int finds = store.finds.get();

        service.evictAll();
        service.currentToken(ALICE);
        service.currentToken(bob);
        service.currentToken(ALICE);

        assertThat(store.finds.get() - finds).as("one read per user, then memory again").isEqualTo(2);
        assertThat(service.currentToken(bob)).isEqualTo(bobs);
    }

    @Test
    void aTokenReadBeforeAnEvictionIsNotCachedAfterIt() {
        OAuthToken expired = storeTokenExpiringIn(Duration.ofMinutes(-1));
        OAuthToken byOtherJvm = expired.toBuilder().accessToken("access-other-jvm")
                .expiresAt(clock.instant().plus(Duration.ofHours(1))).build();
        TokenService[] service = new TokenService[1];
        service[0] = serviceOnRacingStore(read -> {
            switch (read) {
                // The cache fill sees the expired token; meanwhile another JVM stores its refresh...
                case 1 -> store.saveToken(byOtherJvm);
                // ...which the refresh re-reads and takes; right after that read, the token changes again
                // and the change feed's eviction arrives.
                case 2 -> service[0].evict(ALICE);
                default -> {
                }
            }
        });

        assertThat(service[0].currentToken(ALICE).accessToken()).isEqualTo("access-other-jvm");
        OAuthToken newer = store.saveToken(byOtherJvm.toBuilder().accessToken("access-newer").build());

        assertThat(service[0].currentToken(ALICE)).as("read again, not the token read before the eviction")
                .isEqualTo(newer);
        assertThat(server.tokenCalls).hasValue(0);
    }

    @Test
    void reloadReadsTheStoreOnceSoThatTheNextCallsAreServedTheStoredTokenFromMemory() {
        OAuthToken old = storeTokenExpiringIn(Duration.ofMinutes(30));
        service.currentToken(ALICE);
        OAuthToken rotated = store.saveToken(old.toBuilder().accessToken("access-other-jvm")
                .refreshToken("refresh-other-jvm").expiresAt(clock.instant().plus(Duration.ofHours(1))).build());
        int finds = store.finds.get();

        service.reload(ALICE);
        int afterReload = store.finds.get();
        for (int i = 0; i < 3; i++) {
            assertThat(service.currentToken(ALICE)).isEqualTo(rotated);
        }

        assertThat(afterReload - finds).as("the reload's one read").isEqualTo(1);
        assertThat(store.finds.get()).as("no read by the calls after it").isEqualTo(afterReload);
        assertThat(server.tokenCalls).hasValue(0);
    }

    @Test
    void reloadOfATokenNoLongerStoredForgetsIt() {
        OAuthToken old = storeTokenExpiringIn(Duration.ofMinutes(30));
        service.currentToken(ALICE);
        store.deleteToken(old.id());

        service.reload(ALICE);

        assertThatThrownBy(() -> service.currentToken(ALICE)).isInstanceOf(AuthorizationRequiredException.class)
                .extracting(e -> ((AuthorizationRequiredException) e).reason())
                .isEqualTo(AuthorizationRequiredException.Reason.NO_TOKEN);
    }

    @Test
    void reloadOfAUserWithoutACachedTokenReadsNothing() {
        storeTokenExpiringIn(Duration.ofMinutes(30));
        int finds = store.finds.get();

        service.reload(ALICE);
        service.reload(new UserSignature("nobody@example.com"));

        assertThat(store.finds.get()).isEqualTo(finds);
        assertThatThrownBy(() -> service.reload(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reload");
    }

    @Test
    void aDeleteInThisJvmDuringAReloadsReadWinsOverWhatTheReadFound() {
        OAuthToken old = storeTokenExpiringIn(Duration.ofMinutes(30));
        TokenService[] service = new TokenService[1];
        service[0] = serviceOnRacingStore(read -> {
            if (read == 2) {
                // The reload has read the token; before it caches it, this JVM deletes the user's token.
                service[0].delete(ALICE);
            }
        });
        assertThat(service[0].currentToken(ALICE)).isEqualTo(old);

        service[0].reload(ALICE);

        assertThatThrownBy(() -> service[0].currentToken(ALICE)).as("the delete stands")
                .isInstanceOf(AuthorizationRequiredException.class);
    }

    @Test
    void aStoreThatFailsTheReloadLeavesTheCachedTokenAsItWas() {
        OAuthToken old = storeTokenExpiringIn(Duration.ofMinutes(30));
        service.currentToken(ALICE);
        store.failFindsAfter = store.finds.get();

        assertThatThrownBy(() -> service.reload(ALICE)).isInstanceOf(IllegalStateException.class);

        assertThat(service.currentToken(ALICE)).isEqualTo(old);
    }

    /**
     * A service on the test's store whose every read, once done, calls {@code afterRead} with its number (1 for
     * the first): the test's way to change the store or the service between a read and its use.
     */
    private TokenService serviceOnRacingStore(IntConsumer afterRead) {
        AtomicInteger reads = new AtomicInteger();
        TokenStore racing = new ForwardingTokenStore(store) {
            @Override
            public Optional<OAuthToken> findToken(OAuthToken token) {
                Optional<OAuthToken> found = super.findToken(token);
                afterRead.accept(reads.incrementAndGet());
                return found;
            }
        };
        return TokenService.builder(racing, OAuthProviders.single(ZohoProvider.of(client))).clock(clock)
                .executor(refreshThreads).build();
    }

    // ---- revoke and delete

    @Test
    void revokeRevokesTheRefreshTokenAndDeletes() {
        storeTokenExpiringIn(Duration.ofMinutes(30));
        service.currentToken(ALICE);

        assertThat(service.revoke(ALICE)).isTrue();

        assertThat(server.revokeQueries).extracting(q -> q.get("token")).containsExactly(REFRESH);
        assertThat(store.getTokens()).isEmpty();
        assertThat(events.deleted).containsExactly(ALICE);
        assertThatThrownBy(() -> service.currentToken(ALICE)).isInstanceOf(AuthorizationRequiredException.class);
        assertThat(service.revoke(ALICE)).isFalse();
        assertThat(server.revokeCalls).hasValue(1);
    }

    @Test
    void aFailedRevocationKeepsTheToken() {
        OAuthToken token = storeTokenExpiringIn(Duration.ofMinutes(30));
        server.revokeReply = new Reply(500, "text/plain", "");

        assertThatThrownBy(() -> service.revoke(ALICE)).isInstanceOf(AccountsServerException.class);

        assertThat(store.getTokens()).containsExactly(token);
    }

    @Test
    void deleteStaysLocalByDefault() {
        storeTokenExpiringIn(Duration.ofMinutes(30));

        assertThat(service.delete(ALICE)).isTrue();

        assertThat(TokenService.DEFAULT_REVOKE_ON_DELETE).isFalse();
        assertThat(server.revokeCalls).hasValue(0);
        assertThat(store.getTokens()).isEmpty();
    }

    @Test
    void deleteWithRevokeOnDeleteRevokesFirst() {
        storeTokenExpiringIn(Duration.ofMinutes(30));
        service = new TokenService(store, client, RefreshPolicy.defaults(), RefreshLock.inJvm(), events, clock,
                refreshThreads, true);

        assertThat(service.delete(ALICE)).isTrue();

        assertThat(server.revokeQueries).extracting(q -> q.get("token")).containsExactly(REFRESH);
        assertThat(store.getTokens()).isEmpty();
        assertThat(events.deleted).containsExactly(ALICE);
        assertThat(events.revokeFailures).isEmpty();
    }

    @Test
    void aFailedRevokeOnDeleteIsReportedAndTheTokenIsDeletedAnyway() {
        storeTokenExpiringIn(Duration.ofMinutes(30));
        server.revokeReply = new Reply(503, "text/plain", "");
        service = new TokenService(store, client, RefreshPolicy.defaults(), RefreshLock.inJvm(), events, clock,
                refreshThreads, true);

        assertThat(service.delete(ALICE)).isTrue();

        assertThat(store.getTokens()).isEmpty();
        assertThat(events.deleted).containsExactly(ALICE);
        assertThat(events.revokeFailures).singleElement().satisfies(f -> {
            assertThat(f.messageId()).isEqualTo("TOKENSTORE-0330");
            assertThat(f).hasMessage("TOKENSTORE-0330: revoking the token of user 'alice@example.com' at the "
                    + "accounts server failed (TOKENSTORE-0240); the token was deleted from the store anyway");
            assertThat(f.getCause()).isInstanceOf(AccountsServerException.class);
        });
    }

    @Test
    void anUnreachableAccountsServerDoesNotStopTheDelete() {
        storeTokenExpiringIn(Duration.ofMinutes(30));
        server.close();
        service = new TokenService(store, client, RefreshPolicy.defaults(), RefreshLock.inJvm(), events, clock,
                refreshThreads, true);

        assertThat(service.delete(ALICE)).isTrue();

        assertThat(store.getTokens()).isEmpty();
        assertThat(events.revokeFailures).singleElement().extracting(TokenStoreException::getMessage)
                .asString().startsWith("TOKENSTORE-0330: revoking the token of user 'alice@example.com' at the "
                        + "accounts server failed (TOKENSTORE-024");
    }

    // ---- listener and arguments

    @Test
    void aFailingListenerDoesNotBreakTheService() {
        service = new TokenService(store, client, RefreshPolicy.defaults(), RefreshLock.inJvm(), new TokenListener() {
            @Override
            public void tokenSaved(OAuthToken token) {
                throw new IllegalStateException("listener bug");
            }
        }, clock, refreshThreads);

        assertThat(service.authorize("1000.grant-code", ALICE).accessToken()).isEqualTo("access-1");
        assertThat(store.getTokens()).hasSize(1);
    }

    @Test
    void argumentsAreCheckedByName() {
        assertThatThrownBy(() -> new TokenService(null, client))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOKENSTORE-0203: TokenService: store is null");
        assertThatThrownBy(() -> new TokenService(store, client, RefreshPolicy.defaults(), RefreshLock.inJvm(),
                events, null, null))
                .hasMessage("TOKENSTORE-0203: TokenService: clock is null");
        assertThatThrownBy(() -> service.authorize(" ", ALICE))
                .hasMessage("TOKENSTORE-0200: TokenService.authorize: grantCode is null or blank");
        assertThatThrownBy(() -> service.currentToken(null))
                .hasMessage("TOKENSTORE-0203: TokenService.currentToken: user is null");
        assertThatThrownBy(() -> new RefreshPolicy(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1)))
                .hasMessage("TOKENSTORE-0201: RefreshPolicy: refreshAhead is PT10S; it must be at least expirySkew "
                        + "(PT30S)");
        assertThatThrownBy(() -> new RefreshPolicy(Duration.ofMinutes(5), Duration.ofSeconds(-1), Duration.ofMinutes(1)))
                .hasMessage("TOKENSTORE-0201: RefreshPolicy: expirySkew is PT-1S; it must be zero or positive");
        assertThatThrownBy(() -> new RefreshPolicy(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ZERO))
                .hasMessage("TOKENSTORE-0201: RefreshPolicy: throttleBackOff is PT0S; it must be positive");
        assertThat(server.tokenCalls).hasValue(0);
    }

    /** Waits until the background refresh has ended: the single refresh thread runs a task queued behind it. */
    private void awaitBackgroundRefresh() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        refreshThreads.execute(done::countDown);
        assertThat(done.await(WAIT, TimeUnit.SECONDS)).isTrue();
    }

    static final class RecordingListener implements TokenListener {
        final List<OAuthToken> saved = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<OAuthToken> refreshed = new java.util.concurrent.CopyOnWriteArrayList<>();
        final BlockingQueue<OAuthToken> refreshedQueue = new LinkedBlockingQueue<>();
        final BlockingQueue<TokenStoreException> failures = new LinkedBlockingQueue<>();
        final List<UserSignature> deleted = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<TokenStoreException> revokeFailures = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void revokeFailed(UserSignature user, TokenStoreException failure) {
            revokeFailures.add(failure);
        }

        @Override
        public void tokenSaved(OAuthToken token) {
            saved.add(token);
        }

        @Override
        public void tokenRefreshed(OAuthToken token) {
            refreshed.add(token);
            refreshedQueue.add(token);
        }

        @Override
        public void refreshFailed(UserSignature user, TokenStoreException failure) {
            failures.add(failure);
        }

        @Override
        public void tokenDeleted(UserSignature user) {
            deleted.add(user);
        }
    }
}
