package io.github.tokenstore;

import java.util.OptionalInt;

/**
 * The CRM rejected an access token: Zoho answers HTTP 401 with the code {@code INVALID_TOKEN} when the
 * token expired early, was revoked, or was evicted because too many access tokens were issued for its
 * refresh token. {@code @CrmCall} answers it by refreshing the token and calling the method once more.
 *
 * <p>The library's JAX-RS client filter throws it; an application that calls the CRM with its own HTTP
 * client throws it too, with {@link #InvalidTokenException(String, int)}, when the CRM answers so. Its
 * message is {@code TOKENSTORE-0262} and never holds the token.
 */
public class InvalidTokenException extends TokenStoreException {

    private static final long serialVersionUID = 1L;

    /** The stable ID of this exception's message. */
    public static final String MESSAGE_ID = "TOKENSTORE-0262";

    private final int httpStatus;

    /**
     * The CRM rejected the access token with {@code httpStatus}, e.g. 401.
     *
     * @param httpStatus the status of the CRM's answer
     */
    public InvalidTokenException(int httpStatus) {
        this(null, httpStatus);
    }

    /**
     * The CRM at {@code crm} rejected the access token with {@code httpStatus}, e.g. 401.
     *
     * @param crm        what was called, for the message: the API domain (e.g. {@code https://www.zohoapis.eu});
     *                   not a URL with a query, which may hold data; or {@code null}
     * @param httpStatus the status of the CRM's answer
     */
    public InvalidTokenException(String crm, int httpStatus) {
        super(MESSAGE_ID, MESSAGE_ID + ": the CRM" + (crm == null ? "" : " at " + crm) + " rejected the access "
                + "token (HTTP " + httpStatus + " INVALID_TOKEN); the token is refreshed and the call repeated once",
                null);
        this.httpStatus = httpStatus;
    }

    /**
     * @param messageId the stable ID
     * @param message   the whole message, starting with the ID; never the token
     * @deprecated an application need not invent an ID: use {@link #InvalidTokenException(String, int)} or
     *             {@link #InvalidTokenException(int)}
     */
    @Deprecated(since = "0.1.0")
    public InvalidTokenException(String messageId, String message) {
        super(messageId, message, null);
        this.httpStatus = 0;
    }

    /** The status of the CRM's answer; empty if the deprecated constructor made this exception. */
    public OptionalInt httpStatus() {
        return httpStatus == 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }
}
