package io.github.tokenstore;

/**
 * A login failed; {@link #failure()} says why (a {@link Failure}, with its ID and HTTP status). The message
 * starts with the failure's ID and never holds a code, a token, a state, a nonce or a secret.
 */
public class LoginException extends TokenStoreException {

    private static final long serialVersionUID = 1L;

    private final Failure failure;

    /**
     * @param failure why; its ID starts the message
     * @param message the whole message, starting with the ID
     * @param cause   what failed underneath, or {@code null}
     */
    public LoginException(Failure failure, String message, Throwable cause) {
        super(failure.id(), message, cause);
        this.failure = failure;
    }

    /** Why the login failed. */
    public Failure failure() {
        return failure;
    }

    /**
     * Why a login ("Login with Zoho" and the like) failed: each reason with its stable message ID and the HTTP
     * status the library's callback answers with. Branch on this, never on a message.
     */
    public enum Failure {
        /** The callback carries no {@code state}. */
        STATE_MISSING("TOKENSTORE-0800", 400),
        /** The {@code state} is not one of a pending login: never issued, or already used (a replay). */
        STATE_UNKNOWN("TOKENSTORE-0801", 400),
        /** The login was started more than ten minutes ago. */
        STATE_EXPIRED("TOKENSTORE-0802", 400),
        /** The login was started by another browser (its binding cookie is missing or differs). */
        STATE_FOREIGN("TOKENSTORE-0803", 403),
        /** The provider sent the browser back with {@code error=} (e.g. {@code access_denied}). */
        PROVIDER_REFUSED("TOKENSTORE-0804", 403),
        /** The callback names an accounts server ({@code accounts-server}, {@code location}) that is not allowed. */
        SERVER_REFUSED("TOKENSTORE-0805", 403),
        /** The callback carries no {@code code}. */
        CODE_MISSING("TOKENSTORE-0806", 400),
        /** The provider refused the code ({@code invalid_code}: used, or older than its lifetime). */
        CODE_REFUSED("TOKENSTORE-0807", 400),
        /** The token endpoint failed otherwise (unreachable, an error, a wrong client secret). */
        TOKEN_ENDPOINT_FAILED("TOKENSTORE-0808", 502),
        /** The token response carries no ID token ({@code openid} not granted). */
        ID_TOKEN_MISSING("TOKENSTORE-0810", 502),
        /** The ID token is not a signed JWT (unparsable, {@code alg: none}, encrypted). */
        ID_TOKEN_UNSIGNED("TOKENSTORE-0811", 502),
        /** The ID token is signed with an algorithm that is not allowed (e.g. HS256). */
        ID_TOKEN_ALGORITHM("TOKENSTORE-0812", 502),
        /** The ID token's signature does not verify with the provider's key. */
        ID_TOKEN_SIGNATURE("TOKENSTORE-0813", 502),
        /** No key of the provider's key set matches the ID token's {@code kid}, even after fetching the keys again. */
        ID_TOKEN_UNKNOWN_KEY("TOKENSTORE-0814", 502),
        /** The ID token's {@code iss} is not the provider's issuer. */
        ID_TOKEN_ISSUER("TOKENSTORE-0815", 502),
        /** The ID token's {@code aud} is not the client id. */
        ID_TOKEN_AUDIENCE("TOKENSTORE-0816", 502),
        /** The ID token has expired (or has no {@code exp}). */
        ID_TOKEN_EXPIRED("TOKENSTORE-0817", 502),
        /** The ID token's {@code nonce} is not the login's. */
        ID_TOKEN_NONCE("TOKENSTORE-0818", 502),
        /** The ID token names no (verified) e-mail address or no subject. */
        ID_TOKEN_EMAIL("TOKENSTORE-0819", 502),
        /** The provider's discovery document or key set cannot be had, or is not valid. */
        PROVIDER_KEYS_UNAVAILABLE("TOKENSTORE-0820", 502),
        /** The discovery document's {@code issuer} is not the accounts server it was fetched from. */
        DISCOVERY_ISSUER("TOKENSTORE-0821", 502),
        /** Even after asking for consent again, the provider issued no refresh token. */
        NO_REFRESH_TOKEN("TOKENSTORE-0822", 502),
        /** The pending logins cannot be read or written (the database). */
        STATE_STORE_FAILED("TOKENSTORE-0823", 502),
        /** The tokens could not be saved. */
        SAVE_FAILED("TOKENSTORE-0824", 502),
        /**
         * The client's provider says nothing about who logged in (plain OAuth 2.0, no ID token) and nobody is
         * logged in to the application (no principal, no session user) to keep the tokens under.
         */
        USER_UNKNOWN("TOKENSTORE-1122", 403);

        private final String id;
        private final int httpStatus;

        Failure(String id, int httpStatus) {
            this.id = id;
            this.httpStatus = httpStatus;
        }

        /** The stable message ID, e.g. {@code TOKENSTORE-0801}. */
        public String id() {
            return id;
        }

        /** The HTTP status the library's callback answers with: 400, 403 or 502. */
        public int httpStatus() {
            return httpStatus;
        }
    }
}
