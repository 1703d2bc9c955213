package io.github.tokenstore;

import java.util.List;
import java.util.Optional;

/**
 * Where OAuth tokens are kept: the six operations of the Zoho SDKs' {@code TokenStore}, with their
 * matching rules and without their bugs.
 *
 * <h2>Matching rules</h2>
 * {@link #findToken} and {@link #saveToken} identify the stored token a given token stands for by the
 * first of these rules that applies to the given token:
 * <ol>
 *   <li>it has a {@linkplain OAuthToken#userSignature() user signature}: the stored token of that user
 *       for that {@linkplain OAuthToken#client() client} (the name compared exactly, the client equal; a
 *       token without a client matches only the user's token without one). A user holds one token per
 *       client: a token for {@code zoho} and one for {@code salesforce} are two tokens, and finding,
 *       saving or deleting one never touches the other;</li>
 *   <li>else it has an access token and neither a client id nor a client secret: the stored token with
 *       that access token;</li>
 *   <li>else it has a grant token: the stored token with that grant token and the same client id;</li>
 *   <li>else it has a refresh token: the stored token with that refresh token and the same client id;</li>
 *   <li>else (for {@link #findToken} only) it has an {@linkplain OAuthToken#id() id}: the stored token with that
 *       id. This is how the Zoho SDK looks a token up before it revokes or removes it.</li>
 * </ol>
 * "The same client id" includes both being absent. Only the first rule that applies is used: a token
 * with a user signature never matches another user's token, or another client's, by its access or
 * refresh token. Tokens without a client are the default client's from before named clients; the
 * default client's fallback to them lives above the store, in {@code core.ClientTokens}. If several
 * stored tokens match rules 2 to 4 (possible only for tokens saved without a user), the most recently
 * saved one is the match.
 *
 * <h2>Ids</h2>
 * The store generates every id; ids are unique for the store's whole life and never reused. An id a
 * caller sets on a new token is ignored.
 *
 * <h2>Failures and threads</h2>
 * Implementations are thread-safe. A failure of the storage itself is a {@link TokenStoreException}
 * (unchecked) with the cause attached and a message that names the operation and never a secret.
 * Invalid arguments are {@link IllegalArgumentException}s.
 *
 * <p>A store that holds resources (connections, a pool) releases them in {@link #close()}.
 */
public interface TokenStore extends AutoCloseable {

    /**
     * The stored token that {@code token} stands for, by the matching rules.
     *
     * @param token a partial token: a user signature, or an access, grant or refresh token (with the
     *              client id for the last two), or nothing but an id
     * @return the full stored token, or empty if no stored token matches
     * @throws IllegalArgumentException if {@code token} is null or has nothing to match on
     * @throws TokenStoreException      if the storage fails
     */
    Optional<OAuthToken> findToken(OAuthToken token);

    /**
     * Saves {@code token}: updates the stored token it matches by the matching rules, or, if none
     * matches, the stored token with the same {@linkplain OAuthToken#id() id} if that is the same user's
     * and the same client's or has no client (so the default client's token found without a client is
     * saved back onto its row, which takes the client's name), or else inserts it as a new token with a new
     * id. Every field of the stored token takes the given token's value (an absent value clears the field).
     * Never creates a duplicate for a user and client; two users, or two clients, never share a token.
     *
     * @param token the token to save; it needs at least one of an access, refresh or grant token
     * @return the token as stored, with its id
     * @throws IllegalArgumentException if {@code token} is null or holds no access, refresh or grant token
     * @throws TokenStoreException      if the storage fails; nothing is then half-written
     */
    OAuthToken saveToken(OAuthToken token);

    /**
     * Deletes the token with this id; an unknown id is a no-op.
     *
     * @throws IllegalArgumentException if {@code id} is null or empty
     * @throws TokenStoreException      if the storage fails
     */
    void deleteToken(String id);

    /**
     * Every stored token, oldest first.
     *
     * @throws TokenStoreException if the storage fails
     */
    List<OAuthToken> getTokens();

    /**
     * Deletes every stored token.
     *
     * @throws TokenStoreException if the storage fails
     */
    void deleteTokens();

    /**
     * The stored token with this id.
     *
     * @return the token, or empty for an unknown id
     * @throws IllegalArgumentException if {@code id} is null or empty
     * @throws TokenStoreException      if the storage fails
     */
    Optional<OAuthToken> findTokenById(String id);

    /**
     * How many tokens are stored: what {@code getTokens().size()} would be, without reading them. The
     * stored-token metric (docs/operations.md, "Metrics") asks for it at most once a minute.
     *
     * <p>The default reads every token with {@link #getTokens()}; a store that can count more cheaply
     * (the built-in ones do: a {@code count} query, the size of an index) overrides it, and a decorating
     * store passes it on.
     *
     * @throws TokenStoreException if the storage fails
     */
    default long countTokens() {
        return getTokens().size();
    }

    /** Releases what the store holds (a connection pool, for instance). The default does nothing. */
    @Override
    default void close() {
    }
}
