package io.github.tokenstore.oauth;

import io.github.tokenstore.AccountsServerException;
import io.github.tokenstore.AuthorizationRequiredException;
import io.github.tokenstore.OAuthProviderException;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.ThrottledException;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.core.ClientTokenMessages;
import io.github.tokenstore.core.CoreMessages;
import io.github.tokenstore.login.LoginMessages;
import io.github.tokenstore.provider.OAuthProvider;
import io.github.tokenstore.provider.OAuthProviders;
import io.github.tokenstore.spi.RefreshLock;
import io.github.tokenstore.spi.TokenListener;
import io.github.tokenstore.spi.TokenMetrics;
import io.github.tokenstore.spi.TokenMetrics.EndpointOperation;
import io.github.tokenstore.zoho.ZohoProvider;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Hands out valid access tokens per user, refreshing them ahead of expiry exactly once, and takes users
 * through authorization, revocation and deletion. All tokens go through one {@link TokenStore}.
 *
 * <h2>Serving tokens</h2>
 * {@link #currentToken} serves a valid token from memory: no store round trip while the cached token has
 * more than {@link RefreshPolicy#refreshAhead()} left. The cache is filled from the store on a user's
 * first call and kept coherent with it: {@link #authorize}, {@link #delete}, {@link #revoke} and every
 * refresh write the store and the cache together; {@link #evict} forgets a user's cached token after the
 * store was changed behind the service's back, {@link #reload} re-reads it without a caller ever waiting for
 * the read (what the change feed's poll calls for a token another JVM saved). Without a feed, a refresh made
 * by another JVM is picked up when it matters: every refresh re-reads the store first and takes a usable token
 * it finds there instead of calling the accounts server (Zoho keeps earlier access tokens valid until they
 * expire, so a cached token stays usable until then).
 *
 * <h2>Refreshing</h2>
 * <ul>
 *   <li>Less than {@code refreshAhead} left: one background refresh starts; callers keep getting the
 *       still-valid token without waiting, from the hot path again once the refresh is handed over (the first
 *       caller puts it on a queue that one task passes to the executor).</li>
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
 * <h2>Clients</h2>
 * A service serves the tokens of one OAuth client ({@link Builder#client}): a user's token is the user's
 * token for that client, and every token it saves carries the client's name; the service of the default
 * client ({@link Builder#defaultClient}) also serves the tokens saved before named clients, without a name,
 * and names them when it saves them. Without a client name a service serves the tokens without one, as
 * before named clients. A user's tokens of two clients are cached, locked and refreshed independently.
 *
 * <h2>Parts</h2>
 * The service puts together a per-user cache (the hot path), a refresh coordinator (single flight, the
 * cross-JVM lock, the saves), a book of throttling and refusals, and the rules that decide from the
 * {@link RefreshPolicy} what a token is good for; built with {@link #builder}.
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

    private final ClientStore store;
    private final OAuthProviders providers;
    private final RefreshRules rules;
    private final RefusalBook book;
    private final TokenCache cache;
    private final RefreshCoordinator coordinator;
    private final TokenListener listener;
    private final TokenMetrics metrics;
    private final Clock clock;
    private final ExecutorService ownExecutor;
    private final boolean revokeOnDelete;

    /**
     * A service with the default {@link RefreshPolicy}, single flight within this JVM only
     * ({@link RefreshLock#inJvm()}), no listener, the system clock and its own two background refresh
     * threads (daemons, stopped by {@link #close()}).
     *
     * @throws IllegalArgumentException if an argument is null
     * @deprecated use {@link #builder(TokenStore, OAuthProviders)}; a Zoho client is
     *             {@code OAuthProviders.single(ZohoProvider.of(client))}
     */
    @Deprecated(since = "0.13")
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
     * @deprecated use {@link #builder(TokenStore, OAuthProviders)}; a Zoho client is
     *             {@code OAuthProviders.single(ZohoProvider.of(client))}
     */
    @Deprecated(since = "0.13")
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
     * @deprecated use {@link #builder(TokenStore, OAuthProviders)}; a Zoho client is
     *             {@code OAuthProviders.single(ZohoProvider.of(client))}
     */
    @Deprecated(since = "0.13")
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
     * @deprecated use {@link #builder(TokenStore, OAuthProviders)}; a Zoho client is
     *             {@code OAuthProviders.single(ZohoProvider.of(client))}
     */
    @Deprecated(since = "0.13")
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
     * @deprecated use {@link #builder(TokenStore, OAuthProviders)}; a Zoho client is
     *             {@code OAuthProviders.single(ZohoProvider.of(client))}
     */
    @Deprecated(since = "0.13")
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
     * @deprecated use {@link #builder(TokenStore, OAuthProviders)}
     */
    @Deprecated(since = "0.13")
    public TokenService(TokenStore store, OAuthProviders providers, RefreshPolicy policy, RefreshLock refreshLock,
                        TokenListener listener, TokenMetrics metrics, Clock clock, Executor refreshExecutor,
                        boolean revokeOnDelete) {
        this(builder(store, providers).policy(policy).refreshLock(refreshLock).listener(listener).metrics(metrics)
                .clock(clock).executor(refreshExecutor).revokeOnDelete(revokeOnDelete));
    }

    private TokenService(Builder b) {
        this.rules = new RefreshRules(b.policy);
        this.store = new ClientStore(b.store, b.client, b.defaultClient);
        this.providers = b.providers;
        this.listener = b.listener;
        this.metrics = b.metrics;
        this.clock = b.clock;
        this.revokeOnDelete = b.revokeOnDelete;
        this.book = new RefusalBook(rules, clock);
        this.cache = new TokenCache(rules);
        this.ownExecutor = b.executor == null ? newOwnExecutor() : null;
        this.coordinator = new RefreshCoordinator(store, providers, rules, book, cache, b.refreshLock, listener,
                metrics, clock, b.executor == null ? ownExecutor : b.executor);
    }

    /**
     * A builder of a service on {@code store} whose tokens {@code providers} issue. Everything else has a
     * default: the {@linkplain RefreshPolicy#defaults() default policy}, single flight within this JVM only
     * ({@link RefreshLock#inJvm()}), no listener, no metrics, the system clock, the service's own two
     * background refresh threads, deletes staying local, and no client name (the tokens without one).
     *
     * @param providers the provider's servers: {@code OAuthProviders.single(provider)} for one server,
     *                  {@link io.github.tokenstore.zoho.ZohoDataCenters} for Zoho's data centers
     * @throws IllegalArgumentException if an argument is null; the message names it
     */
    public static Builder builder(TokenStore store, OAuthProviders providers) {
        return new Builder(required("store", store), required("providers", providers));
    }

    /** The name of the OAuth client whose tokens this service serves; {@code null} for the tokens without one. */
    public String client() {
        return store.client();
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
        TokenResponse response = coordinator.callTokenEndpoint(EndpointOperation.GRANT,
                () -> provider.exchangeCode(grantCode));
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
     * the user's token for this service's client, replacing any token stored for the user and client (a
     * refused one too), in the store and this service's cache together; a refresh of the previous token still
     * in flight does not overwrite it. Listeners hear {@code tokenSaved}.
     *
     * @param token the token, with its user signature; without a client name it gets this service's
     * @return the token as stored
     * @throws IllegalArgumentException if {@code token} or its user signature is null, or the token names
     *                                  another client ({@code TOKENSTORE-1070})
     * @throws TokenStoreException      if the store fails
     */
    public OAuthToken saveAuthorized(OAuthToken token) {
        if (token == null) {
            throw CoreMessages.oauthArgumentNull(OWNER + ".saveAuthorized", "token");
        }
        UserSignature user = token.userSignature();
        requireUser("saveAuthorized", user);
        TokenCache.Entry s = cache.entry(user);
        OAuthToken saved;
        synchronized (s) {
            // A refresh of the previous token still in flight must not overwrite this one.
            s.generation++;
            saved = store.save(token.refusedAt() == null ? token : token.toBuilder().refusedAt(null).build());
            s.token(saved);
            s.retryBackgroundAt = null;
        }
        book.cleared(user.name());
        notify(listener, l -> l.tokenSaved(saved), "tokenSaved");
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
     *                                        stored for the user, or the provider refused the stored one
     * @throws ThrottledException             if the token expired while the service backs off from throttling
     * @throws OAuthProviderException         if the accounts server refused the refresh of an expired token
     * @throws AccountsServerException        if the accounts server could not refresh an expired token
     * @throws TokenStoreException            if the store fails
     */
    public OAuthToken currentToken(UserSignature user) {
        requireUser("currentToken", user);
        TokenCache.Entry s = cache.entry(user);
        // The hot path: one map lookup, one volatile read, one clock read, one comparison.
        OAuthToken fresh = s.freshToken(clock.millis());
        if (fresh != null) {
            metrics.tokenLookup(true);
            return fresh;
        }
        metrics.tokenLookup(false);
        OAuthToken t = s.token();
        if (t == null) {
            t = load(s);
        }
        Instant now = clock.instant();
        if (rules.isFresh(t, now)) {
            return t;
        }
        if (rules.isUsable(t, now)) {
            coordinator.startBackground(s, t, now);
            return t;
        }
        return coordinator.await(s, t, null);
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
        TokenCache.Entry s = cache.entry(user);
        // Two rounds at most: a refresh already in flight may end with the rejected token (it was still
        // fresh by its clock); then one refresh that ignores freshness follows. Never a loop.
        for (int round = 0; round < 2; round++) {
            OAuthToken cached = s.token();
            OAuthToken t = cached != null ? cached : load(s);
            if (!RefreshRules.sameAccessToken(t, rejected) && t.refusedAt() == null
                    && rules.isUsable(t, clock.instant())) {
                return t;
            }
            OAuthToken result = coordinator.await(s, t, rejected);
            if (!RefreshRules.sameAccessToken(result, rejected)) {
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
        Optional<OAuthToken> stored = store.find(user);
        if (stored.isPresent() && stored.get().refreshToken() != null) {
            String refreshToken = stored.get().refreshToken();
            OAuthProvider provider = providerOf(providers, stored.get());
            coordinator.callTokenEndpoint(EndpointOperation.REVOKE, () -> {
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
     * <p>With revoke-on-delete ({@link Builder#revokeOnDelete}), the stored refresh token is revoked at the
     * accounts server first. A failed revocation does not stop the delete (a token revoked or not is safer
     * gone): it is reported to {@link TokenListener#revokeFailed} and logged as a warning, both with
     * {@code TOKENSTORE-0330} and no secret. Without it, the accounts server is not told.
     *
     * @return whether a token was stored for the user
     * @throws IllegalArgumentException if {@code user} is null
     * @throws TokenStoreException      if the store fails
     */
    public boolean delete(UserSignature user) {
        requireUser("delete", user);
        if (revokeOnDelete) {
            store.find(user).ifPresent(t -> revokeReporting(providers, listener, user, t));
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
            notify(listener, l -> l.revokeFailed(user, failure), "revokeFailed");
            return true;
        }
    }

    private boolean deleteLocally(UserSignature user) {
        TokenCache.Entry s = cache.entry(user);
        boolean existed;
        synchronized (s) {
            s.generation++;
            s.token(null);
            Optional<OAuthToken> stored = store.find(user);
            stored.ifPresent(t -> store.delete(t.id()));
            existed = stored.isPresent();
        }
        book.cleared(user.name());
        if (existed) {
            notify(listener, l -> l.tokenDeleted(user), "tokenDeleted");
        }
        return existed;
    }

    /**
     * Forgets the user's cached token, so that the next {@link #currentToken} reads the store. For stores
     * changed behind the service's back (another JVM's delete, a refusal or a rotation seen in the store).
     *
     * @throws IllegalArgumentException if {@code user} is null
     */
    public void evict(UserSignature user) {
        requireUser("evict", user);
        TokenCache.Entry s = cache.existing(user);
        if (s != null) {
            synchronized (s) {
                s.evictions++;
                s.token(null);
            }
        }
    }

    /**
     * Re-reads the user's token after the store was changed behind the service's back by a save (another JVM's
     * refresh, rotation, refusal or login, seen in the store's change feed), in the calling thread: callers of
     * {@link #currentToken} never wait for that read, and go on being served the cached token, by the usual
     * rules, until it is done. Then the stored token is cached in its place, or, if none is stored any more,
     * the cached one is forgotten as {@link #evict} does. A user with no cached token costs nothing (the next
     * call reads the store anyway); a login, delete, refresh or eviction in this JVM during the read wins over
     * what the read found.
     *
     * @throws IllegalArgumentException if {@code user} is null
     * @throws TokenStoreException      if the store fails; the cached token is then kept
     */
    public void reload(UserSignature user) {
        requireUser("reload", user);
        TokenCache.Entry s = cache.existing(user);
        if (s == null) {
            return;
        }
        OAuthToken before;
        long evictions;
        long generation;
        synchronized (s) {
            before = s.token();
            evictions = s.evictions;
            generation = s.generation;
        }
        if (before == null) {
            return;
        }
        // Outside the monitor: a caller that needs the entry (a cold load, a refresh) never waits for this read.
        OAuthToken stored = store.find(user).orElse(null);
        synchronized (s) {
            if (s.token() != before || s.evictions != evictions || s.generation != generation) {
                return;
            }
            if (before.equals(stored)) {
                return;
            }
            // Counted as an eviction, so that a refresh in this JVM that read the store before does not cache
            // that older read over this one.
            s.evictions++;
            s.token(stored);
        }
    }

    /**
     * Forgets every cached token, so that each user's next {@link #currentToken} reads the store: for when
     * changes may have been missed (a change feed that lost track after a long outage). Refreshes in flight
     * go on.
     */
    public void evictAll() {
        cache.evictAll();
    }

    /**
     * How many users' tokens can no longer be refreshed, as far as this service knows: the accounts server
     * refused their refresh token or grant code ({@code invalid_code}, {@code invalid_grant}: revoked,
     * removed at the provider, or a used code), and since then they have not authorized again, their token
     * was not deleted, and no refresh of theirs succeeded. Counts what this service saw in this JVM; a token
     * no one asked for since it was revoked is not counted.
     */
    public int refusedTokenCount() {
        return book.refusedUserCount();
    }

    /** The policy in use. */
    public RefreshPolicy policy() {
        return rules.policy();
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
        return "TokenService[" + providers.loginStart() + ", store=" + store + ", " + rules.policy() + "]";
    }

    /** The providers' server that issued {@code token}; TOKENSTORE-0838 if it is not allowed. */
    static OAuthProvider providerOf(OAuthProviders providers, OAuthToken token) {
        return providers.forLocation(token.dataCenter())
                .orElseThrow(() -> LoginMessages.dataCenterNotAllowed(token.dataCenter()));
    }

    /** Tells the listener; a listener that throws is logged (its type only) and never breaks the caller. */
    static void notify(TokenListener listener, Consumer<TokenListener> event, String name) {
        try {
            event.accept(listener);
        } catch (RuntimeException e) {
            // Only the types: a listener's message is the application's and may quote anything.
            LOG.log(System.Logger.Level.WARNING, OAuthMessages.listenerThrew(listener, name, e));
        }
    }

    /** The user's token from the store, cached; one loader per user at a time. */
    private OAuthToken load(TokenCache.Entry s) {
        synchronized (s) {
            OAuthToken t = s.token();
            if (t == null) {
                t = store.find(s.user).orElse(null);
                if (t == null) {
                    cache.dropIfIdle(s);
                    throw OAuthMessages.noTokenStored(s.user);
                }
                s.token(t);
            }
            return t;
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

    /**
     * Builds a {@link TokenService}; every setting but the store and the providers has a default (see
     * {@link TokenService#builder}). Not thread-safe; {@link #build} may be called more than once.
     */
    public static final class Builder {

        private final TokenStore store;
        private final OAuthProviders providers;
        private String client;
        private boolean defaultClient;
        private RefreshPolicy policy = RefreshPolicy.defaults();
        private RefreshLock refreshLock = RefreshLock.inJvm();
        private TokenListener listener = TokenListener.NONE;
        private TokenMetrics metrics = TokenMetrics.NONE;
        private Clock clock = Clock.systemUTC();
        private Executor executor;
        private boolean revokeOnDelete = DEFAULT_REVOKE_ON_DELETE;

        private Builder(TokenStore store, OAuthProviders providers) {
            this.store = store;
            this.providers = providers;
        }

        /**
         * The OAuth client whose tokens the service serves: it finds the user's token for that client and
         * saves every token with that name.
         *
         * @param client the client's name ({@code [A-Za-z0-9][A-Za-z0-9_-]{0,63}}), or {@code null} for the
         *               tokens without one (the default)
         * @throws IllegalArgumentException {@code TOKENSTORE-1000} if {@code client} is not a client name
         */
        public Builder client(String client) {
            if (client != null && !OAuthToken.isClientName(client)) {
                throw ClientTokenMessages.notAClientName("TokenService.Builder.client", client.length());
            }
            this.client = client;
            return this;
        }

        /**
         * Whether the client is the application's default client, which also owns the tokens saved before
         * named clients (without a client name); default {@code false}.
         */
        public Builder defaultClient(boolean defaultClient) {
            this.defaultClient = defaultClient;
            return this;
        }

        /** When to refresh and how to back off; default {@link RefreshPolicy#defaults()}. */
        public Builder policy(RefreshPolicy policy) {
            this.policy = required("policy", policy);
            return this;
        }

        /** Excludes other JVMs from refreshing the same user's token; default {@link RefreshLock#inJvm()}. */
        public Builder refreshLock(RefreshLock refreshLock) {
            this.refreshLock = required("refreshLock", refreshLock);
            return this;
        }

        /** Told about saved, refreshed, failed and deleted tokens; default {@link TokenListener#NONE}. */
        public Builder listener(TokenListener listener) {
            this.listener = required("listener", listener);
            return this;
        }

        /** Told about served tokens, refreshes and token-endpoint calls; default {@link TokenMetrics#NONE}. */
        public Builder metrics(TokenMetrics metrics) {
            this.metrics = required("metrics", metrics);
            return this;
        }

        /** The time (tests pass a fixed or adjustable clock); default the system clock in UTC. */
        public Builder clock(Clock clock) {
            this.clock = required("clock", clock);
            return this;
        }

        /**
         * Runs background refreshes (in a Jakarta EE server, a managed executor); {@code null} (the default)
         * makes the service use two daemon threads of its own, stopped by {@link TokenService#close()}.
         */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /**
         * Whether {@link TokenService#delete} revokes the refresh token at the provider first (with CDI the
         * key {@code tokenstore.revoke-on-delete}); default {@value TokenService#DEFAULT_REVOKE_ON_DELETE}.
         */
        public Builder revokeOnDelete(boolean revokeOnDelete) {
            this.revokeOnDelete = revokeOnDelete;
            return this;
        }

        /** A new service with these settings. */
        public TokenService build() {
            return new TokenService(this);
        }
    }
}
