package io.github.tokenstore.testing;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStores;

import java.util.List;
import java.util.Optional;

/**
 * A test's store that passes every operation on to an in-memory store: a test extends it and overrides
 * only the operations it watches (counts them, records the thread, fails on purpose), calling
 * {@code super} for the real work.
 *
 * <p>Abstract, so that it never becomes a CDI bean of its own; a subclass may be {@code @ApplicationScoped}
 * (no method here is final, so Weld can proxy it). Thread-safe: the in-memory store is.
 */
public abstract class ForwardingTestStore implements TokenStore {

    private final TokenStore tokens = TokenStores.inMemory();

    @Override
    public Optional<OAuthToken> findToken(OAuthToken token) {
        return tokens.findToken(token);
    }

    @Override
    public OAuthToken saveToken(OAuthToken token) {
        return tokens.saveToken(token);
    }

    @Override
    public void deleteToken(String id) {
        tokens.deleteToken(id);
    }

    @Override
    public List<OAuthToken> getTokens() {
        return tokens.getTokens();
    }

    @Override
    public void deleteTokens() {
        tokens.deleteTokens();
    }

    @Override
    public Optional<OAuthToken> findTokenById(String id) {
        return tokens.findTokenById(id);
    }
}
