package io.github.tokenstore.core;

import io.github.tokenstore.TokenStore;
import io.github.tokenstore.spi.TokenMetrics;

import java.util.function.Supplier;

/**
 * A store that tells {@link TokenMetrics} how long each operation of the store it wraps took and whether
 * it failed; otherwise the wrapped store as it is (results, exceptions, {@code close}), even if the metrics
 * throw ({@link Timing}). Thread-safe if the wrapped store is.
 */
public final class MeasuredTokenStore extends ForwardingTokenStore {

    private final TokenMetrics metrics;

    /** @throws IllegalArgumentException if an argument is null */
    public MeasuredTokenStore(TokenStore store, TokenMetrics metrics) {
        super(checked(store, metrics));
        this.metrics = metrics;
    }

    private static TokenStore checked(TokenStore store, TokenMetrics metrics) {
        if (store == null || metrics == null) {
            throw CoreMessages.nullArgument("MeasuredTokenStore", store == null ? "store" : "metrics");
        }
        return store;
    }

    /** The store measured. */
    public TokenStore measured() {
        return delegate();
    }

    @Override
    protected <T> T around(String operation, Supplier<T> call) {
        return Timing.timed(call, (nanos, failure) -> metrics.storeOperation(operation, nanos, failure));
    }
}
