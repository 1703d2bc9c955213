package io.github.tokenstore.core;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStoreMessages;
import io.github.tokenstore.spi.TokenMetrics;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A store that tells {@link TokenMetrics} how long each operation of the store it wraps took and whether
 * it failed; otherwise the wrapped store as it is (results, exceptions, {@code close}). Thread-safe if
 * the wrapped store is.
 */
public final class MeasuredTokenStore implements TokenStore {

    private final TokenStore store;
    private final TokenMetrics metrics;

    /** @throws IllegalArgumentException if an argument is null */
    public MeasuredTokenStore(TokenStore store, TokenMetrics metrics) {
        if (store == null || metrics == null) {
            throw TokenStoreMessages.nullArgument("MeasuredTokenStore", store == null ? "store" : "metrics");
        }
        this.store = store;
        this.metrics = metrics;
    }

    /** The store measured. */
    public TokenStore measured() {
        return store;
    }

    @Override
    public Optional<OAuthToken> findToken(OAuthToken token) {
        return measure("findToken", () -> store.findToken(token));
    }

    @Override
    public OAuthToken saveToken(OAuthToken token) {
        return measure("saveToken", () -> store.saveToken(token));
    }

    @Override
    public void deleteToken(String id) {
        measure("deleteToken", () -> {
            store.deleteToken(id);
            return null;
        });
    }

    @Override
    public List<OAuthToken> getTokens() {
        return measure("getTokens", store::getTokens);
    }

    @Override
    public void deleteTokens() {
        measure("deleteTokens", () -> {
            store.deleteTokens();
            return null;
        });
    }

    @Override
    public Optional<OAuthToken> findTokenById(String id) {
        return measure("findTokenById", () -> store.findTokenById(id));
    }

    @Override
    public long countTokens() {
        return measure("countTokens", store::countTokens);
    }

    @Override
    public void close() {
        store.close();
    }

    @Override
    public String toString() {
        return store.toString();
    }

    private <T> T measure(String operation, Supplier<T> work) {
        long start = System.nanoTime();
        Throwable failure = null;
        try {
            return work.get();
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            metrics.storeOperation(operation, System.nanoTime() - start, failure);
        }
    }
}
