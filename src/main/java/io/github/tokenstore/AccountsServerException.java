package io.github.tokenstore;

import java.util.OptionalInt;

/**
 * The OAuth accounts server could not be reached or gave no usable answer: a connection failure, a
 * timeout, an HTTP error status, or a body that is not a token response (not JSON, no access token).
 * Usually worth a retry later, unlike an {@link OAuthProviderException}.
 *
 * <p>The message starts with a stable ID, names the operation and the accounts server and never holds a
 * secret or the response body.
 */
public class AccountsServerException extends TokenStoreException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;

    /**
     * @param messageId  the stable ID
     * @param message    the whole message, starting with the ID
     * @param httpStatus the HTTP status of the answer, or 0 if there was none
     * @param cause      what failed underneath, or {@code null}
     */
    public AccountsServerException(String messageId, String message, int httpStatus, Throwable cause) {
        super(messageId, message, cause);
        this.httpStatus = httpStatus;
    }

    /** The HTTP status of the answer; empty if no answer came (timeout, connection failure). */
    public OptionalInt httpStatus() {
        return httpStatus == 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }
}
