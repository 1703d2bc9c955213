package io.github.tokenstore.oauth;

import io.github.tokenstore.AccountsServerException;
import io.github.tokenstore.AuthorizationRequiredException;
import io.github.tokenstore.OAuthProviderException;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.ThrottledException;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.core.CoreMessages;
import io.github.tokenstore.core.Timing;
import io.github.tokenstore.core.TokenHashes;
import io.github.tokenstore.login.LoginMessages;
import io.github.tokenstore.provider.OAuthProvider;
import io.github.tokenstore.provider.OAuthProviders;
import io.github.tokenstore.provider.ProviderError;
import io.github.tokenstore.spi.RefreshLock;
import io.github.tokenstore.spi.TokenListener;
import io.github.tokenstore.spi.TokenMetrics.EndpointOperation;
import io.github.tokenstore.spi.TokenMetrics.RefreshOutcome;
import io.github.tokenstore.zoho.ZohoProvider;
import io.github.tokenstore.spi.TokenMetrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Hands out valid access tokens per user, refreshing them ahead of expiry exactly once, and takes users
 * through authorization, revocation and deletion. All tokens go through one {@link TokenStore}.
 *
 * <h2>Serving tokens</h2>
 * {@link #currentToken} serves a valid token from memory: no store round trip while the cached token has
 * more than {@link RefreshPolicy#refreshAhead()} left. The cache is filled from the store on a user's
 * first call and kept coherent with it: {@link #authorize}, {@link #delete}, {@link #revoke} and every
 * refresh write the store and the cache together; {@link #evict} forgets a user's cached token after the
 * store was changed behind the service's back. A refresh made by another JVM is picked up when it
 * matters: every refresh re-reads the store first and takes a usable token it finds there instead of
 * calling the accounts server (Zoho keeps earlier access tokens valid until they expire, so a cached
 * token stays usable until then).
 *
 * <h2>Refreshing</h2>
 * <ul>
 *   <li>Less than {@code refreshAhead} left: one background refresh starts; callers keep getting the
 *       still-valid token without waiting.</li>
 *   <li>Less than {@code expirySkew} left, or expired: callers wait for the one shared refresh of the
 *       user (single flight: however many threads ask, one request goes to the accounts server). If it
 *       fails while the token has not yet expired, they get the old token.</li>
 *   <li>Each refresh holds the {@link RefreshLock} of the user, so JVMs sharing the store refresh once;
 *       after acquiring it the store is re-read, and before saving it is read again so that a token
 *       stored meanwhile by another JVM is never overwritten by an older one.</li>
 *   <li>When the accounts server throttles ("Access Denied"), no refresh with that refresh token is tried
 *       until the back-off ends; a still-valid token is served meanwhile, an expired one is a
 *       {@link ThrottledException} carrying the time of the next attempt.</li>
 * </ul>
 *
 * <h2>Failures</h2>
 * {@link AuthorizationRequiredException} when no token (or no refresh token) is stored for the user, or
 * the accounts server refused the stored refresh token or grant code ({@code invalid_code}; it is then
 * never sent again),
 * {@link OAuthProviderException} (with {@link ThrottledException}) when the accounts server refuses,
 * {@link AccountsServerException} when it cannot be reached, {@link TokenStoreException} when the store
 * fails. No message holds a secret.
 *
 * <h2>Refused tokens and metrics</h2>
 * {@link #refusedTokenCount()} counts the users whose stored refresh token (or grant code) the accounts
 * server refused, until they authorize again or their token is deleted: what the health check reports.
 * A {@link TokenMetrics} given to the constructor is told about served tokens (from memory or not),
 * refresh outcomes and token-endpoint latency.
 *
 * <p>Thread-safe. {@link #close()} stops the background refresh threads the service made itself.
 */
public final class TokenService implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(TokenService.class.getName());
    private static final String OWNER = "TokenService";
    /** Threads of the service's own background refresh pool; a caller that must wait runs a queued refresh itself. */
    private static final int OWN_REFRESH_THREADS = 2;
    /**
     * Whether {@link #delete} revokes at the accounts server first unless told otherwise: no, a delete
     * stays local, as before revoke-on-delete existed; {@link #revoke} always revokes.
     */
    public static final boolean DEFAULT_REVOKE_ON_DELETE = false;

    private final TokenStore store;
    private final OAuthProviders providers;
    private final RefreshPolicy policy;
    private final RefreshLock refreshLock;
    private final TokenListener listener;
    private final TokenMetrics metrics;
    private final Clock clock;
    private final Executor refreshExecutor;
    private final ExecutorService ownExecutor;
    private final long refreshAheadMillis;
    private final boolean revokeOnDelete;

    private final ConcurrentHashMap<String, UserState> users = new ConcurrentHashMap<>();
    /** Back-offs after throttling, by the SHA-256 of the refresh token they apply to. */
    private final ConcurrentHashMap<String, Throttle> throttles = new ConcurrentHashMap<>();
    /** Refresh tokens and grant codes the accounts server refused (invalid_code), by SHA-256: never sent again. */
    private final Set<String> refusedRefreshTokens = ConcurrentHashMap.newKeySet();
    /**
     * Users whose stored refresh token or grant code was refused, by name, until they authorize again, their
     * token is deleted or a refresh of theirs succeeds (another JVM may have stored a new token). In memory
     * only: counted for health checks, never shown by name.
     */
    private final Set<String> refusedUsers = ConcurrentHashMap.newKeySet();

    /**
     * A service with the default {@link RefreshPolicy}, single flight within this JVM only
     * ({@link RefreshLock#inJvm()}), no listener, the system clock and its own two background refresh
     * threads (daemons, stopped by {@link #close()}).
     *
     * @throws IllegalArgumentException if an argument is null
     */
    public TokenService(TokenStore store, ZohoAccountsClient client) {
        this(store, client, RefreshPolicy.defaults(), RefreshLock.inJvm(), TokenListener.NONE, Clock.systemUTC(),
                null);
    }

    /**
     * A service with every collaborator given.
     *
     * @param store           where tokens are kept
     * @param client          the accounts server's client
     * @param policy          when to refresh and how to back off
     * @param refreshLock     excludes other JVMs from refreshing the same user's token at the same time
     * @param listener        told about saved, refreshed, failed and deleted tokens
     * @param clock           the time (tests pass a fixed or adjustable clock)
     * @param refreshExecutor runs background refreshes (in a Jakarta EE server, a managed executor); {@code
     *                        null} makes the service use two threads of its own
     * @throws IllegalArgumentException if an argument other than {@code refreshExecutor} is null; the
     *                                  message names it
     */
    public TokenService(TokenStore store, ZohoAccountsClient client, RefreshPolicy policy, RefreshLock refreshLock,
                        TokenListener listener, Clock clock, Executor refreshExecutor) {
        this(store, client, policy, refreshLock, listener, clock, refreshExecutor, DEFAULT_REVOKE_ON_DELETE);
    }

    /**
     * A service with every collaborator given, and whether {@link #delete} revokes the token at the
     * accounts server first (with CDI the key {@code tokenstore.revoke-on-delete}, default
     * {@value #DEFAULT_REVOKE_ON_DELETE}).
     *
     * @param revokeOnDelete whether {@link #delete} revokes the refresh token first; a failed revocation is
     *                       reported to the listener and logged, and the token is deleted anyway
     * @throws IllegalArgumentException if an argument other than {@code refreshExecutor} is null
     * @see #TokenService(TokenStore, ZohoAccountsClient, RefreshPolicy, RefreshLock, TokenListener, Clock, Executor)
     */
    public TokenService(TokenStore store, ZohoAccountsClient client, RefreshPolicy policy, RefreshLock refreshLock,
                        TokenListener listener, Clock clock, Executor refreshExecutor, boolean revokeOnDelete) {
        this(store, client, policy, refreshLock, listener, TokenMetrics.NONE, clock, refreshExecutor, revokeOnDelete);
    }

    /**
     * A service with every collaborator given, measured by {@code metrics}, deletes staying local
     * ({@value #DEFAULT_REVOKE_ON_DELETE}).
     *
     * @param metrics told about served tokens, refreshes and token-endpoint calls ({@link TokenMetrics#NONE}
     *                for none)
     * @throws IllegalArgumentException if an argument other than {@code refreshExecutor} is null; the
     *                                  message names it
     * @see #TokenService(TokenStore, ZohoAccountsClient, RefreshPolicy, RefreshLock, TokenListener, Clock, Executor)
     */
    public TokenService(TokenStore store, ZohoAccountsClient client, RefreshPolicy policy, RefreshLock refreshLock,
                        TokenListener listener, TokenMetrics metrics, Clock clock, Executor refreshExecutor) {
        this(store, client, policy, refreshLock, listener, metrics, clock, refreshExecutor, DEFAULT_REVOKE_ON_DELETE);
    }

    /**
     * A service with every collaborator given, measured by {@code metrics}, and whether {@link #delete}
     * revokes first.
     *
     * @throws IllegalArgumentException if an argument other than {@code refreshExecutor} is null; the
     *                                  message names it
     * @see #TokenService(TokenStore, ZohoAccountsClient, RefreshPolicy, RefreshLock, TokenListener, Clock, Executor,
     *      boolean)
     */
    public TokenService(TokenStore store, ZohoAccountsClient client, RefreshPolicy policy, RefreshLock refreshLock,
                        TokenListener listener, TokenMetrics metrics, Clock clock, Executor refreshExecutor,
                        boolean revokeOnDelete) {
        this(store, OAuthProviders.single(ZohoProvider.of(required("client", client))), policy, refreshLock,
                listener, metrics, clock, refreshExecutor, revokeOnDelete);
    }

    /**
     * A service whose tokens may come from several servers of the provider (Zoho's data centers): each
     * token is refreshed and revoked at the server that issued it ({@link OAuthToken#dataCenter()}, {@code
     * null} meaning the default one), with that server's client secret; {@link #authorize} exchanges at
     * {@link OAuthProviders#loginStart()}. A token whose server is not allowed cannot be refreshed or revoked
     * ({@code TOKENSTORE-0838}).
     *
     * @param providers the provider's servers, e.g. {@link io.github.tokenstore.zoho.ZohoDataCenters}
     * @throws IllegalArgumentException if an argument other than {@code refreshExecutor} is null
     * @see #TokenService(TokenStore, ZohoAccountsClient, RefreshPolicy, RefreshLock, TokenListener, TokenMetrics,
     *      Clock, Executor, boolean)
     */
    public TokenService(TokenStore store, OAuthProviders providers, RefreshPolicy policy, RefreshLock refreshLock,
                        TokenListener listener, TokenMetrics metrics, Clock clock, Executor refreshExecutor,
                        boolean revokeOnDelete) {
        this.revokeOnDelete = revokeOnDelete;
        this.store = required("store", store);
        this.providers = required("providers", providers);
        this.policy = required("policy", policy);
        this.refreshLock = required("refreshLock", refreshLock);
        this.listener = required("listener", listener);
        this.metrics = required("metrics", metrics);
        this.clock = required("clock", clock);
        this.refreshAheadMillis = millis(policy.refreshAhead());
        if (refreshExecutor == null) {
            this.ownExecutor = newOwnExecutor();
            this.refreshExecutor = ownExecutor;
        } else {
            this.ownExecutor = null;
            this.refreshExecutor = refreshExecutor;
        }
    }

    /**
     * Exchanges a grant code for tokens and saves them as the user's token, replacing any token stored
     * for the user. Call it from the redirect URI's handler ("Login with Zoho").
     *
     * @param grantCode the {@code code} handed to the redirect URI
     * @param user      whose token it becomes
     * @return the token as stored
     * @throws IllegalArgumentException if an argument is null or blank
     * @throws OAuthProviderException   if the accounts server refuses the code ({@code invalid_code}: used or
     *                                  older than 3 minutes; {@code invalid_client})
     * @throws AccountsServerException  if the accounts server cannot be reached
     * @throws TokenStoreException      if the store fails
     */
    public OAuthToken authorize(String grantCode, UserSignature user) {
        if (grantCode == null || grantCode.isBlank()) {
            throw OAuthMessages.oauthArgumentMissing(OWNER + ".authorize", "grantCode");
        }
        requireUser("authorize", user);
        OAuthProvider provider = providers.loginStart();
        TokenResponse response = callTokenEndpoint(EndpointOperation.GRANT, () -> provider.exchangeCode(grantCode));
        OAuthToken token = OAuthToken.builder()
                .userSignature(user)
                .clientId(provider.clientId())
                .refreshToken(response.refreshToken())
                .accessToken(response.accessToken())
                .expiresAt(clock.instant().plus(response.expiresIn()))
                .redirectUrl(provider.redirectUri())
                .apiDomain(response.apiDomain())
                .build();
        return saveAuthorized(token);
    }

    /**
     * Saves a token the caller got from the provider itself (the login flow, after checking the ID token) as
     * the user's token, replacing any token stored for the user, in the store and this service's cache
     * together; a refresh of the previous token still in flight does not overwrite it. Listeners hear
     * {@code tokenSaved}.
     *
     * @param token the token, with its user signature
     * @return the token as stored
     * @throws IllegalArgumentException if {@code token} or its user signature is null
     * @throws TokenStoreException      if the store fails
     */
    public OAuthToken saveAuthorized(OAuthToken token) {
        if (token == null) {
            throw CoreMessages.oauthArgumentNull(OWNER + ".saveAuthorized", "token");
        }
        UserSignature user = token.userSignature();
        requireUser("saveAuthorized", user);
        UserState s = state(user);
        OAuthToken saved;
        synchronized (s) {
            // A refresh of the previous token still in flight must not overwrite this one.
            s.generation++;
            saved = store.saveToken(token);
            s.token(saved);
            s.retryBackgroundAt = null;
        }
        refusedUsers.remove(user.name());
        notify(l -> l.tokenSaved(saved), "tokenSaved");
        return saved;
    }

    /**
     * A valid token of the user, refreshed if needed (see the class comment for when this waits). A
     * grant code stored for the user without a refresh token (as the Zoho SDKs store a self-client's code)
     * is exchanged first, once, and the tokens saved in its place.
     *
     * @return the token; its access token is valid for more than the expiry skew, or, if a needed refresh
     *         failed, at least not yet expired
     * @throws IllegalArgumentException       if {@code user} is null
     * @throws AuthorizationRequiredException if no token, or an expired token without refresh token, is
     *                                        stored for the user
     * @throws ThrottledException             if the token expired while the service backs off from throttling
     * @throws OAuthProviderException         if the accounts server refused the refresh of an expired token
     * @throws AccountsServerException        if the accounts server could not refresh an expired token
     * @throws TokenStoreException            if the store fails
     */
    public OAuthToken currentToken(UserSignature user) {
        requireUser("currentToken", user);
        UserState s = state(user);
        Cached c = s.cached;
        // The hot path: one map lookup, one volatile read, one clock read, one comparison.
        if (c != null && clock.millis() < c.freshUntil) {
            metrics.tokenLookup(true);
            return c.token;
        }
        metrics.tokenLookup(false);
        return currentTokenSlowly(s, c == null ? null : c.token);
    }

    /**
     * A new token after the CRM rejected {@code rejected} (HTTP 401 {@code INVALID_TOKEN}): if the user's
     * current token is already another one and valid, that one; else the result of a refresh, which
     * every thread that got the same rejection shares.
     *
     * @param user     whose token was rejected
     * @param rejected the token the CRM rejected
     * @return a token with another access token
     * @throws IllegalArgumentException if an argument is null
     * @throws TokenStoreException      (and its subtypes, as for {@link #currentToken}) if no new token can
     *                                  be had; the rejected token is never returned
     */
    public OAuthToken refreshRejected(UserSignature user, OAuthToken rejected) {
        requireUser("refreshRejected", user);
        if (rejected == null) {
            throw CoreMessages.oauthArgumentNull(OWNER + ".refreshRejected", "rejected");
        }
        UserState s = state(user);
        // Two rounds at most: a refresh already in flight may end with the rejected token (it was still
        // fresh by its clock); then one refresh that ignores freshness follows. Never a loop.
        for (int round = 0; round < 2; round++) {
            OAuthToken cached = s.token();
            OAuthToken t = cached != null ? cached : load(s);
            if (!sameAccessToken(t, rejected) && isUsable(t, clock.instant())) {
                return t;
            }
            OAuthToken result = awaitRefresh(s, t, rejected);
            if (!sameAccessToken(result, rejected)) {
                return result;
            }
        }
        throw OAuthMessages.refreshFailed(user, null);
    }

    /**
     * Revokes the user's refresh token at the accounts server, then deletes the user's token.
     *
     * @return whether a token was stored for the user
     * @throws IllegalArgumentException if {@code user} is null
     * @throws OAuthProviderException   if the accounts server refuses; the token is then kept
     * @throws AccountsServerException  if the accounts server cannot be reached; the token is then kept
     * @throws TokenStoreException      if the store fails
     */
    public boolean revoke(UserSignature user) {
        requireUser("revoke", user);
        Optional<OAuthToken> stored = store.findToken(byUser(user));
        if (stored.isPresent() && stored.get().refreshToken() != null) {
            String refreshToken = stored.get().refreshToken();
            OAuthProvider provider = providerOf(providers, stored.get());
            callTokenEndpoint(EndpointOperation.REVOKE, () -> {
                provider.revoke(refreshToken);
                return null;
            });
        }
        return deleteLocally(user);
    }

    /**
     * Deletes the user's token from the store and the cache. A refresh in flight for the user does not
     * bring it back.
     *
     * <p>With revoke-on-delete (constructor), the stored refresh token is revoked at the accounts server
     * first. A failed revocation does not stop the delete (a token revoked or not is safer gone): it is
     * reported to {@link TokenListener#revokeFailed} and logged as a warning, both with
     * {@code TOKENSTORE-0330} and no secret. Without it, the accounts server is not told.
     *
     * @return whether a token was stored for the user
     * @throws IllegalArgumentException if {@code user} is null
     * @throws TokenStoreException      if the store fails
     */
    public boolean delete(UserSignature user) {
        requireUser("delete", user);
        if (revokeOnDelete) {
            store.findToken(byUser(user)).ifPresent(t -> revokeReporting(providers, listener, user, t));
        }
        return deleteLocally(user);
    }

    /**
     * Revokes the refresh token of {@code token} (if it has one); a failure is reported to the listener
     * and logged, never thrown.
     *
     * @return whether the revocation failed
     */
    static boolean revokeReporting(OAuthProviders providers, TokenListener listener, UserSignature user,
                                   OAuthToken token) {
        if (token.refreshToken() == null) {
            return false;
        }
        try {
            providerOf(providers, token).revoke(token.refreshToken());
            return false;
        } catch (RuntimeException e) {
            TokenStoreException failure = OAuthMessages.revokeOnDeleteFailed(user, e);
            LOG.log(System.Logger.Level.WARNING, failure.getMessage());
            try {
                listener.revokeFailed(user, failure);
            } catch (RuntimeException listenerFailure) {
                LOG.log(System.Logger.Level.WARNING,
                        OAuthMessages.listenerThrew(listener, "revokeFailed", listenerFailure));
            }
            return true;
        }
    }

    private boolean deleteLocally(UserSignature user) {
        UserState s = state(user);
        boolean existed;
        synchronized (s) {
            s.generation++;
            s.token(null);
            Optional<OAuthToken> stored = store.findToken(byUser(user));
            stored.ifPresent(t -> store.deleteToken(t.id()));
            existed = stored.isPresent();
        }
        refusedUsers.remove(user.name());
        if (existed) {
            notify(l -> l.tokenDeleted(user), "tokenDeleted");
        }
        return existed;
    }

    /**
     * Forgets the user's cached token, so that the next {@link #currentToken} reads the store. For stores
     * changed behind the service's back.
     *
     * @throws IllegalArgumentException if {@code user} is null
     */
    public void evict(UserSignature user) {
        requireUser("evict", user);
        UserState s = users.get(user.name());
        if (s != null) {
            synchronized (s) {
                s.token(null);
            }
        }
    }

    /**
     * How many users' tokens can no longer be refreshed, as far as this service knows: the accounts server
     * refused their refresh token or grant code ({@code invalid_code}: revoked, removed at Zoho, or a used
     * code), and since then they have not authorized again, their token was not deleted, and no refresh of
     * theirs succeeded. Counts what this service saw in this JVM; a token no one asked for since it was
     * revoked is not counted.
     */
    public int refusedTokenCount() {
        return refusedUsers.size();
    }

    /** The policy in use. */
    public RefreshPolicy policy() {
        return policy;
    }

    /** Stops the service's own background refresh threads, if it made any; refreshes in flight end. */
    @Override
    public void close() {
        if (ownExecutor != null) {
            ownExecutor.shutdown();
        }
    }

    @Override
    public String toString() {
        return "TokenService[" + providers.loginStart() + ", store=" + store + ", " + policy + "]";
    }

    /** The providers' server that issued {@code token}; TOKENSTORE-0838 if it is not allowed. */
    static OAuthProvider providerOf(OAuthProviders providers, OAuthToken token) {
        return providers.forLocation(token.dataCenter())
                .orElseThrow(() -> LoginMessages.dataCenterNotAllowed(token.dataCenter()));
    }

    // ---- serving

    private OAuthToken currentTokenSlowly(UserState s, OAuthToken cached) {
        OAuthToken t = cached != null ? cached : load(s);
        Instant now = clock.instant();
        if (isFresh(t, now)) {
            return t;
        }
        if (isUsable(t, now)) {
            startBackgroundRefresh(s, t, now);
            return t;
        }
        return awaitRefresh(s, t, null);
    }

    /** The user's token from the store, cached; one loader per user at a time. */
    private OAuthToken load(UserState s) {
        synchronized (s) {
            OAuthToken t = s.token();
            if (t == null) {
                t = store.findToken(byUser(s.user)).orElse(null);
                if (t == null) {
                    if (s.flight == null) {
                        // No state kept for names without a token: callers cannot grow the map at will.
                        users.remove(s.user.name(), s);
                    }
                    throw OAuthMessages.noTokenStored(s.user);
                }
                s.token(t);
            }
            return t;
        }
    }

    private void startBackgroundRefresh(UserState s, OAuthToken t, Instant now) {
        // Checked without the lock first, so callers in the refresh-ahead window never wait for it.
        if (s.flight != null || throttledUntil(t.refreshToken(), now) != null) {
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
        }
        try {
            refreshExecutor.execute(() -> run(f));
        } catch (RejectedExecutionException e) {
            // The flight stays registered; the first caller that has to wait runs it itself.
            LOG.log(System.Logger.Level.DEBUG, OAuthMessages.backgroundRefreshRejected());
        }
    }

    /**
     * Waits for the user's one refresh, starting it (in this thread) if none is in flight.
     *
     * @param t        the token the caller has
     * @param rejected the token the CRM rejected, for a refresh that ignores freshness; else {@code null}
     */
    private OAuthToken awaitRefresh(UserState s, OAuthToken t, OAuthToken rejected) {
        Instant now = clock.instant();
        Flight f;
        synchronized (s) {
            OAuthToken current = s.token();
            // Refreshed while this caller looked at the old token: no second refresh.
            if (current != null && current != t && isUsable(current, now)
                    && (rejected == null || !sameAccessToken(current, rejected))) {
                return current;
            }
            f = s.flight;
            if (f == null) {
                Instant until = throttledUntil(t.refreshToken(), now);
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

    // ---- refreshing

    /** Runs the flight unless another thread already does; completes its result either way it ends. */
    private void run(Flight f) {
        if (!f.claimed.compareAndSet(false, true)) {
            return;
        }
        UserState s = f.state;
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
                if (failure != null && f.background) {
                    s.retryBackgroundAt = clock.instant().plus(policy.throttleBackOff());
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
            notify(l -> l.refreshFailed(s.user, reported), "refreshFailed");
        } else if (refreshed.exchanged) {
            OAuthToken saved = refreshed.token;
            notify(l -> l.tokenSaved(saved), "tokenSaved");
        } else if (refreshed.saved) {
            OAuthToken saved = refreshed.token;
            notify(l -> l.tokenRefreshed(saved), "tokenRefreshed");
        }
    }

    /** Keeps the refused users and tells the metrics how a refresh ended. */
    private void recordOutcome(UserSignature user, Refreshed refreshed, TokenStoreException failure) {
        RefreshOutcome outcome;
        if (failure == null) {
            refusedUsers.remove(user.name());
            outcome = refreshed.saved ? RefreshOutcome.SUCCESS : RefreshOutcome.ADOPTED;
        } else if (failure instanceof ThrottledException) {
            outcome = RefreshOutcome.THROTTLED;
        } else if (refused(failure)) {
            refusedUsers.add(user.name());
            outcome = RefreshOutcome.REFUSED;
        } else {
            if (failure instanceof AuthorizationRequiredException a
                    && a.reason() == AuthorizationRequiredException.Reason.NO_TOKEN) {
                refusedUsers.remove(user.name());
            }
            outcome = RefreshOutcome.FAILURE;
        }
        try {
            metrics.refreshEnded(outcome);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, CoreMessages.metricsReportThrew(e));
        }
    }

    /** Whether the accounts server refused the stored refresh token or grant code. */
    private static boolean refused(TokenStoreException failure) {
        return failure instanceof AuthorizationRequiredException a
                && (a.reason() == AuthorizationRequiredException.Reason.REFRESH_TOKEN_REFUSED
                || a.reason() == AuthorizationRequiredException.Reason.GRANT_CODE_REFUSED);
    }

    /** Times a call to the token endpoint for the metrics. */
    private <T> T callTokenEndpoint(EndpointOperation operation, Supplier<T> call) {
        return Timing.timed(call, (nanos, failure) -> metrics.tokenEndpointCalled(operation, nanos, failure));
    }

    /** The token a flight ended with, whether this JVM saved it, and whether it came from a grant code. */
    private record Refreshed(OAuthToken token, boolean saved, boolean exchanged) {
        Refreshed(OAuthToken token, boolean saved) {
            this(token, saved, false);
        }
    }

    private Refreshed refresh(Flight f) {
        UserState s = f.state;
        UserSignature user = s.user;
        RefreshLock.Lease lease = refreshLock.acquire(user);
        try {
            // Another JVM may have refreshed while this one waited for the lock.
            OAuthToken stored = store.findToken(byUser(user)).orElse(null);
            Instant now = clock.instant();
            if (stored == null) {
                forget(f);
                throw OAuthMessages.noTokenStored(user);
            }
            if (canAdopt(stored, f, now)) {
                return new Refreshed(cache(f, stored), false);
            }
            if (stored.refreshToken() == null && stored.grantToken() != null) {
                return exchangeStoredGrant(f, stored);
            }
            if (stored.refreshToken() == null) {
                throw OAuthMessages.noRefreshToken(user);
            }
            String refreshHash = TokenHashes.of(stored.refreshToken());
            if (refusedRefreshTokens.contains(refreshHash)) {
                // A refused refresh token stays refused: asking again only spends the provider's limits.
                throw OAuthMessages.refreshTokenRefused(user, null);
            }
            Instant until = throttledUntil(stored.refreshToken(), now);
            if (until != null) {
                throw OAuthMessages.throttleBackOff(user, until);
            }
            TokenResponse response;
            OAuthProvider provider = providerOf(providers, stored);
            try {
                String refreshToken = stored.refreshToken();
                response = callTokenEndpoint(EndpointOperation.REFRESH, () -> provider.refresh(refreshToken));
            } catch (ThrottledException e) {
                throw OAuthMessages.throttleBackOff(user, recordThrottle(stored.refreshToken()));
            } catch (OAuthProviderException e) {
                if (provider.classify(e) == ProviderError.INVALID_GRANT) {
                    refusedRefreshTokens.add(refreshHash);
                    throw OAuthMessages.refreshTokenRefused(user, e);
                }
                throw e;
            }
            throttles.remove(refreshHash);
            OAuthToken fresh = stored.toBuilder()
                    .accessToken(response.accessToken())
                    .expiresAt(clock.instant().plus(response.expiresIn()))
                    .apiDomain(response.apiDomain() != null ? response.apiDomain() : stored.apiDomain())
                    .refreshToken(response.refreshToken() != null ? response.refreshToken() : stored.refreshToken())
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
        UserSignature user = f.state.user;
        String grantHash = TokenHashes.of(stored.grantToken());
        if (refusedRefreshTokens.contains(grantHash)) {
            throw OAuthMessages.grantCodeRefused(user, null);
        }
        Instant until = throttledUntil(stored.grantToken(), clock.instant());
        if (until != null) {
            throw OAuthMessages.throttleBackOff(user, until);
        }
        TokenResponse response;
        OAuthProvider provider = providerOf(providers, stored);
        try {
            String grantCode = stored.grantToken();
            response = callTokenEndpoint(EndpointOperation.GRANT, () -> provider.exchangeCode(grantCode));
        } catch (ThrottledException e) {
            throw OAuthMessages.throttleBackOff(user, recordThrottle(stored.grantToken()));
        } catch (OAuthProviderException e) {
            if (provider.classify(e) == ProviderError.INVALID_GRANT) {
                refusedRefreshTokens.add(grantHash);
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

    /** Saves a refreshed token unless the user's token changed meanwhile; caches what wins. */
    private Refreshed save(Flight f, OAuthToken basis, OAuthToken fresh) {
        UserState s = f.state;
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
            OAuthToken latest = store.findToken(byUser(s.user)).orElse(null);
            if (latest == null) {
                s.token(null);
                throw OAuthMessages.noTokenStored(s.user);
            }
            if (!sameAccessToken(latest, basis) && expiresLater(latest, fresh)) {
                s.token(latest);
                return new Refreshed(latest, false);
            }
            OAuthToken saved = store.saveToken(fresh.toBuilder().id(latest.id()).build());
            s.token(saved);
            return new Refreshed(saved, true);
        }
    }

    /** Whether the stored token can be used instead of refreshing. */
    private boolean canAdopt(OAuthToken stored, Flight f, Instant now) {
        if (f.rejected != null) {
            return !sameAccessToken(stored, f.rejected) && isUsable(stored, now);
        }
        return isFresh(stored, now) || (!sameAccessToken(stored, f.basis) && isUsable(stored, now));
    }

    private OAuthToken cache(Flight f, OAuthToken token) {
        UserState s = f.state;
        synchronized (s) {
            if (s.generation == f.generation) {
                s.token(token);
            }
            return token;
        }
    }

    private void forget(Flight f) {
        UserState s = f.state;
        synchronized (s) {
            if (s.generation == f.generation) {
                s.token(null);
            }
        }
    }

    /** Records a throttling answer for this refresh token; the back-off doubles while throttling goes on. */
    private Instant recordThrottle(String refreshToken) {
        Instant now = clock.instant();
        Throttle t = throttles.compute(TokenHashes.of(refreshToken), (k, previous) -> {
            int streak = previous == null ? 1 : Math.min(previous.streak + 1, 16);
            Duration backOff = policy.throttleBackOff().multipliedBy(1L << (streak - 1));
            if (backOff.compareTo(RefreshPolicy.MAX_THROTTLE_BACK_OFF) > 0) {
                backOff = RefreshPolicy.MAX_THROTTLE_BACK_OFF;
            }
            return new Throttle(now.plus(backOff), streak);
        });
        return t.until;
    }

    /** When the back-off for this refresh token ends, or {@code null} if none is on. */
    private Instant throttledUntil(String refreshToken, Instant now) {
        if (refreshToken == null || throttles.isEmpty()) {
            return null;
        }
        Throttle t = throttles.get(TokenHashes.of(refreshToken));
        return t != null && now.isBefore(t.until) ? t.until : null;
    }

    // ---- helpers

    /** More than refresh-ahead left: no refresh needed. */
    private boolean isFresh(OAuthToken t, Instant now) {
        return t.expiresAt() != null && now.plus(policy.refreshAhead()).isBefore(t.expiresAt());
    }

    /** More than the expiry skew left: good for a call without waiting. */
    private boolean isUsable(OAuthToken t, Instant now) {
        return t.accessToken() != null && t.expiresAt() != null
                && now.plus(policy.expirySkew()).isBefore(t.expiresAt());
    }

    /** Not yet expired. */
    private static boolean isUnexpired(OAuthToken t, Instant now) {
        return t.accessToken() != null && t.expiresAt() != null && now.isBefore(t.expiresAt());
    }

    private static boolean sameAccessToken(OAuthToken a, OAuthToken b) {
        return Objects.equals(a.accessToken(), b.accessToken());
    }

    private static boolean expiresLater(OAuthToken a, OAuthToken b) {
        return a.expiresAt() != null && (b.expiresAt() == null || a.expiresAt().isAfter(b.expiresAt()));
    }

    private static OAuthToken byUser(UserSignature user) {
        return OAuthToken.builder().userSignature(user).build();
    }

    private UserState state(UserSignature user) {
        UserState s = users.get(user.name());
        return s != null ? s : users.computeIfAbsent(user.name(), n -> new UserState(user));
    }

    private static TokenStoreException rethrowable(UserSignature user, Throwable cause) {
        return cause instanceof TokenStoreException e ? e : OAuthMessages.refreshFailed(user, cause);
    }

    private void notify(java.util.function.Consumer<TokenListener> event, String name) {
        try {
            event.accept(listener);
        } catch (RuntimeException e) {
            // Only the types: a listener's message is the application's and may quote anything.
            LOG.log(System.Logger.Level.WARNING, OAuthMessages.listenerThrew(listener, name, e));
        }
    }

    private static long millis(Duration d) {
        try {
            return d.toMillis();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static <T> T required(String argument, T value) {
        if (value == null) {
            throw CoreMessages.oauthArgumentNull(OWNER, argument);
        }
        return value;
    }

    private static void requireUser(String method, UserSignature user) {
        if (user == null) {
            throw CoreMessages.oauthArgumentNull(OWNER + "." + method, "user");
        }
    }

    private static ExecutorService newOwnExecutor() {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(OWN_REFRESH_THREADS, OWN_REFRESH_THREADS, 60,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "tokenstore-refresh-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** One user's cached token and refresh state. */
    private final class UserState {
        final UserSignature user;
        /** The cached token; {@code null} until loaded, and after a delete or evict. */
        private volatile Cached cached;
        /** The refresh in flight; written under the lock, read without it on the refresh-ahead path. */
        volatile Flight flight;
        /** Bumped by authorize and delete, so a refresh started before does not overwrite their outcome. */
        long generation;
        /** No background refresh before this, after a failed one. */
        Instant retryBackgroundAt;

        UserState(UserSignature user) {
            this.user = user;
        }

        OAuthToken token() {
            Cached c = cached;
            return c == null ? null : c.token;
        }

        void token(OAuthToken token) {
            cached = token == null ? null : new Cached(token, freshUntil(token));
        }
    }

    /**
     * A cached token with the epoch millisecond up to which it needs no refresh, so the hot path compares
     * two longs instead of doing {@code Instant} arithmetic.
     */
    private record Cached(OAuthToken token, long freshUntil) {
    }

    private long freshUntil(OAuthToken t) {
        if (t.expiresAt() == null) {
            return Long.MIN_VALUE;
        }
        long expires = t.expiresAt().toEpochMilli();
        long ahead = refreshAheadMillis;
        return expires < Long.MIN_VALUE + ahead ? Long.MIN_VALUE : expires - ahead;
    }

    /** One refresh of one user's token, shared by every caller that waits for it. */
    private static final class Flight {
        final UserState state;
        /** The token the refresh started from. */
        final OAuthToken basis;
        /** The token the CRM rejected, for a refresh that ignores freshness; else {@code null}. */
        final OAuthToken rejected;
        final long generation;
        final boolean background;
        final AtomicBoolean claimed = new AtomicBoolean();
        final CompletableFuture<OAuthToken> result = new CompletableFuture<>();

        Flight(UserState state, OAuthToken basis, OAuthToken rejected, long generation, boolean background) {
            this.state = state;
            this.basis = basis;
            this.rejected = rejected;
            this.generation = generation;
            this.background = background;
        }
    }

    private record Throttle(Instant until, int streak) {
    }
}
