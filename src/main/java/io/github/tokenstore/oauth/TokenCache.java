package io.github.tokenstore.oauth;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.UserSignature;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The part of the {@link TokenService} that keeps each user's token in memory, with what the hot path needs
 * to serve it without a store read: the token and the epoch millisecond up to which it needs no refresh.
 * One entry per user of one client; an entry also holds the user's refresh in flight (for the
 * {@link RefreshCoordinator}) and a generation, bumped whenever a login or a delete decides the user's token,
 * so that a refresh started before cannot undo that decision. Thread-safe: an entry's fields other than the
 * two volatile ones are guarded by the entry's monitor.
 */
final class TokenCache {

    private final RefreshRules rules;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    TokenCache(RefreshRules rules) {
        this.rules = rules;
    }

    /** The user's entry, made if there is none. */
    Entry entry(UserSignature user) {
        Entry e = entries.get(user.name());
        return e != null ? e : entries.computeIfAbsent(user.name(), n -> new Entry(user));
    }

    /** Forgets every cached token (their next calls read the store), keeping refreshes in flight. */
    void evictAll() {
        for (Entry e : entries.values()) {
            synchronized (e) {
                e.evictions++;
                e.token(null);
            }
        }
    }

    /** The user's entry if there is one, else {@code null}. */
    Entry existing(UserSignature user) {
        return entries.get(user.name());
    }

    /**
     * Forgets an entry that holds no token and no refresh: no state is kept for names without a token, so
     * callers cannot grow the map at will. Call it holding the entry's monitor.
     */
    void dropIfIdle(Entry e) {
        if (e.flight == null && e.cached == null) {
            entries.remove(e.user.name(), e);
        }
    }

    /** One user's cached token and refresh state. */
    final class Entry {
        final UserSignature user;
        /** The cached token; {@code null} until loaded, and after a delete or evict. */
        private volatile Cached cached;
        /** The refresh in flight; written under the monitor, read without it on the refresh-ahead path. */
        volatile RefreshCoordinator.Flight flight;
        /** Bumped by a login and a delete, so a refresh started before does not overwrite their outcome. */
        long generation;
        /** No background refresh before this, after a failed one. */
        Instant retryBackgroundAt;
        /**
         * Bumped by each eviction: a token read from the store before an eviction is not cached after it (the
         * eviction says the store changed since, e.g. another JVM's delete).
         */
        long evictions;

        Entry(UserSignature user) {
            this.user = user;
        }

        /** The token if it needs no refresh at {@code nowMillis}: the hot path's one volatile read. */
        OAuthToken freshToken(long nowMillis) {
            Cached c = cached;
            return c != null && nowMillis < c.freshUntil ? c.token : null;
        }

        OAuthToken token() {
            Cached c = cached;
            return c == null ? null : c.token;
        }

        void token(OAuthToken token) {
            cached = token == null ? null : new Cached(token, rules.freshUntil(token));
        }

        /**
         * While {@code t}'s background refresh runs: the hot path serves {@code t} as long as it is usable, not
         * only while fresh, so its callers need nothing else until the refresh ends. Call it holding the monitor.
         */
        void holdWhileRefreshing(OAuthToken t) {
            Cached c = cached;
            if (c != null && c.token == t) {
                cached = new Cached(t, rules.usableUntil(t));
            }
        }

        /**
         * Ends {@link #holdWhileRefreshing}, unless another token was cached since (for {@code t} cached without
         * a hold, this changes nothing). Call it holding the monitor.
         */
        void releaseHold(OAuthToken t) {
            Cached c = cached;
            if (c != null && c.token == t) {
                token(t);
            }
        }
    }

    /**
     * @param freshUntil the epoch millisecond up to which the hot path serves the token: its fresh time, or its
     *                   usable time while a background refresh of it runs
     */
    private record Cached(OAuthToken token, long freshUntil) {
    }
}
