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

    /** A new access token for a refresh token. */
    TokenResponse refresh(String refreshToken);

    /** Revokes a refresh token and every access token issued for it. */
    void revoke(String refreshToken);

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

    /** What a refusal of this server means. */
    ProviderError classify(OAuthProviderException failure);

    /** The value of the {@code Authorization} header of an API call with this access token. */
    String authorizationHeader(String accessToken);
}
