package io.github.tokenstore.cdi.internal;

import io.github.tokenstore.TokenStore;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.core.ChangeFeedMessages;
import io.github.tokenstore.core.ForwardingTokenStore;
import io.github.tokenstore.core.TokenChanges;
import io.github.tokenstore.core.TokenChanges.Change;
import io.github.tokenstore.core.TokenChanges.Kind;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javax.naming.NamingException;

/**
 * One JVM's poll of the store's change feed ({@link TokenChanges}): every interval one query for the changes
 * after the last position seen; a user whose token was deleted is evicted from the token services' caches, one
 * whose token was saved (a refresh, a rotation, a refusal, a login) is re-read into them by the poll itself,
 * so that a token deleted, refused or rotated on another JVM is served here at most one interval (plus the
 * poll) longer. Never on the hot path: {@code @CrmCall} still reads no store while its token is cached, and
 * a caller never waits for a change made elsewhere to be read.
 *
 * <p>The first {@link #poll()} only takes the feed's latest position (nothing is cached yet). A position the
 * feed skipped may belong to a transaction not committed yet: it is asked for again on each poll for
 * {@link #GAP_WAIT}. Changes older than {@link #KEPT} are pruned, at most every {@link #PRUNE_EVERY}. A failing
 * poll is logged once per outage (TOKENSTORE-1152, then 1153) and tried again at the next interval; it never
 * throws. On the server's managed scheduler if a JNDI lookup finds it, else on a daemon thread of its own,
 * stopped by {@link #close()}. Thread-safe: polls are serialized.
 */
public final class TokenChangePoller implements AutoCloseable {

    /** How long changes are kept in the feed. */
    public static final Duration KEPT = Duration.ofMinutes(10);
    /** How often one JVM prunes the changes older than {@link #KEPT}. */
    static final Duration PRUNE_EVERY = Duration.ofMinutes(1);
    /** How long a skipped position is asked for again (a transaction that took it may commit late). */
    static final Duration GAP_WAIT = Duration.ofSeconds(30);
    /** Changes read per query; a poll reads on while a query fills its batch, up to {@link #BATCHES} queries. */
    static final int BATCH = 500;
    static final int BATCHES = 20;
    /** A larger jump in positions (a pruned feed, a sequence's cache) is not awaited position by position. */
    static final int LARGEST_GAP = 1_000;

    private static final System.Logger LOG = System.getLogger(TokenChangePoller.class.getName());

    private final Supplier<TokenChanges> feed;
    private final BiConsumer<UserSignature, String> evict;
    private final BiConsumer<UserSignature, String> reload;
    private final Runnable evictAll;
    private final Clock clock;
    private final Duration interval;

    private boolean started;
    private long position;
    /** Skipped positions, by when they were first seen skipped (epoch millis). */
    private final TreeMap<Long, Long> gaps = new TreeMap<>();
    private long lastPrune;
    /** When the current outage began (epoch millis), or {@code null} while polls work. */
    private Long failingSince;
    private boolean warnedNoTable;

    private volatile ScheduledExecutorService ownScheduler;
    private volatile ScheduledFuture<?> task;

    /**
     * @param feed     the store's feed, or {@code null} when there is nothing to poll now (the container stops)
     * @param evict    forgets a user's cached token of a client (the change's, {@code null} for a token without
     *                 one) in every token service that may hold it: for a user whose last change read is a delete
     * @param reload   re-reads a user's token of a client into every token service that may hold it and caches
     *                 it, off the callers' path ({@code TokenService.reload}): for a user whose last change read
     *                 is a save
     * @param evictAll forgets every cached token in every token service: after an outage longer than changes
     *                 are kept (TOKENSTORE-1154)
     * @param clock    the time of gaps, prunes and outages
     * @param interval the time between polls
     * @throws IllegalArgumentException if an argument is null or the interval not positive
     */
    public TokenChangePoller(Supplier<TokenChanges> feed, BiConsumer<UserSignature, String> evict,
                             BiConsumer<UserSignature, String> reload, Runnable evictAll, Clock clock,
                             Duration interval) {
        if (reload == null || evictAll == null) {
            throw io.github.tokenstore.core.CoreMessages.nullArgument("TokenChangePoller",
                    reload == null ? "reload" : "evictAll");
        }
        if (feed == null || evict == null || clock == null || interval == null) {
            throw io.github.tokenstore.core.CoreMessages.nullArgument("TokenChangePoller", feed == null ? "feed"
                    : evict == null ? "evict" : clock == null ? "clock" : "interval");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw io.github.tokenstore.core.CoreMessages.oauthDurationInvalid("TokenChangePoller", "interval",
                    interval, "it must be positive");
        }
        this.feed = feed;
        this.evict = evict;
        this.reload = reload;
        this.evictAll = evictAll;
        this.clock = clock;
        this.interval = interval;
    }

    /**
     * The change feed of {@code store} beneath the library's wrappers ({@link ForwardingTokenStore}s), if it
     * records changes; else {@code null}.
     */
    public static TokenChanges changesOf(TokenStore store) {
        TokenStore s = store;
        while (true) {
            if (s instanceof TokenChanges changes) {
                return changes;
            }
            if (s instanceof ForwardingTokenStore wrapper) {
                s = wrapper.delegate();
            } else {
                return null;
            }
        }
    }

    /**
     * Polls once now, in the calling thread (so the position is taken before the first request), then every
     * interval on the managed scheduler found by {@code jndi}, else on a daemon thread of its own.
     *
     * @return this poller
     */
    public synchronized TokenChangePoller start(BuiltInStore.Jndi jndi) {
        poll();
        ScheduledExecutorService managed = managedScheduler(jndi);
        ScheduledExecutorService scheduler = managed;
        if (scheduler == null) {
            ownScheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "tokenstore-cache-sync");
                t.setDaemon(true);
                return t;
            });
            scheduler = ownScheduler;
        }
        long millis = interval.toMillis();
        task = scheduler.scheduleWithFixedDelay(this::pollQuietly, millis, millis, TimeUnit.MILLISECONDS);
        return this;
    }

    private static ScheduledExecutorService managedScheduler(BuiltInStore.Jndi jndi) {
        try {
            return jndi.lookup(ScheduledCleanup.MANAGED_SCHEDULER) instanceof ScheduledExecutorService s ? s : null;
        } catch (NamingException | RuntimeException notInAServer) {
            return null;
        }
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException | Error e) {
            // A task that throws is never run again by its scheduler: this one must go on.
            LOG.log(System.Logger.Level.WARNING, ChangeFeedMessages.pollFailed(String.valueOf(feed.get()), interval, e));
        }
    }

    /**
     * Reads the changes after the last position seen (and the skipped positions still awaited) and evicts their
     * users; prunes old changes when due. Never throws: a failure is logged once per outage.
     *
     * @return how many changes were read (0 on the first poll, which only takes the position, and on failure)
     */
    public synchronized int poll() {
        TokenChanges changes = feed.get();
        if (changes == null) {
            return 0;
        }
        long now = clock.millis();
        try {
            if (!changes.recordsChanges()) {
                if (!warnedNoTable) {
                    warnedNoTable = true;
                    LOG.log(System.Logger.Level.WARNING, ChangeFeedMessages.noChangeTable(String.valueOf(changes)));
                }
                return 0;
            }
            if (!started) {
                position = changes.latestChange();
                started = true;
                lastPrune = now;
                succeeded(changes, now);
                return 0;
            }
            // Each user's token of a client once, by the last change read: a delete is forgotten now, a save
            // re-read off the hot path.
            Map<Changed, Kind> users = new LinkedHashMap<>();
            int read = 0;
            if (!gaps.isEmpty()) {
                List<Long> awaited = new ArrayList<>(gaps.keySet()).subList(0, Math.min(BATCH, gaps.size()));
                for (Change c : changes.changesAt(awaited)) {
                    gaps.remove(c.position());
                    users.put(new Changed(c), c.kind());
                    read++;
                }
            }
            for (int batch = 0; batch < BATCHES; batch++) {
                List<Change> page = changes.changesAfter(position, BATCH);
                for (Change c : page) {
                    long skipped = c.position() - position - 1;
                    if (skipped > 0 && skipped <= LARGEST_GAP) {
                        for (long p = position + 1; p < c.position(); p++) {
                            gaps.putIfAbsent(p, now);
                        }
                    }
                    position = Math.max(position, c.position());
                    users.put(new Changed(c), c.kind());
                    read++;
                }
                if (page.size() < BATCH) {
                    break;
                }
            }
            gaps.values().removeIf(since -> now - since >= GAP_WAIT.toMillis());
            users.forEach(this::apply);
            if (now - lastPrune >= PRUNE_EVERY.toMillis()) {
                changes.pruneChanges(clock.instant().minus(KEPT));
                lastPrune = now;
            }
            succeeded(changes, now);
            return read;
        } catch (RuntimeException e) {
            if (failingSince == null) {
                failingSince = now;
                LOG.log(System.Logger.Level.WARNING, ChangeFeedMessages.pollFailed(String.valueOf(changes), interval, e));
            }
            return 0;
        }
    }

    /** Forgets a deleted token now; re-reads a saved one, or forgets it if the store fails that read. */
    private void apply(Changed token, Kind kind) {
        if (kind == Kind.DELETED) {
            evict.accept(token.user(), token.client());
            return;
        }
        try {
            reload.accept(token.user(), token.client());
        } catch (RuntimeException e) {
            // Forgotten instead: the user's next call reads the store itself.
            evict.accept(token.user(), token.client());
        }
    }

    /** A user's token of a client ({@code null}: without one), as a change names it. */
    private record Changed(UserSignature user, String client) {
        Changed(Change c) {
            this(c.user(), c.client());
        }
    }

    private void succeeded(TokenChanges changes, long now) {
        if (failingSince == null) {
            return;
        }
        Duration outage = Duration.ofMillis(now - failingSince);
        failingSince = null;
        LOG.log(System.Logger.Level.INFO, ChangeFeedMessages.pollResumed(String.valueOf(changes), outage));
        if (outage.compareTo(KEPT) > 0) {
            evictAll.run();
            LOG.log(System.Logger.Level.WARNING, ChangeFeedMessages.changesMissed(String.valueOf(changes), outage, KEPT));
        }
    }

    /** The last position read, for tests and diagnostics. */
    synchronized long position() {
        return position;
    }

    /** The skipped positions still awaited, in order, for tests. */
    synchronized List<Long> awaitedGaps() {
        return List.copyOf(gaps.keySet());
    }

    /** Whether the poll runs on the server's managed scheduler. */
    public boolean managed() {
        return task != null && ownScheduler == null;
    }

    /**
     * Cancels the polls and stops the own thread, if any (a managed scheduler is the server's: only cancelled);
     * does not wait for a poll in progress.
     */
    @Override
    public void close() {
        if (task != null) {
            task.cancel(false);
        }
        if (ownScheduler != null) {
            ownScheduler.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "TokenChangePoller[every " + interval + "]";
    }
}
