package io.github.tokenstore;

/**
 * A token store, or the library around it, failed. Unchecked.
 *
 * <p>The message starts with a stable ID ({@code TOKENSTORE-0020: …}, listed in docs/errors.md), names
 * the operation and never holds a secret; the cause, when there is one, is attached.
 */
public class TokenStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String messageId;

    /**
     * @param messageId the stable ID, e.g. {@code TOKENSTORE-0020}
     * @param message   the whole message, starting with the ID
     * @param cause     what failed underneath, or {@code null}
     */
    public TokenStoreException(String messageId, String message, Throwable cause) {
        super(message, cause);
        this.messageId = messageId;
    }

    /** The stable ID at the start of the message, e.g. {@code TOKENSTORE-0020}. */
    public String messageId() {
        return messageId;
    }
}
