package io.github.tokenstore.cdi.internal;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;

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
 */
final class OutsideTransactionTokenStore implements TokenStore {

    private final TokenStore store;
    private final BooleanSupplier inTransaction;
    private final ExecutorService executor;

    /**
     * @param inTransaction whether the calling thread has a JTA transaction
     * @param executor      runs tasks without a transaction (a {@code ManagedExecutorService})
     */
    OutsideTransactionTokenStore(TokenStore store, BooleanSupplier inTransaction, ExecutorService executor) {
        this.store = store;
        this.inTransaction = inTransaction;
        this.executor = executor;
    }

    @Override
    public Optional<OAuthToken> findToken(OAuthToken token) {
        return run(() -> store.findToken(token));
    }

    @Override
    public OAuthToken saveToken(OAuthToken token) {
        return run(() -> store.saveToken(token));
    }

    @Override
    public void deleteToken(String id) {
        run(() -> {
            store.deleteToken(id);
            return null;
        });
    }

    @Override
    public List<OAuthToken> getTokens() {
        return run(store::getTokens);
    }

    @Override
    public void deleteTokens() {
        run(() -> {
            store.deleteTokens();
            return null;
        });
    }

    @Override
    public Optional<OAuthToken> findTokenById(String id) {
        return run(() -> store.findTokenById(id));
    }

    @Override
    public void close() {
        store.close();
    }

    @Override
    public String toString() {
        return store.toString();
    }

    private <T> T run(Callable<T> operation) {
        try {
            if (!inTransaction.getAsBoolean()) {
                return operation.call();
            }
            return executor.submit(operation).get();
        } catch (ExecutionException e) {
            throw unchecked(e.getCause());
        } catch (InterruptedException e) {
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
