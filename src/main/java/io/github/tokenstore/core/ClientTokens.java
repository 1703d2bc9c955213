package io.github.tokenstore.core;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.UserSignature;

import java.util.Optional;

/**
 * Finds a user's token for a named OAuth client, with the default client's fallback to the tokens saved
 * before named clients (whose {@link OAuthToken#client()} is {@code null}).
 *
 * <p>The fallback lives here, above the store, so that every store keeps the plain first matching rule
 * ("that user's token for that client", {@code null} matching only {@code null}). A token found through the
 * fallback keeps its {@linkplain OAuthToken#id() id}: saved again with the client's name
 * ({@code found.toBuilder().client(client)}), it updates that row, which from then on carries the name, and
 * no second row appears (see {@link TokenStore#saveToken}). Thread-safe: no state.
 */
public final class ClientTokens {

    private ClientTokens() {
    }

    /**
     * Whether the token service of {@code serviceClient} may hold a token of {@code tokenClient} (a change of the
     * store's feed names the token's client): not when both are names and differ, since a service finds only
     * its client's tokens and, for the default client, those without a name. {@code null} on either side: it
     * may.
     */
    public static boolean mayServe(String serviceClient, String tokenClient) {
        return serviceClient == null || tokenClient == null || serviceClient.equals(tokenClient);
    }

    /**
     * The user's token for {@code client}: the stored token of that user and client, else, if
     * {@code defaultClient} (the client is the application's default client), the user's token without a
     * client.
     *
     * @param store         where the tokens are
     * @param user          whose token
     * @param client        the client's name, or {@code null} for the tokens without one (then
     *                      {@code defaultClient} changes nothing)
     * @param defaultClient whether {@code client} is the default client, which owns the tokens without one
     * @return the token, or empty if the user has none for the client
     * @throws IllegalArgumentException if {@code store} or {@code user} is null ({@code TOKENSTORE-0006}) or
     *                                  {@code client} is not a client name ({@code TOKENSTORE-1000})
     * @throws io.github.tokenstore.TokenStoreException if the store fails
     */
    public static Optional<OAuthToken> find(TokenStore store, UserSignature user, String client,
                                            boolean defaultClient) {
        if (store == null) {
            throw CoreMessages.nullArgument("ClientTokens.find", "store");
        }
        if (user == null) {
            throw CoreMessages.nullArgument("ClientTokens.find", "user");
        }
        // Building the query token checks the client's name.
        OAuthToken wanted = OAuthToken.builder().userSignature(user).client(client).build();
        Optional<OAuthToken> found = store.findToken(wanted);
        if (found.isPresent() || !defaultClient || wanted.client() == null) {
            return found;
        }
        return store.findToken(OAuthToken.builder().userSignature(user).build());
    }
}
