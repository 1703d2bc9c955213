package io.github.tokenstore;

/**
 * The CRM rejected an access token: it answered HTTP 401 with the code {@code INVALID_TOKEN} (the token
 * expired early, was revoked, or was evicted because too many access tokens were issued for its refresh
 * token). The library's client filter throws it; {@code @CrmCall} answers it by refreshing the token and
 * calling the method once more.
 */
public class InvalidTokenException extends TokenStoreException {

    private static final long serialVersionUID = 1L;

    /**
     * @param messageId the stable ID
     * @param message   the whole message, starting with the ID; never the token
     */
    public InvalidTokenException(String messageId, String message) {
        super(messageId, message, null);
    }
}
