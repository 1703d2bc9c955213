package io.github.tokenstore.oauth;

import io.github.tokenstore.AuthorizationRequiredException;
import io.github.tokenstore.OAuthProviderException;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.ThrottledException;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.core.CoreMessages;
import io.github.tokenstore.core.Timing;
import io.github.tokenstore.provider.OAuthProvider;
import io.github.tokenstore.provider.OAuthProviders;
import io.github.tokenstore.provider.ProviderError;
import io.github.tokenstore.spi.RefreshLock;
import io.github.tokenstore.spi.TokenListener;
import io.github.tokenstore.spi.TokenMetrics;
import io.github.tokenstore.spi.TokenMetrics.EndpointOperation;
import io.github.tokenstore.spi.TokenMetrics.RefreshOutcome;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import static io.github.tokenstore.oauth.RefreshRules.expiresLater;
import static io.github.tokenstore.oauth.RefreshRules.isUnexpired;
import static io.github.tokenstore.oauth.RefreshRules.sameAccessToken;

/**
 * The part of the {@link TokenService} that refreshes: one refresh per user at a time however many threads
 * ask (single flight), each under the user's cross-JVM {@link RefreshLock}, which it holds from the re-read
 * of the store until the refreshed token is saved. So a refresh token the provider rotates is in the store
 * before any other JVM may refresh, and a refresh always starts from the newest stored refresh token, never
 * from one a JVM has in memory.
 *
 * <ul>
 *   <li>After the lock, the stored token is read again; a usable token another JVM stored meanwhile is
 *       taken instead of refreshing.</li>
 *   <li>A stored token the provider refused ({@link OAuthToken#refusedAt()}) is never sent again, by any
 *       JVM, after a restart too: callers get {@link AuthorizationRequiredException} until the user logs in
 *       again. An {@code invalid_grant} answer writes that refusal, keeping the row for audit.</li>
 *   <li>An answer without a refresh token (Google, Zoho) keeps the stored one; one with a new refresh token
 *       (Salesforce, Microsoft) replaces it in the same save.</li>
 *   <li>Before saving, the store is read once more, so that a token stored meanwhile without the lock (a
 *       login, another JVM with an in-JVM lock) is never overwritten by an older one, or a deleted one
 *       brought back.</li>
 * </ul>
 * Thread-safe.
 */
final class RefreshCoordinator {

    private static final System.Logger LOG = System.getLogger(RefreshCoordinator.class.getName());

    private final ClientStore store;
    private final OAuthProviders providers;
    private final RefreshRules rules;
    private final RefusalBook book;
    private final TokenCache cache;
    private final RefreshLock refreshLock;
    private final TokenListener listener;
    private final TokenMetrics metrics;
    private final Clock clock;
    private final Executor executor;
    /**
     * Background refreshes handed over by callers, which the drain passes to the executor: a caller's hand-over
     * is a queue offer, not an executor submission (a lock, a thread's wake-up, a managed executor's context
     * capture), except for the first after the drain went idle, which submits the drain.
     */
    private final ConcurrentLinkedQueue<Flight> handedOver = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    RefreshCoordinator(ClientStore store, OAuthProviders providers, RefreshRules rules, RefusalBook book,
                       TokenCache cache, RefreshLock refreshLock, TokenListener listener, TokenMetrics metrics,
                       Clock clock, Executor executor) {
        this.store = store;
        this.providers = providers;
        this.rules = rules;
        this.book = book;
        this.cache = cache;
        this.refreshLock = refreshLock;
        this.listener = listener;
        this.metrics = metrics;
        this.clock = clock;
        this.executor = executor;
    }

    /** Starts one background refresh of the user's token {@code t}, unless one runs or a back-off is on. */
    void startBackground(TokenCache.Entry s, OAuthToken t, Instant now) {
        // Checked without the monitor first, so callers in the refresh-ahead window never wait for it.
        if (s.flight != null || t.refusedAt() != null || book.throttledUntil(t.refreshToken(), now) != null) {
            return;
        }
        Flight f;
        synchronized (s) {
            if (s.flight != null || s.token() != t
                    || (s.retryBackgroundAt != null && now.isBefore(s.retryBackgroundAt))) {
                return;
            }
            f = new Flight(s, t, null, s.generation, true);
            s.flight = f;
            // Until the refresh ends, the hot path serves t while it is usable: no slow path meanwhile.
            s.holdWhileRefreshing(t);
        }
        handedOver.offer(f);
        if (draining.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                // The next hand-over tries again; meanwhile the flights stay registered, and the first caller
                // that has to wait runs its own.
                draining.set(false);
                LOG.log(System.Logger.Level.DEBUG, OAuthMessages.backgroundRefreshRejected());
            }
        }
    }

    /** Passes the handed-over refreshes to the executor until none is left, then goes idle. */
    private void drain() {
        do {
            for (Flight f; (f = handedOver.poll()) != null; ) {
                Flight flight = f;
                try {
                    executor.execute(() -> run(flight));
                } catch (RejectedExecutionException e) {
                    // The flight stays registered; the first caller that has to wait runs it itself.
                    LOG.log(System.Logger.Level.DEBUG, OAuthMessages.backgroundRefreshRejected());
                }
            }
            draining.set(false);
            // A hand-over between the last poll and going idle found the drain busy: take it up again.
        } while (!handedOver.isEmpty() && draining.compareAndSet(false, true));
    }

    /**
     * Waits for the user's one refresh, starting it (in this thread) if none is in flight.
     *
     * @param t        the token the caller has
     * @param rejected the token the API rejected, for a refresh that ignores freshness; else {@code null}
     */
    OAuthToken await(TokenCache.Entry s, OAuthToken t, OAuthToken rejected) {
        Instant now = clock.instant();
        Flight f;
        synchronized (s) {
            OAuthToken current = s.token();
            // Refreshed while this caller looked at the old token: no second refresh.
            if (current != null && current != t && current.refusedAt() == null && rules.isUsable(current, now)
                    && (rejected == null || !sameAccessToken(current, rejected))) {
                return current;
            }
            f = s.flight;
            if (f == null) {
                Instant until = book.throttledUntil(t.refreshToken(), now);
                if (until != null) {
                    if (rejected == null && isUnexpired(t, now)) {
                        return t;
                    }
                    throw OAuthMessages.throttleBackOff(s.user, until);
                }
                f = new Flight(s, t, rejected, s.generation, false);
                s.flight = f;
            }
        }
        run(f);
        try {
            return f.result.get();
        } catch (ExecutionException e) {
            if (rejected == null && isUnexpired(t, clock.instant())) {
                // Inside the skew the old token still works; the failure went to the listener.
                return t;
            }
            throw rethrowable(s.user, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw OAuthMessages.oauthInterrupted("wait for the token refresh");
        }
    }

    /** Runs the flight unless another thread already does; completes its result either way it ends. */
    private void run(Flight f) {
        if (!f.claimed.compareAndSet(false, true)) {
            return;
        }
        TokenCache.Entry s = f.entry;
        OAuthToken result = null;
        TokenStoreException failure = null;
        Refreshed refreshed = null;
        try {
            refreshed = refresh(f);
            result = refreshed.token;
        } catch (TokenStoreException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = OAuthMessages.refreshFailed(s.user, e);
        } catch (Error e) {
            failure = OAuthMessages.refreshFailed(s.user, e);
            throw e;
        } finally {
            synchronized (s) {
                if (s.flight == f) {
                    s.flight = null;
                }
                // Unless the refresh cached another token, the usual rule again (a failure's back-off, a next
                // background refresh).
                s.releaseHold(f.basis);
                if (failure != null && f.background) {
                    s.retryBackgroundAt = clock.instant().plus(rules.policy().throttleBackOff());
                } else if (failure == null) {
                    s.retryBackgroundAt = null;
                }
            }
            if (failure != null) {
                f.result.completeExceptionally(failure);
            } else {
                f.result.complete(result);
            }
        }
        recordOutcome(s.user, refreshed, failure);
        if (failure != null) {
            TokenStoreException reported = failure;
            TokenService.notify(listener, l -> l.refreshFailed(s.user, reported), "refreshFailed");
        } else if (refreshed.exchanged) {
            OAuthToken saved = refreshed.token;
            TokenService.notify(listener, l -> l.tokenSaved(saved), "tokenSaved");
        } else if (refreshed.saved) {
            OAuthToken saved = refreshed.token;
            TokenService.notify(listener, l -> l.tokenRefreshed(saved), "tokenRefreshed");
        }
    }

    /** Keeps the refused users and tells the metrics how a refresh ended. */
    private void recordOutcome(UserSignature user, Refreshed refreshed, TokenStoreException failure) {
        RefreshOutcome outcome;
        if (failure == null) {
            book.cleared(user.name());
            outcome = refreshed.saved ? RefreshOutcome.SUCCESS : RefreshOutcome.ADOPTED;
        } else if (failure instanceof ThrottledException) {
            outcome = RefreshOutcome.THROTTLED;
        } else if (refused(failure)) {
            book.userRefused(user.name());
            outcome = RefreshOutcome.REFUSED;
        } else {
            if (failure instanceof AuthorizationRequiredException a
                    && a.reason() == AuthorizationRequiredException.Reason.NO_TOKEN) {
                book.cleared(user.name());
            }
            outcome = RefreshOutcome.FAILURE;
        }
        try {
            metrics.refreshEnded(outcome);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, CoreMessages.metricsReportThrew(e));
        }
    }

    /** Whether the provider refused the stored refresh token or grant code. */
    private static boolean refused(TokenStoreException failure) {
        return failure instanceof AuthorizationRequiredException a
                && (a.reason() == AuthorizationRequiredException.Reason.REFRESH_TOKEN_REFUSED
                || a.reason() == AuthorizationRequiredException.Reason.GRANT_CODE_REFUSED);
    }

    /** The token a flight ended with, whether this JVM saved it, and whether it came from a grant code. */
    private record Refreshed(OAuthToken token, boolean saved, boolean exchanged) {
        Refreshed(OAuthToken token, boolean saved) {
            this(token, saved, false);
        }
    }

    private Refreshed refresh(Flight f) {
        UserSignature user = f.entry.user;
        RefreshLock.Lease lease = refreshLock.acquire(user, store.client());
        try {
            long evictions;
            synchronized (f.entry) {
                evictions = f.entry.evictions;
            }
            // Another JVM may have refreshed while this one waited for the lock.
            OAuthToken stored = store.find(user).orElse(null);
            Instant now = clock.instant();
            if (stored == null) {
                forget(f);
                throw OAuthMessages.noTokenStored(user);
            }
            if (rules.canAdopt(stored, f.basis, f.rejected, now)) {
                return new Refreshed(cache(f, stored, evictions), false);
            }
            if (stored.refusedAt() != null) {
                // Refused before, by this JVM or another, maybe before a restart: asking again only spends
                // the provider's limits.
                cache(f, stored, evictions);
                throw stored.refreshToken() == null ? OAuthMessages.grantCodeRefused(user, null)
                        : OAuthMessages.refreshTokenRefused(user, null);
            }
            if (stored.refreshToken() == null && stored.grantToken() != null) {
                return exchangeStoredGrant(f, stored);
            }
            if (stored.refreshToken() == null) {
                throw OAuthMessages.noRefreshToken(user);
            }
            if (book.isRefused(stored.refreshToken())) {
                throw OAuthMessages.refreshTokenRefused(user, null);
            }
            Instant until = book.throttledUntil(stored.refreshToken(), now);
            if (until != null) {
                throw OAuthMessages.throttleBackOff(user, until);
            }
            TokenResponse response;
            OAuthProvider provider = TokenService.providerOf(providers, stored);
            String refreshToken = stored.refreshToken();
            try {
                response = callTokenEndpoint(EndpointOperation.REFRESH, () -> provider.refresh(refreshToken));
            } catch (ThrottledException e) {
                throw OAuthMessages.throttleBackOff(user, book.recordThrottle(refreshToken));
            } catch (OAuthProviderException e) {
                if (provider.classify(e) == ProviderError.INVALID_GRANT) {
                    book.refuse(refreshToken);
                    markRefused(f, stored);
                    throw OAuthMessages.refreshTokenRefused(user, e);
                }
                throw e;
            }
            book.answered(refreshToken);
            OAuthToken fresh = stored.toBuilder()
                    .accessToken(response.accessToken())
                    .expiresAt(clock.instant().plus(response.expiresIn()))
                    .apiDomain(response.apiDomain() != null ? response.apiDomain() : stored.apiDomain())
                    // Rotation: the new refresh token goes into this save, still under the lock.
                    .refreshToken(response.refreshToken() != null ? response.refreshToken() : refreshToken)
                    .build();
            return save(f, stored, fresh);
        } finally {
            lease.close();
        }
    }

    /**
     * Exchanges a grant code stored with the user's token (put there by a Zoho SDK, or by hand for a
     * self-client) for tokens; the used code is cleared, since it is single-use.
     */
    private Refreshed exchangeStoredGrant(Flight f, OAuthToken stored) {
        UserSignature user = f.entry.user;
        String grantCode = stored.grantToken();
        if (book.isRefused(grantCode)) {
            throw OAuthMessages.grantCodeRefused(user, null);
        }
        Instant until = book.throttledUntil(grantCode, clock.instant());
        if (until != null) {
            throw OAuthMessages.throttleBackOff(user, until);
        }
        TokenResponse response;
        OAuthProvider provider = TokenService.providerOf(providers, stored);
        try {
            response = callTokenEndpoint(EndpointOperation.GRANT, () -> provider.exchangeCode(grantCode));
        } catch (ThrottledException e) {
            throw OAuthMessages.throttleBackOff(user, book.recordThrottle(grantCode));
        } catch (OAuthProviderException e) {
            if (provider.classify(e) == ProviderError.INVALID_GRANT) {
                book.refuse(grantCode);
                markRefused(f, stored);
                throw OAuthMessages.grantCodeRefused(user, e);
            }
            throw e;
        }
        OAuthToken fresh = stored.toBuilder()
                .grantToken(null)
                .accessToken(response.accessToken())
                .refreshToken(response.refreshToken())
                .expiresAt(clock.instant().plus(response.expiresIn()))
                .apiDomain(response.apiDomain() != null ? response.apiDomain() : stored.apiDomain())
                .build();
        Refreshed r = save(f, stored, fresh);
        return r.saved ? new Refreshed(r.token, true, true) : r;
    }

    /**
     * Writes the provider's refusal of the stored token into the store, still under the lock, so that no JVM
     * sends it again; the row stays for audit. A store that fails here only loses the mark: the refusal is
     * still thrown, and this JVM's book keeps it.
     */
    private void markRefused(Flight f, OAuthToken stored) {
        TokenCache.Entry s = f.entry;
        synchronized (s) {
            if (s.generation != f.generation) {
                return;
            }
            try {
                s.token(store.save(stored.toBuilder().refusedAt(clock.instant()).build()));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, OAuthMessages.refusalNotSaved(s.user, e));
            }
        }
    }

    /** Saves a refreshed token unless the user's token changed meanwhile; caches what wins. */
    private Refreshed save(Flight f, OAuthToken basis, OAuthToken fresh) {
        TokenCache.Entry s = f.entry;
        synchronized (s) {
            if (s.generation != f.generation) {
                // Deleted or re-authorized in this JVM during the refresh: that decision stands.
                if (s.token() == null) {
                    throw OAuthMessages.noTokenStored(s.user);
                }
                return new Refreshed(s.token(), false);
            }
            // Without a cross-JVM lock another JVM may have stored a newer token, or deleted it, meanwhile:
            // never overwrite it with an older one, never bring it back.
            OAuthToken latest = store.find(s.user).orElse(null);
            if (latest == null) {
                s.token(null);
                throw OAuthMessages.noTokenStored(s.user);
            }
            if (!sameAccessToken(latest, basis) && expiresLater(latest, fresh)) {
                s.token(latest);
                return new Refreshed(latest, false);
            }
            OAuthToken saved = store.save(fresh.toBuilder().id(latest.id()).build());
            s.token(saved);
            return new Refreshed(saved, true);
        }
    }

    /** Caches a token read from the store, unless a login, a delete or an eviction came after the read. */
    private OAuthToken cache(Flight f, OAuthToken token, long evictionsAtRead) {
        TokenCache.Entry s = f.entry;
        synchronized (s) {
            if (s.generation == f.generation && s.evictions == evictionsAtRead) {
                s.token(token);
            }
            return token;
        }
    }

    private void forget(Flight f) {
        TokenCache.Entry s = f.entry;
        synchronized (s) {
            if (s.generation == f.generation) {
                s.token(null);
            }
        }
    }

    /** Times a call to the token endpoint for the metrics. */
    <T> T callTokenEndpoint(EndpointOperation operation, Supplier<T> call) {
        return Timing.timed(call, (nanos, failure) -> metrics.tokenEndpointCalled(operation, nanos, failure));
    }

    private static TokenStoreException rethrowable(UserSignature user, Throwable cause) {
        return cause instanceof TokenStoreException e ? e : OAuthMessages.refreshFailed(user, cause);
    }

    /** One refresh of one user's token, shared by every caller that waits for it. */
    static final class Flight {
        final TokenCache.Entry entry;
        /** The token the refresh started from. */
        final OAuthToken basis;
        /** The token the API rejected, for a refresh that ignores freshness; else {@code null}. */
        final OAuthToken rejected;
        final long generation;
        final boolean background;
        final AtomicBoolean claimed = new AtomicBoolean();
        final CompletableFuture<OAuthToken> result = new CompletableFuture<>();

        Flight(TokenCache.Entry entry, OAuthToken basis, OAuthToken rejected, long generation, boolean background) {
            this.entry = entry;
            this.basis = basis;
            this.rejected = rejected;
            this.generation = generation;
            this.background = background;
        }
    }
}
