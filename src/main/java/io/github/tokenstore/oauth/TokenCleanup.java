package io.github.tokenstore.oauth;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.provider.OAuthProviders;
import io.github.tokenstore.core.CoreMessages;
import io.github.tokenstore.spi.IdleTokens;
import io.github.tokenstore.spi.RefreshLock;
import io.github.tokenstore.spi.RefreshLockTimeoutException;
import io.github.tokenstore.spi.TokenListener;
import io.github.tokenstore.zoho.ZohoProvider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Deletes tokens unused for longer than {@code idleAfter} (with CDI the key
 * {@code tokenstore.cleanup.idle-after}, e.g. {@code P90D}), and revokes them at the accounts server.
 *
 * <ul>
 *   <li><b>Once per cluster.</b> A sweep holds the cluster-wide lock {@value #LOCK_NAME} of the given
 *       {@link RefreshLock} (on PostgreSQL or MariaDB a {@code io.github.tokenstore.jpa.DatabaseRefreshLock}:
 *       a named database lock), so the nodes' sweeps never overlap; a node whose lock wait runs out skips
 *       its sweep. Each token is deleted by a conditional delete ({@link IdleTokens#deleteIfIdle}), which
 *       only one node can win, and only the winner revokes it: a token is revoked once even without
 *       the lock.</li>
 *   <li><b>Delete, then revoke.</b> The delete only happens if the token is still unused, so a token
 *       used after the sweep listed it is neither deleted nor revoked. A failed revocation is reported
 *       ({@link TokenListener#revokeFailed}, a warning, {@code TOKENSTORE-0330}); the token is gone
 *       anyway.</li>
 *   <li><b>Bounded.</b> A sweep handles at most {@value #BATCH} tokens per round and
 *       {@value #MAX_ROUNDS} rounds.</li>
 * </ul>
 * {@link #schedule} runs sweeps on a plain {@link ScheduledExecutorService}; in a Jakarta EE server the
 * CDI layer passes the managed scheduled executor. Thread-safe.
 */
public final class TokenCleanup {

    /** The name of the cluster-wide lock a sweep holds (as the "user" of the {@link RefreshLock}). */
    public static final String LOCK_NAME = "tokenstore:cleanup";
    /** Tokens listed and deleted per round. */
    public static final int BATCH = 100;
    /** Rounds per sweep at most. */
    public static final int MAX_ROUNDS = 1000;
    /** The shortest {@code idleAfter}: stores record reads at most hourly. */
    public static final Duration MIN_IDLE_AFTER = Duration.ofHours(1);

    private static final System.Logger LOG = System.getLogger(TokenCleanup.class.getName());
    private static final String OWNER = "TokenCleanup";

    private final IdleTokens store;
    private final Duration idleAfter;
    private final RefreshLock clusterLock;
    /** The providers that revoke a deleted token of a client (by its {@code OAuthToken.client()}), or null. */
    private final Function<String, OAuthProviders> revokeWith;
    private final TokenListener listener;
    private final Clock clock;

    /**
     * @param store       the store, which records the tokens' last use (the JPA and in-memory stores)
     * @param idleAfter   how long a token may go unused; at least one hour
     * @param clusterLock excludes the other nodes' sweeps ({@link RefreshLock#inJvm()} for one node)
     * @param revokeWith  revokes the deleted tokens' refresh tokens, or {@code null} to only delete
     * @param listener    hears of deleted tokens and failed revocations
     * @param clock       the time
     * @throws IllegalArgumentException if an argument but {@code revokeWith} is null
     *                                  ({@code TOKENSTORE-0203}) or {@code idleAfter} is shorter than an
     *                                  hour ({@code TOKENSTORE-0320})
     */
    public TokenCleanup(IdleTokens store, Duration idleAfter, RefreshLock clusterLock, ZohoAccountsClient revokeWith,
                        TokenListener listener, Clock clock) {
        this(store, idleAfter, clusterLock, revokeWith == null ? null
                : single(OAuthProviders.single(ZohoProvider.of(revokeWith))), listener, clock);
    }

    /**
     * A clean-up that revokes each deleted token at the server that issued it ({@link OAuthToken#dataCenter()},
     * {@code null} meaning the default one), with that server's client secret.
     *
     * @param revokeWith the provider's servers, e.g. {@link io.github.tokenstore.zoho.ZohoDataCenters}, or
     *                   {@code null} to only delete
     * @throws IllegalArgumentException as {@link #TokenCleanup(IdleTokens, Duration, RefreshLock,
     *                                  ZohoAccountsClient, TokenListener, Clock)}
     */
    public static TokenCleanup revokingAt(IdleTokens store, Duration idleAfter, RefreshLock clusterLock,
                                          OAuthProviders revokeWith, TokenListener listener, Clock clock) {
        return new TokenCleanup(store, idleAfter, clusterLock, revokeWith == null ? null : single(revokeWith),
                listener, clock);
    }

    /** The same providers for every client's tokens. */
    private static Function<String, OAuthProviders> single(OAuthProviders providers) {
        return client -> providers;
    }

    /**
     * A clean-up of the tokens of several OAuth clients (issue 13) that revokes each deleted token with the
     * providers of its own client, at the server that issued it.
     *
     * @param revokeWith the providers of a client by name ({@link OAuthToken#client()}; {@code null} for the
     *                   tokens without a client name); a {@code null} answer (a client no longer configured) only
     *                   deletes that token
     * @throws IllegalArgumentException as {@link #TokenCleanup(IdleTokens, Duration, RefreshLock,
     *                                  ZohoAccountsClient, TokenListener, Clock)}, or if {@code revokeWith} is null
     */
    public static TokenCleanup revokingByClient(IdleTokens store, Duration idleAfter, RefreshLock clusterLock,
                                                Function<String, OAuthProviders> revokeWith, TokenListener listener,
                                                Clock clock) {
        return new TokenCleanup(store, idleAfter, clusterLock, required("revokeWith", revokeWith), listener, clock);
    }

    private TokenCleanup(IdleTokens store, Duration idleAfter, RefreshLock clusterLock,
                         Function<String, OAuthProviders> revokeWith, TokenListener listener, Clock clock) {
        this.store = required("store", store);
        this.idleAfter = required("idleAfter", idleAfter);
        this.clusterLock = required("clusterLock", clusterLock);
        this.listener = required("listener", listener);
        this.clock = required("clock", clock);
        this.revokeWith = revokeWith;
        if (idleAfter.compareTo(MIN_IDLE_AFTER) < 0) {
            throw CoreMessages.cleanupIdleAfterInvalid(idleAfter);
        }
    }

    /**
     * One sweep: deletes (and revokes) every token unused for {@code idleAfter}, under the cluster lock.
     *
     * @return the number of tokens this node deleted; 0 also when another node held the lock too long
     * @throws TokenStoreException if the store or the lock fails ({@code TOKENSTORE-0321} with the cause)
     */
    public int sweep() {
        RefreshLock.Lease lease;
        try {
            lease = clusterLock.acquire(new UserSignature(LOCK_NAME));
        } catch (RefreshLockTimeoutException e) {
            LOG.log(System.Logger.Level.INFO, OAuthMessages.cleanupSkipped());
            return 0;
        } catch (TokenStoreException e) {
            throw OAuthMessages.cleanupFailed(e);
        }
        try (lease) {
            return sweepLocked();
        } catch (RuntimeException e) {
            throw OAuthMessages.cleanupFailed(e);
        }
    }

    private int sweepLocked() {
        Instant cutoff = clock.instant().minus(idleAfter);
        int deleted = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<OAuthToken> idle = store.idleTokens(cutoff, BATCH);
            int deletedThisRound = 0;
            for (OAuthToken token : idle) {
                if (!store.deleteIfIdle(token.id(), cutoff)) {
                    continue; // used meanwhile, or another node got it
                }
                deletedThisRound++;
                UserSignature user = token.userSignature();
                OAuthProviders revoking = revokeWith == null ? null : revokeWith.apply(token.client());
                if (revoking != null) {
                    TokenService.revokeReporting(revoking, listener,
                            user == null ? new UserSignature("(token " + token.id() + ")") : user, token);
                }
                if (user != null) {
                    try {
                        listener.tokenDeleted(user);
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, OAuthMessages.listenerThrew(listener, "tokenDeleted", e));
                    }
                }
            }
            deleted += deletedThisRound;
            if (idle.size() < BATCH || deletedThisRound == 0) {
                break;
            }
        }
        if (deleted > 0) {
            LOG.log(System.Logger.Level.INFO, OAuthMessages.cleanupDeleted(deleted, idleAfter));
        }
        return deleted;
    }

    /**
     * Sweeps every {@code period}, the first time after {@code initialDelay}. A failed sweep is logged
     * ({@code TOKENSTORE-0321}, no secret) and the next one runs as planned.
     *
     * @return the scheduled task; cancel it (or shut the scheduler down) to stop
     * @throws IllegalArgumentException if an argument is null or {@code period} is not positive
     */
    public ScheduledFuture<?> schedule(ScheduledExecutorService scheduler, Duration initialDelay, Duration period) {
        required("scheduler", scheduler);
        required("initialDelay", initialDelay);
        required("period", period);
        if (period.isNegative() || period.isZero()) {
            throw CoreMessages.oauthDurationInvalid(OWNER, "period", period, "it must be positive");
        }
        return scheduler.scheduleWithFixedDelay(() -> {
            try {
                sweep();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, e instanceof TokenStoreException ? e.getMessage()
                        : OAuthMessages.cleanupFailed(e).getMessage());
            }
        }, initialDelay.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public String toString() {
        return "TokenCleanup[idleAfter=" + idleAfter + ", " + clusterLock + ", revoke=" + (revokeWith != null) + "]";
    }

    private static <T> T required(String name, T value) {
        if (value == null) {
            throw CoreMessages.oauthArgumentNull(OWNER, name);
        }
        return value;
    }
}
