package io.github.tokenstore.core;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;

import java.util.Objects;
import java.util.Optional;

/**
 * The matching rule that applies to a token (see {@link TokenStore}): what a store looks the token up by.
 */
public sealed interface TokenMatch {

    /** Whether {@code stored} is matched by this rule. */
    boolean matches(OAuthToken stored);

    /**
     * Rule 1: the user's token for this client: the user name equal and the client equal ({@code null}, a
     * token from before named clients, matches only {@code null}).
     */
    record ByUser(String userName, String client) implements TokenMatch {
        @Override
        public boolean matches(OAuthToken stored) {
            return stored.userSignature() != null && stored.userSignature().name().equals(userName)
                    && Objects.equals(client, stored.client());
        }
    }

    /** Rule 2: the token with this access token (the given token had no client id and secret). */
    record ByAccessToken(String accessToken) implements TokenMatch {
        @Override
        public boolean matches(OAuthToken stored) {
            return accessToken.equals(stored.accessToken());
        }
    }

    /** Rule 3: the token with this grant token and client id ({@code null} matches only {@code null}). */
    record ByGrantToken(String clientId, String grantToken) implements TokenMatch {
        @Override
        public boolean matches(OAuthToken stored) {
            return grantToken.equals(stored.grantToken()) && Objects.equals(clientId, stored.clientId());
        }
    }

    /** Rule 4: the token with this refresh token and client id ({@code null} matches only {@code null}). */
    record ByRefreshToken(String clientId, String refreshToken) implements TokenMatch {
        @Override
        public boolean matches(OAuthToken stored) {
            return refreshToken.equals(stored.refreshToken()) && Objects.equals(clientId, stored.clientId());
        }
    }

    /**
     * Rule 5, for {@code findToken} only: the token with this id (the given token had nothing else to match
     * on). The Zoho SDK looks a token up this way before it revokes or removes it.
     */
    record ById(String id) implements TokenMatch {
        @Override
        public boolean matches(OAuthToken stored) {
            return id.equals(stored.id());
        }
    }

    /**
     * The first of rules 1 to 4 that applies to {@code token}, or empty if none does. Rule 5 ({@link ById})
     * is not among them: it applies to lookups only ({@link #forFind}), never to saves.
     */
    static Optional<TokenMatch> of(OAuthToken token) {
        if (token.userSignature() != null) {
            return Optional.of(new ByUser(token.userSignature().name(), token.client()));
        }
        if (token.accessToken() != null && token.clientId() == null && token.clientSecret() == null) {
            return Optional.of(new ByAccessToken(token.accessToken()));
        }
        if (token.grantToken() != null) {
            return Optional.of(new ByGrantToken(token.clientId(), token.grantToken()));
        }
        if (token.refreshToken() != null) {
            return Optional.of(new ByRefreshToken(token.clientId(), token.refreshToken()));
        }
        return Optional.empty();
    }

    /**
     * The rule for a {@code findToken} argument: the first of rules 1 to 4, else rule 5 if it has an id.
     *
     * @throws IllegalArgumentException if the token is null or no rule applies
     */
    static TokenMatch forFind(OAuthToken token) {
        if (token == null) {
            throw CoreMessages.nullArgument("findToken", "token");
        }
        Optional<TokenMatch> match = of(token);
        if (match.isPresent()) {
            return match.get();
        }
        if (token.id() != null) {
            return new ById(token.id());
        }
        throw CoreMessages.nothingToMatch("findToken");
    }

    /**
     * Checks a {@code saveToken} argument and returns the rule that applies to it, if any.
     *
     * @throws IllegalArgumentException if the token is null or has no access, refresh or grant token
     */
    static Optional<TokenMatch> forSave(OAuthToken token) {
        if (token == null) {
            throw CoreMessages.nullArgument("saveToken", "token");
        }
        if (token.accessToken() == null && token.refreshToken() == null && token.grantToken() == null) {
            throw CoreMessages.nothingToSave();
        }
        return of(token);
    }

    /**
     * Whether a save of {@code token} that no rule matched may update the stored row with the token's id,
     * whose user name is {@code storedUser} and client {@code storedClient}: only if it is the same user's
     * (never hand one user's row to another) and the same client's or no client's. A row without a client
     * is the default client's from before named clients; the token of a named client found through the
     * default-client fallback ({@link ClientTokens}) is saved back onto it, so it gets the client's name and
     * no duplicate.
     */
    static boolean ownRow(String storedUser, String storedClient, OAuthToken token) {
        String user = token.userSignature() == null ? null : token.userSignature().name();
        return Objects.equals(storedUser, user) && (storedClient == null || storedClient.equals(token.client()));
    }

    /**
     * Checks an id argument.
     *
     * @throws IllegalArgumentException if it is null or empty
     */
    static String checkId(String operation, String id) {
        if (id == null || id.isEmpty()) {
            throw CoreMessages.emptyId(operation);
        }
        return id;
    }
}
