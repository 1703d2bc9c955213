package io.github.tokenstore.oauth;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.testing.ForwardingTestStore;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory store that counts its reads and writes, to prove the hot path never reaches it. */
final class CountingStore extends ForwardingTestStore {

    final AtomicInteger finds = new AtomicInteger();
    final AtomicInteger saves = new AtomicInteger();
    /** Finds after this many throw an {@link IllegalStateException}: a store with a bug. */
    volatile int failFindsAfter = Integer.MAX_VALUE;

    @Override
    public Optional<OAuthToken> findToken(OAuthToken token) {
        if (finds.incrementAndGet() > failFindsAfter) {
            throw new IllegalStateException("store bug");
        }
        return super.findToken(token);
    }

    @Override
    public OAuthToken saveToken(OAuthToken token) {
        saves.incrementAndGet();
        return super.saveToken(token);
    }
}
