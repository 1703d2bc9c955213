package io.github.tokenstore.login;

import io.github.tokenstore.LoginException;
import io.github.tokenstore.TokenStoreException;

import java.util.Collection;

/**
 * The messages of the login flow and of the data-center routing (IDs 0800–0899): the login failures
 * ({@link LoginException.Failure}, 0800–0829) and the configuration problems (0830–0899). No message holds a code,
 * a token, a state, a nonce, a client secret or a value the browser sent beyond its length.
 */
public final class LoginMessages {


    private LoginMessages() {
    }

    /** A login failure with the failure's standard text and an optional detail that holds no secret. */
    public static LoginException failure(LoginException.Failure failure, String detail, Throwable cause) {
        String text = switch (failure) {
            case STATE_MISSING -> "the callback carries no state; start the login again";
            case STATE_UNKNOWN -> "the callback's state belongs to no pending login: it was used already or never"
                    + " issued; start the login again";
            case STATE_EXPIRED -> "the login was started more than " + LoginFlow.STATE_LIFETIME.toMinutes()
                    + " minutes ago; start the login again";
            case STATE_FOREIGN -> "the login was started by another browser (its login cookie is missing or"
                    + " differs); start the login again in this browser";
            case PROVIDER_REFUSED -> "the provider sent the browser back with an error";
            case SERVER_REFUSED -> "the callback names an accounts server that is not one of the allowed data"
                    + " centers (tokenstore.oauth.data-centers); nothing was sent to it";
            case CODE_MISSING -> "the callback carries no code";
            case CODE_REFUSED -> "the provider refused the code (used already, or too old); start the login again";
            case TOKEN_ENDPOINT_FAILED -> "the token endpoint did not exchange the code";
            case ID_TOKEN_MISSING -> "the token response carries no ID token; the scopes must include openid";
            case ID_TOKEN_UNSIGNED -> "the ID token is not a signed JWT";
            case ID_TOKEN_ALGORITHM -> "the ID token is signed with an algorithm that is not allowed";
            case ID_TOKEN_SIGNATURE -> "the ID token's signature does not verify with the provider's key";
            case ID_TOKEN_UNKNOWN_KEY -> "no key of the provider's key set matches the ID token's key id, also"
                    + " after fetching the keys again";
            case ID_TOKEN_ISSUER -> "the ID token's issuer (iss) is not the provider's";
            case ID_TOKEN_AUDIENCE -> "the ID token's audience (aud) is not the client id";
            case ID_TOKEN_EXPIRED -> "the ID token has expired or has no expiry (exp)";
            case ID_TOKEN_NONCE -> "the ID token's nonce is not the login's";
            case ID_TOKEN_EMAIL -> "the ID token names no verified e-mail address or no subject";
            case PROVIDER_KEYS_UNAVAILABLE -> "the provider's discovery document or key set cannot be had";
            case DISCOVERY_ISSUER -> "the discovery document's issuer is not the accounts server it came from";
            case NO_REFRESH_TOKEN -> "the provider issued no refresh token, even after asking for consent again";
            case STATE_STORE_FAILED -> "the pending logins cannot be read or written";
            case SAVE_FAILED -> "the tokens could not be saved";
            case USER_UNKNOWN -> "the provider does not say who logged in (no ID token), and nobody is logged in to"
                    + " the application; log in to the application (or through the default client) first";
        };
        String message = failure.id() + ": login failed: " + text + (detail == null ? "" : " (" + detail + ")");
        return new LoginException(failure, message, cause);
    }

    /** A login failure with the standard text. */
    public static LoginException failure(LoginException.Failure failure) {
        return failure(failure, null, null);
    }

    // 0830-0899: configuration and routing

    public static TokenStoreException unknownDataCenters(String key, Collection<String> values, String allowed) {
        return problem("TOKENSTORE-0830", key + " names unknown data centers " + values + "; allowed: " + allowed);
    }

    public static TokenStoreException defaultDataCenterNotAllowed(String dataCenter, String key) {
        return problem("TOKENSTORE-0831", "the default data center " + dataCenter + " (tokenstore.oauth.data-center) is not in "
                + key + "; add it there");
    }

    public static TokenStoreException perDataCenterKeyUnused(String key, String dataCenters) {
        return problem("TOKENSTORE-0832", key + " is set for a data center that is not allowed (" + dataCenters
                + "); remove it or add the data center to tokenstore.oauth.data-centers");
    }

    public static TokenStoreException accountsUrlKeyInvalid(String key) {
        return problem("TOKENSTORE-0833", key + " is not an absolute http(s) URL with a host and without user info, query or"
                + " fragment");
    }

    public static TokenStoreException redirectUriNotCallback(String redirectPath, String callbackPath) {
        return problem("TOKENSTORE-0834", "tokenstore.oauth.redirect-uri must point at the library's callback " + callbackPath
                + " but its path is " + redirectPath + "; set it to the callback (and register that URI with the"
                + " provider), or set tokenstore.login.enabled=false to keep your own callback");
    }

    public static TokenStoreException redirectUriMissing() {
        return problem("TOKENSTORE-0835", "the login needs tokenstore.oauth.redirect-uri (the URL of <context>"
                + "/tokenstore/callback); set it, or set tokenstore.login.enabled=false");
    }

    public static TokenStoreException loginPathInvalid(String key, String value) {
        return problem("TOKENSTORE-0836", key + " = '" + value + "' is not a path: it must start with a single '/' and hold"
                + " only letters, digits and - . _ ~ /");
    }

    public static TokenStoreException scopesInvalid(String value) {
        return problem("TOKENSTORE-0837", "tokenstore.oauth.scopes = '" + value + "' is not a comma-separated list of scopes"
                + " (letters, digits and . _ - : /)");
    }

    public static TokenStoreException dataCenterNotAllowed(String location) {
        return problem("TOKENSTORE-0838", "the token was issued by data center '" + location + "', which is not among the"
                + " allowed ones (tokenstore.oauth.data-centers); add it to refresh or revoke that token");
    }

    public static TokenStoreException booleanInvalid(String key, String value) {
        return problem("TOKENSTORE-0839", key + " = '" + value + "' is neither true nor false");
    }

    /** The log line of a refresh token that a login could not revoke (replaced, or of an unverified login). */
    public static String revokeFailed(String location, String cause) {
        return "TOKENSTORE-0841: login: revoking a refresh token at data center " + location + " failed (" + cause
                + "); it stays valid at the provider until revoked there";
    }

    private static TokenStoreException problem(String id, String text) {
        return new TokenStoreException(id, id + ": " + text, null);
    }
}
