package io.github.tokenstore.core;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A store that passes every operation on to the store it wraps, through {@link #around}: a decorator
 * extends it and states only what it adds (overriding {@code around}, or an operation itself).
 *
 * <p>{@link #close()} and {@link #toString()} go straight to the wrapped store, not through
 * {@code around}. Code that looks for an interface of the wrapped store (such as
 * {@link io.github.tokenstore.spi.IdleTokens}) unwraps a decorator with {@link #delegate()}. Thread-safe if
 * the wrapped store and the subclass are.
 */
public abstract class ForwardingTokenStore implements TokenStore {

    private final TokenStore delegate;

    /** @param delegate the store wrapped; not checked here, a subclass checks it if it must */
    protected ForwardingTokenStore(TokenStore delegate) {
        this.delegate = delegate;
    }

    /** The wrapped store. */
    public final TokenStore delegate() {
        return delegate;
    }

    /**
     * Runs one operation on the wrapped store. This implementation runs it on the calling thread and
     * returns its result; a subclass may measure it, move it to another thread, and so on, but passes the
     * store's exceptions on.
     *
     * @param operation the name of the {@link TokenStore} method, such as {@code "saveToken"}
     * @param call      the call on the wrapped store ({@code null} as the result of a {@code void} one)
     */
    protected <T> T around(String operation, Supplier<T> call) {
        return call.get();
    }

    @Override
    public Optional<OAuthToken> findToken(OAuthToken token) {
        return around("findToken", () -> delegate.findToken(token));
    }

    @Override
    public OAuthToken saveToken(OAuthToken token) {
        return around("saveToken", () -> delegate.saveToken(token));
    }

    @Override
    public void deleteToken(String id) {
        around("deleteToken", () -> {
            delegate.deleteToken(id);
            return null;
        });
    }

    @Override
    public List<OAuthToken> getTokens() {
        return around("getTokens", delegate::getTokens);
    }

    @Override
    public void deleteTokens() {
        around("deleteTokens", () -> {
            delegate.deleteTokens();
            return null;
        });
    }

    @Override
    public Optional<OAuthToken> findTokenById(String id) {
        return around("findTokenById", () -> delegate.findTokenById(id));
    }

    @Override
    public long countTokens() {
        return around("countTokens", delegate::countTokens);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
