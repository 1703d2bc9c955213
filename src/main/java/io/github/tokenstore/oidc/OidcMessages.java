package io.github.tokenstore.oidc;

import io.github.tokenstore.AccountsServerException;
import io.github.tokenstore.OAuthProviderException;
import io.github.tokenstore.ThrottledException;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.core.RejectedArgumentException;

import java.time.Duration;
import java.time.Instant;

/**
 * The generic providers' messages ({@code TOKENSTORE-1030}–{@code 1069}). A message names the operation
 * ("code exchange", "token refresh", "token revocation", "discovery") and the provider ({@code toString()}: its
 * name and token endpoint), never a secret, a token, a code or a response body; an error code quoted from an
 * answer is cut to printable ASCII and withheld if it holds a secret of the request.
 */
final class OidcMessages {

    private OidcMessages() {
    }

    private static String msg(String id, String text) {
        return id + ": " + text;
    }

    // 1030-1039: building a provider, and calls that cannot be made

    static IllegalArgumentException argumentMissing(String argument) {
        return new IllegalArgumentException(msg("TOKENSTORE-1030", "OAuth2Provider: " + argument
                + " is null or blank"));
    }

    /** @param argument the builder method, e.g. {@code tokenEndpoint} */
    static IllegalArgumentException endpointInvalid(String argument, String problem) {
        return new IllegalArgumentException(msg("TOKENSTORE-1031", "OAuth2Provider: " + argument + " " + problem
                + "; an endpoint must be an absolute https URL without user info or fragment (http only on"
                + " loopback: localhost, 127.0.0.0/8, ::1)"));
    }

    static IllegalArgumentException noTokenEndpoint() {
        return new IllegalArgumentException(msg("TOKENSTORE-1032", "OAuth2Provider: neither a token endpoint nor"
                + " an issuer is given; give tokenEndpoint, an issuer to discover it from, or a preset"));
    }

    static IllegalArgumentException durationInvalid(String argument, Duration value) {
        return new IllegalArgumentException(msg("TOKENSTORE-1033", "OAuth2Provider: " + argument + " is " + value
                + "; it must be positive"));
    }

    static IllegalArgumentException publicClientWithoutPkce() {
        return new IllegalArgumentException(msg("TOKENSTORE-1034", "OAuth2Provider: a client without a client"
                + " secret (a public client) must use PKCE; turn pkce on or give the client secret"));
    }

    static IllegalStateException noIdTokens(Object provider) {
        return new IllegalStateException(msg("TOKENSTORE-1035", "the provider " + provider + " issues no ID tokens"
                + " that can be checked (not OpenID Connect: no issuer, or openid is not among its scopes); a login"
                + " through it cannot learn who logged in from an ID token"));
    }

    static IllegalStateException cannotAuthorize(Object provider, String missing) {
        return new IllegalStateException(msg("TOKENSTORE-1036", "the provider " + provider + " has no " + missing
                + ", so no login can start there; configure it"));
    }

    static IllegalArgumentException verifierMissing(Object provider) {
        return new IllegalArgumentException(msg("TOKENSTORE-1037", "the provider " + provider + " uses PKCE, but"
                + " the code exchange has no code verifier; pass the verifier kept with the pending login"));
    }

    static IllegalArgumentException verifierNotExpected(Object provider) {
        return new IllegalArgumentException(msg("TOKENSTORE-1038", "the provider " + provider + " does not use PKCE,"
                + " but a code verifier was given for the code exchange; exchange the code without one"));
    }

    static IllegalArgumentException callArgumentMissing(String method, String argument) {
        return new IllegalArgumentException(msg("TOKENSTORE-1039", "OAuth2Provider." + method + ": " + argument
                + " is null or blank"));
    }

    // 1040-1049: answers of the token and revocation endpoints

    static OAuthProviderException invalidGrant(String operation, Object provider) {
        String id = "TOKENSTORE-1040";
        return new OAuthProviderException(id, msg(id, "the provider " + provider + " refused the " + operation
                + " with invalid_grant: the code or refresh token is used, expired or revoked (with rotation, an"
                + " older refresh token is dead once a newer one was issued); it is not sent again; have the user"
                + " log in again"), "invalid_grant");
    }

    static OAuthProviderException invalidClient(String operation, Object provider, String errorCode) {
        String id = "TOKENSTORE-1041";
        return new OAuthProviderException(id, msg(id, "the provider " + provider + " refused the " + operation
                + " with " + errorCode + ": the client id, secret or key is wrong, or the client may not use this"
                + " client authentication (client_secret_basic, client_secret_post or private_key_jwt); check the"
                + " client's configuration"), errorCode);
    }

    static OAuthProviderException providerError(String operation, Object provider, int status, String errorCode) {
        String id = "TOKENSTORE-1042";
        return new OAuthProviderException(id, msg(id, "the provider " + provider + " refused the " + operation
                + " with HTTP " + status + " and the error '" + errorCode + "'"), errorCode);
    }

    static ThrottledException throttled(String operation, Object provider, int status, String errorCode,
                                        Instant retryAt) {
        String id = "TOKENSTORE-1043";
        return new ThrottledException(id, msg(id, "the provider " + provider + " throttled the " + operation
                + " (HTTP " + status + (retryAt == null ? ", no Retry-After" : ", retry after " + retryAt)
                + "); the token service backs off"), errorCode, retryAt);
    }

    static AccountsServerException httpStatus(String operation, Object provider, int status) {
        String id = "TOKENSTORE-1044";
        return new AccountsServerException(id, msg(id, "the provider " + provider + " answered the " + operation
                + " with HTTP " + status + " and no OAuth error; check the endpoint, or retry later"), status, null);
    }

    static AccountsServerException timeout(String operation, Object provider, Duration timeout, Throwable cause) {
        String id = "TOKENSTORE-1045";
        return new AccountsServerException(id, msg(id, "the " + operation + " at the provider " + provider
                + " got no answer within " + timeout + "; retry later"), 0, cause);
    }

    /** Names the HTTP client's exception type (ConnectException, SSLHandshakeException…), not its message. */
    static AccountsServerException unreachable(String operation, Object provider, Throwable cause) {
        String id = "TOKENSTORE-1046";
        return new AccountsServerException(id, msg(id, "the " + operation + " at the provider " + provider
                + " failed: " + cause.getClass().getSimpleName() + "; check the network and the endpoint"), 0, cause);
    }

    static AccountsServerException unexpectedAnswer(String operation, Object provider, int status, String problem) {
        String id = "TOKENSTORE-1047";
        return new AccountsServerException(id, msg(id, "the provider " + provider + " answered the " + operation
                + " with HTTP " + status + " and a body that is not a token response (" + problem + ")"), status,
                null);
    }

    static IllegalArgumentException challengeMissing(Object provider) {
        return new IllegalArgumentException(msg("TOKENSTORE-1049", "the provider " + provider + " uses PKCE, but the"
                + " authorization request has no valid code challenge; make one with Pkce.create() and keep its"
                + " verifier with the pending login"));
    }

    static TokenStoreException interrupted(String operation) {
        String id = "TOKENSTORE-1048";
        return new TokenStoreException(id, msg(id, "the thread was interrupted during the " + operation), null);
    }

    // 1050-1059: OpenID Connect discovery

    static TokenStoreException discoveryIssuer(String issuer) {
        String id = "TOKENSTORE-1050";
        return new TokenStoreException(id, msg(id, "the discovery document of " + issuer + " names another issuer;"
                + " it is not used (OpenID Connect Discovery 4.3: the issuer must be exactly the one it was fetched"
                + " for); check the issuer's spelling, e.g. a trailing slash"), null);
    }

    static TokenStoreException discoveryFailed(String issuer, String problem, Throwable cause) {
        String id = "TOKENSTORE-1051";
        return new TokenStoreException(id, msg(id, "the discovery document of " + issuer + " cannot be had: "
                + problem + "; it is fetched again at the next call"), cause);
    }

    static TokenStoreException discoveryEndpoint(String issuer, String field, String problem) {
        String id = "TOKENSTORE-1052";
        return new TokenStoreException(id, msg(id, "the discovery document of " + issuer + " has a " + field
                + " that " + problem + "; endpoints must be https (http only on loopback); give the endpoint"
                + " explicitly to override it"), null);
    }

    // 1060-1069: private_key_jwt client authentication

    static IllegalArgumentException clientKeyUnreadable(String problem) {
        return rejected("TOKENSTORE-1060", "the client key " + problem + "; give the private key as PEM PKCS#8"
                + " (-----BEGIN PRIVATE KEY-----)");
    }

    static IllegalArgumentException clientKeyUnusable(String problem) {
        return rejected("TOKENSTORE-1061", "the client key " + problem + "; private_key_jwt signs with an RSA key of"
                + " at least " + ClientKey.MIN_RSA_BITS + " bits (RS256) or an EC P-256 key (ES256)");
    }

    static IllegalArgumentException clientCertificateUnreadable(String problem) {
        return rejected("TOKENSTORE-1062", "the client certificate " + problem + "; give the key's X.509"
                + " certificate as PEM (-----BEGIN CERTIFICATE-----)");
    }

    static IllegalArgumentException clientCertificateNotTheKeys(String problem) {
        return rejected("TOKENSTORE-1063", "the client certificate " + problem + "; give the certificate of the"
                + " client key, as registered with the provider");
    }

    /** @param what what is given without a key, e.g. {@code clientAuth PRIVATE_KEY_JWT} */
    static IllegalArgumentException clientKeyMissing(String what) {
        return rejected("TOKENSTORE-1064", "OAuth2Provider: " + what + " is given, but no clientKey; give the"
                + " client's private key");
    }

    /** @param why the two credentials, e.g. {@code clientAuth is PRIVATE_KEY_JWT, and a clientSecret is given} */
    static IllegalArgumentException credentialsConflict(String why) {
        return rejected("TOKENSTORE-1065", "OAuth2Provider: " + why + "; a client authenticates with its secret or"
                + " with its key (PRIVATE_KEY_JWT), not both");
    }

    /** Names the signer's exception type, not its message. */
    static TokenStoreException assertionUnsigned(String operation, Object provider, Throwable cause) {
        String id = "TOKENSTORE-1066";
        return new TokenStoreException(id, msg(id, "the client assertion for the " + operation + " at the provider "
                + provider + " could not be signed: " + cause.getClass().getSimpleName() + "; check the client key"),
                cause);
    }

    private static IllegalArgumentException rejected(String id, String text) {
        return new RejectedArgumentException(id, msg(id, text));
    }
}
