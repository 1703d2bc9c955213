package io.github.tokenstore.oauth;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStores;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory store that counts its reads and writes, to prove the hot path never reaches it. */
final class CountingStore implements TokenStore {

    private final TokenStore delegate = TokenStores.inMemory();
    final AtomicInteger finds = new AtomicInteger();
    final AtomicInteger saves = new AtomicInteger();
    /** Finds after this many throw an {@link IllegalStateException}: a store with a bug. */
    volatile int failFindsAfter = Integer.MAX_VALUE;

    @Override
    public Optional<OAuthToken> findToken(OAuthToken token) {
        if (finds.incrementAndGet() > failFindsAfter) {
            throw new IllegalStateException("store bug");
        }
        return delegate.findToken(token);
    }

    @Override
    public OAuthToken saveToken(OAuthToken token) {
        saves.incrementAndGet();
        return delegate.saveToken(token);
    }

    @Override
    public void deleteToken(String id) {
        delegate.deleteToken(id);
    }

    @Override
    public List<OAuthToken> getTokens() {
        return delegate.getTokens();
    }

    @Override
    public void deleteTokens() {
        delegate.deleteTokens();
    }

    @Override
    public Optional<OAuthToken> findTokenById(String id) {
        return delegate.findTokenById(id);
    }
}
