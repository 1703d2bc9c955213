package io.github.tokenstore.oauth;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.core.ClientTokens;

import java.util.Optional;

/**
 * The token store as one OAuth client of a {@link TokenService} sees it: a user's token is the user's token
 * for that client (for the default client, also a token saved before named clients, without a client name),
 * and every token saved carries the client's name. Thread-safe: no state of its own.
 */
final class ClientStore {

    private final TokenStore store;
    /** The client's name; {@code null}: the tokens without a client, as before named clients. */
    private final String client;
    private final boolean defaultClient;

    ClientStore(TokenStore store, String client, boolean defaultClient) {
        this.store = store;
        this.client = client;
        this.defaultClient = defaultClient;
    }

    String client() {
        return client;
    }

    TokenStore store() {
        return store;
    }

    /** The user's token for this client. */
    Optional<OAuthToken> find(UserSignature user) {
        return ClientTokens.find(store, user, client, defaultClient);
    }

    /**
     * Saves {@code token} as the user's token for this client: with the client's name, in place of the
     * token {@link #find} gives (so a token saved before named clients is upgraded, not doubled).
     *
     * @throws IllegalArgumentException {@code TOKENSTORE-1070} if the token names another client
     */
    OAuthToken save(OAuthToken token) {
        if (token.client() != null && !token.client().equals(client)) {
            throw OAuthMessages.tokenOfAnotherClient(client, token.client());
        }
        OAuthToken named = token.client() == null && client != null ? token.toBuilder().client(client).build() : token;
        if (named.id() == null) {
            Optional<OAuthToken> existing = find(token.userSignature());
            if (existing.isPresent()) {
                named = named.toBuilder().id(existing.get().id()).build();
            }
        }
        return store.saveToken(named);
    }

    /** Deletes the token with this id. */
    void delete(String id) {
        store.deleteToken(id);
    }

    @Override
    public String toString() {
        return client == null ? store.toString() : store + ", client=" + client;
    }
}
