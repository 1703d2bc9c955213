package io.github.tokenstore.memory;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.core.CoreMessages;
import io.github.tokenstore.core.TokenIndex;
import io.github.tokenstore.core.TokenMatch;
import io.github.tokenstore.spi.IdleTokens;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A {@link TokenStore} in the heap; nothing survives the JVM. Thread-safe: reads share a lock, writes
 * take it alone. Lookups go through an index, so they cost the same for ten tokens or a million.
 */
public final class InMemoryTokenStore implements TokenStore, IdleTokens {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final TokenIndex tokens = new TokenIndex();
    /** When each token was last saved or found, epoch millis, by id. */
    private final Map<String, Long> lastUsed = new ConcurrentHashMap<>();
    private final Clock clock;

    /** An empty store on the system clock. */
    public InMemoryTokenStore() {
        this(Clock.systemUTC());
    }

    /**
     * An empty store that reads the time of a token's last use from {@code clock}.
     *
     * @throws IllegalArgumentException if {@code clock} is null
     */
    public InMemoryTokenStore(Clock clock) {
        if (clock == null) {
            throw CoreMessages.nullArgument("InMemoryTokenStore", "clock");
        }
        this.clock = clock;
    }

    @Override
    public Optional<OAuthToken> findToken(OAuthToken token) {
        TokenMatch match = TokenMatch.forFind(token);
        lock.readLock().lock();
        try {
            Optional<OAuthToken> found = tokens.find(match);
            found.ifPresent(t -> lastUsed.put(t.id(), clock.millis()));
            return found;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public OAuthToken saveToken(OAuthToken token) {
        Optional<TokenMatch> match = TokenMatch.forSave(token);
        lock.writeLock().lock();
        try {
            OAuthToken saved = tokens.save(token, match);
            lastUsed.put(saved.id(), clock.millis());
            return saved;
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
            lastUsed.remove(id);
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
            lastUsed.clear();
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
    public List<OAuthToken> idleTokens(Instant unusedSince, int limit) {
        long cutoff = unusedSince.toEpochMilli();
        lock.readLock().lock();
        try {
            return tokens.all().stream()
                    .filter(t -> lastUsed.getOrDefault(t.id(), Long.MIN_VALUE) < cutoff)
                    .limit(limit)
                    .toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public boolean deleteIfIdle(String id, Instant unusedSince) {
        TokenMatch.checkId("deleteIfIdle", id);
        lock.writeLock().lock();
        try {
            if (lastUsed.getOrDefault(id, Long.MIN_VALUE) >= unusedSince.toEpochMilli()) {
                return false;
            }
            lastUsed.remove(id);
            return tokens.delete(id);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "in-memory token store";
    }
}
