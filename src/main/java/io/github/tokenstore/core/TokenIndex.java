package io.github.tokenstore.core;

import io.github.tokenstore.OAuthToken;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Tokens by id plus an index of every matching key, with the {@code TokenStore} semantics of find, save
 * and delete. Lookups cost the same for ten tokens or a million. Not thread-safe: the stores that use
 * it guard it with their own lock.
 */
public final class TokenIndex {

    /** By id, in insertion order (oldest first). */
    private final Map<String, OAuthToken> byId;
    /** Every lookup key to the ids of the tokens it finds, the most recently saved last. */
    private final Map<TokenMatch, List<String>> index;

    public TokenIndex() {
        this.byId = new LinkedHashMap<>();
        this.index = new HashMap<>();
    }

    private TokenIndex(TokenIndex other) {
        this.byId = new LinkedHashMap<>(other.byId);
        this.index = new HashMap<>(other.index.size() * 4 / 3 + 1);
        other.index.forEach((key, ids) -> index.put(key, new ArrayList<>(ids)));
    }

    /** An independent copy. */
    public TokenIndex copy() {
        return new TokenIndex(this);
    }

    /** The stored token the rule finds. */
    public Optional<OAuthToken> find(TokenMatch match) {
        if (match instanceof TokenMatch.ById byId) {
            return findById(byId.id());
        }
        List<String> ids = index.get(match);
        // The most recently saved token wins a key that several tokens share (rules 2 to 4).
        return ids == null ? Optional.empty() : Optional.of(byId.get(ids.get(ids.size() - 1)));
    }

    public Optional<OAuthToken> findById(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * Saves with the {@code TokenStore#saveToken} semantics; {@code match} is the rule that applies to the
     * token (from {@link TokenMatch#forSave}).
     *
     * @return the token as stored, with its id
     */
    public OAuthToken save(OAuthToken token, Optional<TokenMatch> match) {
        return save(token, match, TokenIds::newId);
    }

    /**
     * As {@link #save(OAuthToken, Optional)}, with the ids of new tokens from {@code newIds} (called only
     * when a token is inserted).
     */
    public OAuthToken save(OAuthToken token, Optional<TokenMatch> match, Supplier<String> newIds) {
        String id = match.flatMap(this::find).map(OAuthToken::id).orElse(null);
        if (id == null && token.id() != null && byId.containsKey(token.id())) {
            OAuthToken own = byId.get(token.id());
            if (TokenMatch.ownRow(own.userSignature() == null ? null : own.userSignature().name(), own.client(),
                    token)) {
                id = token.id();
            }
        }
        if (id == null) {
            id = newIds.get();
        }
        OAuthToken stored = token.toBuilder().id(id).build();
        put(stored);
        return stored;
    }

    /**
     * Puts a token that already has its id, replacing the token with that id (keeping its place in the
     * order).
     */
    public void put(OAuthToken token) {
        OAuthToken old = byId.put(token.id(), token);
        if (old != null) {
            unindex(old);
        }
        for (TokenMatch key : keys(token)) {
            index.computeIfAbsent(key, k -> new ArrayList<>(1)).add(token.id());
        }
    }

    /** Deletes the token with this id; {@code false} if there was none. */
    public boolean delete(String id) {
        OAuthToken old = byId.remove(id);
        if (old == null) {
            return false;
        }
        unindex(old);
        return true;
    }

    public void clear() {
        byId.clear();
        index.clear();
    }

    public boolean containsId(String id) {
        return byId.containsKey(id);
    }

    /** Every token, oldest first; an unmodifiable copy. */
    public List<OAuthToken> all() {
        return List.copyOf(byId.values());
    }

    public int size() {
        return byId.size();
    }

    /** Every key the stored token can be found by. */
    private static List<TokenMatch> keys(OAuthToken t) {
        List<TokenMatch> keys = new ArrayList<>(4);
        if (t.userSignature() != null) {
            keys.add(new TokenMatch.ByUser(t.userSignature().name(), t.client()));
        }
        if (t.accessToken() != null) {
            keys.add(new TokenMatch.ByAccessToken(t.accessToken()));
        }
        if (t.grantToken() != null) {
            keys.add(new TokenMatch.ByGrantToken(t.clientId(), t.grantToken()));
        }
        if (t.refreshToken() != null) {
            keys.add(new TokenMatch.ByRefreshToken(t.clientId(), t.refreshToken()));
        }
        return keys;
    }

    private void unindex(OAuthToken t) {
        for (TokenMatch key : keys(t)) {
            List<String> ids = index.get(key);
            if (ids != null) {
                ids.remove(t.id());
                if (ids.isEmpty()) {
                    index.remove(key);
                }
            }
        }
    }
}
