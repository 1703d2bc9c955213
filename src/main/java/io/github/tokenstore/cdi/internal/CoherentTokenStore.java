package io.github.tokenstore.cdi.internal;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.core.ForwardingTokenStore;
import io.github.tokenstore.oauth.TokenService;

import java.util.Collection;
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

    /** The token services whose caches the store's changes evict; empty while none was created. */
    private final Supplier<? extends Collection<TokenService>> services;

    /**
     * @param delegate the store
     * @param service  the token service if one was created, else {@code null}
     */
    public CoherentTokenStore(TokenStore delegate, Supplier<TokenService> service) {
        super(delegate);
        this.services = () -> {
            TokenService s = service.get();
            return s == null ? List.of() : List.of(s);
        };
    }

    private CoherentTokenStore(Supplier<? extends Collection<TokenService>> services, TokenStore delegate) {
        super(delegate);
        this.services = services;
    }

    /**
     * A store whose changes evict the user in every token service (one per OAuth client, issue 13): a token is
     * one client's, but which service caches it is known only from its client name, and an eviction is cheap.
     *
     * @param services the token services created so far (read at each change)
     */
    public static CoherentTokenStore evictingAll(TokenStore delegate,
                                                 Supplier<? extends Collection<TokenService>> services) {
        return new CoherentTokenStore(services, delegate);
    }

    private boolean anyService() {
        return !services.get().isEmpty();
    }

    @Override
    public OAuthToken saveToken(OAuthToken token) {
        // A token without a user replaces the row it matches (by access, grant or refresh token): whose row
        // that was is known only from the store, so look once, and only when a service caches tokens.
        UserSignature replaced = null;
        if (token != null && token.userSignature() == null && anyService()) {
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
        // The user is known only from the stored row: one lookup, only when a service caches tokens.
        Optional<OAuthToken> stored = !anyService() || id == null || id.isEmpty()
                ? Optional.empty() : delegate().findTokenById(id);
        delegate().deleteToken(id);
        stored.ifPresent(t -> evict(t.userSignature()));
    }

    @Override
    public void deleteTokens() {
        List<OAuthToken> all = anyService() ? delegate().getTokens() : List.of();
        delegate().deleteTokens();
        all.forEach(t -> evict(t.userSignature()));
    }

    private void evict(UserSignature user) {
        if (user != null) {
            services.get().forEach(s -> s.evict(user));
        }
    }
}
