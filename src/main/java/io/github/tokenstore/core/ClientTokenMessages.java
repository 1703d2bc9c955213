package io.github.tokenstore.core;

/**
 * The messages of the OAuth client a stored token belongs to and of the refusal it keeps (IDs 1000-1019),
 * as factories of the exception to throw. No factory takes a value that could be hostile: messages name the
 * field, its length and the rule. For the library's own use.
 */
public final class ClientTokenMessages {

    private ClientTokenMessages() {
    }

    /** A token's client (or a client argument) is not a client name. */
    public static IllegalArgumentException notAClientName(String field, int length) {
        return new IllegalArgumentException("TOKENSTORE-1000: " + field + " (" + length + " characters) is not a "
                + "client name: a letter or digit followed by at most 63 letters, digits, '_' or '-' (a name of "
                + "tokenstore.clients.<name>, e.g. zoho)");
    }

    /** A token's refusal time is beyond epoch milliseconds. */
    public static IllegalArgumentException refusedAtOutOfRange() {
        return new IllegalArgumentException("TOKENSTORE-1001: refusedAt is beyond the range of epoch milliseconds");
    }
}
