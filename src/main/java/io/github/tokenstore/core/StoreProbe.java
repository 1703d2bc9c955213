package io.github.tokenstore.core;

import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStoreException;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Asks a store whether it answers, within a time limit: {@link TokenStore#findTokenById} of an id no
 * store ever generates. That is one indexed lookup for the JPA store (a round trip to the database), a
 * look at the file (parsed again if it changed) for the file store, a map lookup in memory, and for a
 * custom store whatever its lookup by id costs, which every store keeps cheap.
 *
 * <p>At most one probe runs at a time: a store that hangs is not asked again until the hanging probe
 * ends, and callers meanwhile get a failure at once ({@code TOKENSTORE-0601}). Thread-safe.
 */
public final class StoreProbe {

    /** The id looked up: the store generates ids of another form, so it is never found. */
    public static final String PROBE_ID = "tokenstore-health-probe";

    /** How a probe went. {@code failure} is {@code null} when the store answered. */
    public record Result(boolean up, Duration took, TokenStoreException failure) {
    }

    private final Supplier<TokenStore> store;
    private final Duration timeout;
    private final Executor executor;
    private CompletableFuture<Void> running;
    private long runningSince;

    /**
     * @param store    the store, asked on every probe (a CDI reference, say)
     * @param timeout  how long a probe may take
     * @param executor runs the lookup, so that a hanging store cannot hold the caller
     * @throws IllegalArgumentException if an argument is null or the timeout is not positive
     */
    public StoreProbe(Supplier<TokenStore> store, Duration timeout, Executor executor) {
        if (store == null || timeout == null || executor == null) {
            throw CoreMessages.nullArgument("StoreProbe",
                    store == null ? "store" : timeout == null ? "timeout" : "executor");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("StoreProbe: timeout must be positive, not " + timeout);
        }
        this.store = store;
        this.timeout = timeout;
        this.executor = executor;
    }

    /** Probes the store, waiting at most the timeout. */
    public Result probe() {
        long start = System.nanoTime();
        CompletableFuture<Void> probe;
        synchronized (this) {
            if (running != null && !running.isDone()) {
                return new Result(false, Duration.ZERO,
                        CoreMessages.storeProbeStillRunning(Duration.ofNanos(start - runningSince)));
            }
            probe = new CompletableFuture<>();
            running = probe;
            runningSince = start;
        }
        CompletableFuture<Void> task = probe;
        try {
            executor.execute(() -> {
                try {
                    store.get().findTokenById(PROBE_ID);
                    task.complete(null);
                } catch (Throwable t) {
                    task.completeExceptionally(t);
                }
            });
            task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return new Result(true, Duration.ofNanos(System.nanoTime() - start), null);
        } catch (TimeoutException e) {
            return new Result(false, Duration.ofNanos(System.nanoTime() - start),
                    CoreMessages.storeProbeTimedOut(timeout));
        } catch (ExecutionException e) {
            return failed(start, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(start, e);
        } catch (RuntimeException e) {
            // The executor refused the task.
            task.completeExceptionally(e);
            return failed(start, e);
        }
    }

    private static Result failed(long start, Throwable cause) {
        TokenStoreException failure = cause instanceof TokenStoreException known
                ? known : CoreMessages.storeProbeFailed(cause);
        return new Result(false, Duration.ofNanos(System.nanoTime() - start), failure);
    }
}
