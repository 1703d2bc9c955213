package io.github.tokenstore.cdi.internal;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.core.ForwardingTokenStore;
import io.github.tokenstore.oauth.TokenService;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The built-in store as the application's beans see it: every save or delete through it evicts the
 * affected users' tokens from the {@link TokenService}'s cache (if the service exists), so the next
 * {@code @CrmCall} reads the store once instead of serving a token the application replaced or deleted.
 *
 * <p>The service itself works through this store too; its own writes evict and then re-fill its cache
 * under the user's lock, so they cost nothing extra but a delete's one lookup by id. A save of a token
 * without a user, or a delete by id, costs one more store read to learn whose token it replaces. Thread-safe.
 */
public final class CoherentTokenStore extends ForwardingTokenStore {

    private final Supplier<TokenService> service;

    /**
     * @param delegate the store
     * @param service  the token service if one was created, else {@code null}
     */
    public CoherentTokenStore(TokenStore delegate, Supplier<TokenService> service) {
        super(delegate);
        this.service = service;
    }

    @Override
    public OAuthToken saveToken(OAuthToken token) {
        // A token without a user replaces the row it matches (by access, grant or refresh token): whose row
        // that was is known only from the store, so look once, and only when a service caches tokens.
        UserSignature replaced = null;
        if (token != null && token.userSignature() == null && service.get() != null) {
            try {
                replaced = delegate().findToken(token).map(OAuthToken::userSignature).orElse(null);
            } catch (IllegalArgumentException nothingToMatch) {
                // saveToken decides what to do with it.
            }
        }
        OAuthToken saved = delegate().saveToken(token);
        evict(saved.userSignature());
        evict(replaced);
        return saved;
    }

    @Override
    public void deleteToken(String id) {
        TokenService s = service.get();
        // The user is known only from the stored row: one lookup, only when a service caches tokens.
        Optional<OAuthToken> stored = s == null || id == null || id.isEmpty()
                ? Optional.empty() : delegate().findTokenById(id);
        delegate().deleteToken(id);
        stored.ifPresent(t -> evict(t.userSignature()));
    }

    @Override
    public void deleteTokens() {
        TokenService s = service.get();
        List<OAuthToken> all = s == null ? List.of() : delegate().getTokens();
        delegate().deleteTokens();
        all.forEach(t -> evict(t.userSignature()));
    }

    private void evict(UserSignature user) {
        TokenService s = service.get();
        if (s != null && user != null) {
            s.evict(user);
        }
    }
}
