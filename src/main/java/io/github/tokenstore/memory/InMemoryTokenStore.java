package io.github.tokenstore.memory;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.core.TokenIndex;
import io.github.tokenstore.core.TokenMatch;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A {@link TokenStore} in the heap; nothing survives the JVM. Thread-safe: reads share a lock, writes
 * take it alone. Lookups go through an index, so they cost the same for ten tokens or a million.
 */
public final class InMemoryTokenStore implements TokenStore {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final TokenIndex tokens = new TokenIndex();

    @Override
    public Optional<OAuthToken> findToken(OAuthToken token) {
        TokenMatch match = TokenMatch.forFind(token);
        lock.readLock().lock();
        try {
            return tokens.find(match);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public OAuthToken saveToken(OAuthToken token) {
        Optional<TokenMatch> match = TokenMatch.forSave(token);
        lock.writeLock().lock();
        try {
            return tokens.save(token, match);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void deleteToken(String id) {
        TokenMatch.checkId("deleteToken", id);
        lock.writeLock().lock();
        try {
            tokens.delete(id);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public List<OAuthToken> getTokens() {
        lock.readLock().lock();
        try {
            return tokens.all();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public long countTokens() {
        lock.readLock().lock();
        try {
            return tokens.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void deleteTokens() {
        lock.writeLock().lock();
        try {
            tokens.clear();
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public Optional<OAuthToken> findTokenById(String id) {
        TokenMatch.checkId("findTokenById", id);
        lock.readLock().lock();
        try {
            return tokens.findById(id);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "in-memory token store";
    }
}
