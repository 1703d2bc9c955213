package io.github.tokenstore.cdi.internal;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.core.ForwardingTokenStore;
import io.github.tokenstore.oauth.TokenCleanup;
import io.github.tokenstore.oauth.TokenService;
import io.github.tokenstore.spi.IdleTokens;
import io.github.tokenstore.spi.TokenListener;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.naming.NamingException;

/**
 * The idle-token clean-up of {@code tokenstore.cleanup.*} on a schedule: on the server's Jakarta Concurrency
 * {@value #MANAGED_SCHEDULER} if a JNDI lookup finds it (looked up as a plain
 * {@link ScheduledExecutorService}, so the library needs no Concurrency API), else on a scheduler of its
 * own, one daemon thread, which {@link #close()} shuts down. The first sweep runs after the interval or
 * {@link #FIRST_SWEEP_AT_MOST}, whichever is shorter, so that an application redeployed more often than
 * the interval still sweeps. Thread-safe.
 */
public final class ScheduledCleanup implements AutoCloseable {

    /** The scheduler a Jakarta EE server must offer (Jakarta Concurrency). */
    public static final String MANAGED_SCHEDULER = "java:comp/DefaultManagedScheduledExecutorService";
    /** The longest wait for the first sweep. */
    public static final Duration FIRST_SWEEP_AT_MOST = Duration.ofMinutes(5);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

    private final ScheduledExecutorService ownScheduler;
    private final ScheduledFuture<?> task;
    private final boolean managed;

    private ScheduledCleanup(ScheduledExecutorService ownScheduler, ScheduledFuture<?> task, boolean managed) {
        this.ownScheduler = ownScheduler;
        this.task = task;
        this.managed = managed;
    }

    /**
     * Schedules {@code cleanup} every {@code interval}.
     *
     * @param jndi finds the managed scheduler; without it (Java SE) a daemon thread of its own sweeps
     */
    public static ScheduledCleanup start(TokenCleanup cleanup, Duration interval, BuiltInStore.Jndi jndi) {
        Duration first = interval.compareTo(FIRST_SWEEP_AT_MOST) < 0 ? interval : FIRST_SWEEP_AT_MOST;
        ScheduledExecutorService managed = managedScheduler(jndi);
        if (managed != null) {
            return new ScheduledCleanup(null, cleanup.schedule(managed, first, interval), true);
        }
        ScheduledExecutorService own = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tokenstore-cleanup");
            t.setDaemon(true);
            return t;
        });
        return new ScheduledCleanup(own, cleanup.schedule(own, first, interval), false);
    }

    private static ScheduledExecutorService managedScheduler(BuiltInStore.Jndi jndi) {
        try {
            return jndi.lookup(MANAGED_SCHEDULER) instanceof ScheduledExecutorService s ? s : null;
        } catch (NamingException | RuntimeException notInAServer) {
            return null;
        }
    }

    /** Whether the sweeps run on the server's managed scheduler. */
    public boolean managed() {
        return managed;
    }

    /**
     * Cancels the sweeps and shuts the own scheduler down, waiting at most ten seconds for a running sweep
     * (a managed scheduler belongs to the server: its task is only cancelled).
     */
    @Override
    public void close() {
        task.cancel(false);
        if (ownScheduler != null) {
            ownScheduler.shutdownNow();
            try {
                ownScheduler.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The store's {@link IdleTokens} beneath the library's wrappers ({@link ForwardingTokenStore}s such as
     * {@link CoherentTokenStore}, {@link io.github.tokenstore.core.MeasuredTokenStore} and
     * {@link OutsideTransactionTokenStore}: a sweep runs on a scheduler thread, outside any transaction), or
     * {@code null} if the store does not record last use.
     */
    public static IdleTokens idleTokens(TokenStore store) {
        TokenStore s = store;
        while (true) {
            if (s instanceof IdleTokens idle) {
                return idle;
            }
            if (s instanceof ForwardingTokenStore wrapper) {
                s = wrapper.delegate();
            } else {
                return null;
            }
        }
    }

    /**
     * {@link IdleTokens} found anew for every call: the store bean is created on first use and may be
     * recreated, while the schedule starts at deployment.
     *
     * @param store gives the store's idle tokens, or {@code null} if it has none
     */
    public static IdleTokens lazily(Supplier<IdleTokens> store) {
        return new IdleTokens() {
            @Override
            public List<OAuthToken> idleTokens(Instant unusedSince, int limit) {
                return resolve().idleTokens(unusedSince, limit);
            }

            @Override
            public boolean deleteIfIdle(String id, Instant unusedSince) {
                return resolve().deleteIfIdle(id, unusedSince);
            }

            private IdleTokens resolve() {
                IdleTokens idle = store.get();
                if (idle == null) {
                    throw new IllegalStateException("the token store does not record last use");
                }
                return idle;
            }
        };
    }

    /**
     * {@code events}, and first the token service's cache forgets a deleted user's token, as it does for a
     * delete through the store bean.
     */
    public static TokenListener evicting(TokenListener events, Supplier<TokenService> service) {
        return new TokenListener() {
            @Override
            public void tokenDeleted(UserSignature user) {
                TokenService s = service.get();
                if (s != null) {
                    s.evict(user);
                }
                events.tokenDeleted(user);
            }

            @Override
            public void revokeFailed(UserSignature user, TokenStoreException failure) {
                events.revokeFailed(user, failure);
            }
        };
    }

    @Override
    public String toString() {
        return "ScheduledCleanup[" + (managed ? "managed scheduler" : "own daemon thread") + "]";
    }
}
