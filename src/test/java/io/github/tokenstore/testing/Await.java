package io.github.tokenstore.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The one way a test waits for something another thread does: {@code Await.until("the sweep deleted Ana",
 * () -> !audit.deleted().isEmpty())}. It checks the condition at once and then at short, growing intervals
 * (1 ms up to 50 ms) until it holds, or fails with an {@link AssertionError} that says what was awaited and
 * for how long. A condition that throws fails the wait at once with that exception.
 *
 * <p>Only for work on threads the test does not control (a scheduler, a child JVM, a server); when the test
 * owns the time, it moves a {@link MutableClock} instead, and when it owns the threads, it uses latches.
 */
public final class Await {

    /** How long {@link #until(String, Condition)} waits: long enough for a loaded two-core machine. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long LONGEST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /** A condition to wait for; it may throw, which ends the wait. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private Await() {
    }

    /** Waits up to {@link #DEFAULT_TIMEOUT} until {@code condition} holds. */
    public static void until(String what, Condition condition) {
        until(what, DEFAULT_TIMEOUT, condition);
    }

    /**
     * Waits up to {@code timeout} until {@code condition} holds.
     *
     * @param what names the condition in the failure, e.g. "the cleanup thread ended"
     * @throws AssertionError if it still does not hold after {@code timeout}, or the condition threw
     */
    public static void until(String what, Duration timeout, Condition condition) {
        long start = System.nanoTime();
        long pause = FIRST_PAUSE_NANOS;
        while (true) {
            if (holds(what, condition)) {
                return;
            }
            long waited = System.nanoTime() - start;
            if (waited >= timeout.toNanos()) {
                throw new AssertionError("waited " + Duration.ofNanos(waited).toMillis() + " ms (at most "
                        + timeout.toMillis() + " ms) until " + what + ", in vain");
            }
            LockSupport.parkNanos(Math.min(pause, timeout.toNanos() - waited));
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what);
            }
            pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
        }
    }

    private static boolean holds(String what, Condition condition) {
        try {
            return condition.holds();
        } catch (Exception e) {
            throw new AssertionError("the condition threw while waiting until " + what, e);
        }
    }
}
