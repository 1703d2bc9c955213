package io.github.tokenstore.core;

/**
 * An argument the library rejected, with the stable ID its message starts with, so that a caller that
 * reports it again (the CDI layer turns a rejected {@code tokenstore.*} value into a deployment problem
 * with the same ID) takes the ID from here, never from the message text. Callers see an
 * {@link IllegalArgumentException}. Internal: may change in any release.
 */
public final class RejectedArgumentException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String messageId;

    /**
     * @param messageId the stable ID, e.g. {@code TOKENSTORE-0301}
     * @param message   the whole message, starting with the ID; never a secret
     */
    public RejectedArgumentException(String messageId, String message) {
        super(message);
        this.messageId = messageId;
    }

    /** The stable ID at the start of the message, e.g. {@code TOKENSTORE-0301}. */
    public String messageId() {
        return messageId;
    }
}
