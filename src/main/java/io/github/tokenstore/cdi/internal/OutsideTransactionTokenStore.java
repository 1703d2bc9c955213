package io.github.tokenstore.cdi.internal;

import io.github.tokenstore.TokenStore;
import io.github.tokenstore.core.ForwardingTokenStore;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The built-in JPA store on a server's datasource, kept out of the caller's JTA transaction.
 *
 * <p>Why: the library's own persistence unit is resource-local, and a server's datasource is a JTA one.
 * Inside a JTA transaction its connections are enlisted, and the store's own commit is refused (WildFly:
 * "You cannot commit during a managed transaction"). So an operation called while a transaction is
 * active runs on the server's {@code ManagedExecutorService}, whose tasks run without a transaction, and
 * the caller waits for it: each operation commits on its own, as {@code REQUIRES_NEW} would, so a
 * refreshed token is kept even when the caller's transaction rolls back. Called outside a transaction,
 * an operation runs on the caller's thread. Thread-safe.
 *
 * <p>Open Liberty runs no task of an application that is still starting, so an operation inside a JTA
 * transaction during startup (a {@code @Startup} EJB, an {@code @Initialized} observer with
 * {@code @Transactional}) would wait forever: after {@link #DEFAULT_WAIT} the task is cancelled and the
 * operation fails with TOKENSTORE-0119 instead.
 */
final class OutsideTransactionTokenStore extends ForwardingTokenStore {

    /** How long an operation waits for the executor to finish it. */
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

    private final BooleanSupplier inTransaction;
    private final ExecutorService executor;
    private final Duration wait;

    /**
     * @param inTransaction whether the calling thread has a JTA transaction
     * @param executor      runs tasks without a transaction (a {@code ManagedExecutorService})
     * @param wait          how long an operation waits for the executor to finish it
     */
    OutsideTransactionTokenStore(TokenStore store, BooleanSupplier inTransaction, ExecutorService executor,
                                 Duration wait) {
        super(store);
        this.inTransaction = inTransaction;
        this.executor = executor;
        this.wait = wait;
    }

    @Override
    protected <T> T around(String name, Supplier<T> call) {
        Future<T> task = null;
        try {
            if (!inTransaction.getAsBoolean()) {
                return call.get();
            }
            task = executor.submit(call::get);
            return task.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw unchecked(e.getCause());
        } catch (TimeoutException e) {
            // Never let the operation run later, when the caller has long given up on it.
            task.cancel(true);
            throw CdiMessages.executorTimedOut(name, wait.toSeconds());
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the token store worked outside the transaction", e);
        } catch (Exception e) {
            throw unchecked(e);
        }
    }

    /** The store throws only unchecked exceptions; pass them on as they are. */
    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
