package io.github.tokenstore.core;


import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The number of stored tokens for a metric, counted at most once per {@code maxAge} and never on the
 * caller's thread: a metrics exporter that asks every few seconds costs the store one count a minute,
 * and a store that hangs never holds the exporter. Until the first count ends, and after a count fails,
 * there is no value (a missing point rather than a wrong one). Thread-safe.
 */
public final class TokenCount {

    private static final System.Logger LOG = System.getLogger(TokenCount.class.getName());

    private final LongSupplier count;
    private final long maxAgeMillis;
    private final Clock clock;
    private final Executor executor;
    private final AtomicBoolean counting = new AtomicBoolean();
    private volatile Counted latest;
    /** When the last count started; {@code Long.MIN_VALUE} before the first. */
    private volatile long lastStart = Long.MIN_VALUE;

    private record Counted(long value) {
    }

    /**
     * @param count    counts the tokens (e.g. {@code store::countTokens})
     * @param maxAge   how old a count may get before the next {@link #value()} starts a new one
     * @param clock    the time
     * @param executor runs the counts
     * @throws IllegalArgumentException if an argument is null or {@code maxAge} is negative
     */
    public TokenCount(LongSupplier count, Duration maxAge, Clock clock, Executor executor) {
        if (count == null || maxAge == null || clock == null || executor == null) {
            throw CoreMessages.nullArgument("TokenCount", count == null ? "count"
                    : maxAge == null ? "maxAge" : clock == null ? "clock" : "executor");
        }
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("TokenCount: maxAge must not be negative, not " + maxAge);
        }
        this.count = count;
        this.maxAgeMillis = maxAge.toMillis();
        this.clock = clock;
        this.executor = executor;
    }

    /**
     * The latest count; starts a new count in the background if the last one started more than
     * {@code maxAge} ago (or none ever did) and none is running. A failed count is retried no sooner.
     *
     * @return the count, or empty if no count has succeeded yet or the last one failed
     */
    public OptionalLong value() {
        long now = clock.millis();
        boolean due = lastStart == Long.MIN_VALUE || now - lastStart >= maxAgeMillis;
        if (due && counting.compareAndSet(false, true)) {
            lastStart = now;
            try {
                executor.execute(this::recount);
            } catch (RejectedExecutionException e) {
                counting.set(false);
            }
        }
        Counted c = latest;
        return c == null ? OptionalLong.empty() : OptionalLong.of(c.value);
    }

    private void recount() {
        try {
            latest = new Counted(count.getAsLong());
        } catch (RuntimeException e) {
            latest = null;
            LOG.log(System.Logger.Level.WARNING, CoreMessages.tokenCountFailed(e).getMessage());
        } finally {
            counting.set(false);
        }
    }
}
