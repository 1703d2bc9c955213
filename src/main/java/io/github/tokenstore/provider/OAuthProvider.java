package io.github.tokenstore.provider;

import io.github.tokenstore.AccountsServerException;
import io.github.tokenstore.OAuthProviderException;
import io.github.tokenstore.oauth.TokenResponse;

import java.net.URI;

/**
 * One authorization server of an OAuth 2.0 / OpenID Connect provider, with one client's credentials: the
 * one place that knows the provider's URLs, parameters and error codes. Implementations are immutable and
 * thread-safe; no method logs or shows a secret.
 *
 * <p>Failures are unchecked: {@link OAuthProviderException} (with {@code ThrottledException}) when the
 * server refuses, {@link AccountsServerException} when it cannot be reached or answers something else, and
 * the login flow's own exceptions for a refused ID token.
 *
 * <p>Implementations: Zoho ({@code io.github.tokenstore.zoho.ZohoProvider}) and any standard OAuth 2.0 /
 * OpenID Connect server ({@code io.github.tokenstore.oidc.OAuth2Provider}, with presets for Google,
 * Microsoft, Salesforce and HubSpot). The default methods describe a standard provider (RFC 6749, 6750,
 * 7636); Zoho overrides what it does differently.
 */
public interface OAuthProvider {

    /**
     * Where this server is, as kept with the tokens it issued ({@link io.github.tokenstore.OAuthToken#dataCenter()}),
     * e.g. Zoho's {@code eu}; never null.
     */
    String location();

    /** The OAuth client id. */
    String clientId();

    /** The redirect URI registered for the client, or {@code null} if none is configured. */
    String redirectUri();

    /**
     * The URI of the provider's authorize page for this request: where a login sends the browser.
     *
     * @throws IllegalStateException if no redirect URI is configured
     */
    URI authorizationUri(AuthorizationRequest request);

    /** Exchanges an authorization code for tokens (with the ID token when {@code openid} was asked for). */
    TokenResponse exchangeCode(String code);

    /**
     * Whether logins through this provider use PKCE (RFC 7636, {@code S256}): then the login makes a {@link
     * Pkce}, puts its challenge into the {@link AuthorizationRequest} and passes its verifier to {@link
     * #exchangeCode(String, String)}. Default {@code false}.
     */
    default boolean pkce() {
        return false;
    }

    /**
     * Exchanges an authorization code for tokens, proving with the PKCE verifier that this client started the
     * login. The default (a provider without PKCE) takes no verifier.
     *
     * @param code         the {@code code} of the callback
     * @param codeVerifier the login's {@link Pkce#verifier()}, or {@code null} for a login without PKCE
     * @throws IllegalArgumentException if a verifier is given to a provider without PKCE ({@code
     *                                  TOKENSTORE-1021}), or a provider with PKCE gets a malformed one
     *                                  ({@code TOKENSTORE-1020})
     */
    default TokenResponse exchangeCode(String code, String codeVerifier) {
        if (codeVerifier != null) {
            throw ProviderMessages.pkceNotSupported(this);
        }
        return exchangeCode(code);
    }

    /** A new access token for a refresh token. */
    TokenResponse refresh(String refreshToken);

    /**
     * Revokes a refresh token and every access token issued for it. A provider without a revocation endpoint
     * ({@link #revocationSupported()} false) does nothing.
     */
    void revoke(String refreshToken);

    /**
     * Whether {@link #revoke(String)} reaches the provider (Zoho, RFC 7009 endpoints such as Google's and
     * Salesforce's); {@code false} for providers without one (Microsoft Entra, HubSpot), where deleting the
     * stored token is all there is. Default {@code true}.
     */
    default boolean revocationSupported() {
        return true;
    }

    /**
     * Whether this provider issues OpenID Connect ID tokens that {@link #verifyIdToken} can check. Default
     * {@code true}.
     */
    default boolean idTokens() {
        return true;
    }

    /**
     * Checks an ID token this server issued for this client: signature against the server's published
     * keys, issuer, audience, expiry and nonce.
     *
     * @param idToken       the {@code id_token} of the token response
     * @param expectedNonce the nonce the authorization request carried
     * @return who logged in
     * @throws io.github.tokenstore.login.LoginException if a check fails (each check has its own ID) or the
     *                                                   keys cannot be had
     */
    VerifiedIdentity verifyIdToken(String idToken, String expectedNonce);

    /**
     * What a refusal of this server means. Every implementation maps RFC 6749's {@code invalid_grant} (and its
     * own name for it, such as Zoho's {@code invalid_code}) to {@link ProviderError#INVALID_GRANT}.
     */
    ProviderError classify(OAuthProviderException failure);

    /**
     * The value of the {@code Authorization} header of an API call with this access token; the default is
     * RFC 6750's {@code Bearer <token>}.
     */
    default String authorizationHeader(String accessToken) {
        return "Bearer " + accessToken;
    }

    /**
     * Whether an API's answer says the access token is not (or no longer) valid, so that a caller gets a new
     * one and tries once more. The default is RFC 6750: a 401, unless its {@code WWW-Authenticate: Bearer}
     * challenge names another error than {@code invalid_token} (e.g. {@code insufficient_scope}), or any
     * status whose challenge names {@code invalid_token}. Zoho and Salesforce answer in their bodies.
     *
     * @param status          the HTTP status of the API's answer
     * @param wwwAuthenticate its {@code WWW-Authenticate} header, or {@code null}
     * @param body            its body (the start of it is enough; a few KB), or {@code null} if not read
     */
    default boolean rejectsAccessToken(int status, String wwwAuthenticate, String body) {
        return BearerChallenges.rejectsAccessToken(status, wwwAuthenticate);
    }
}
