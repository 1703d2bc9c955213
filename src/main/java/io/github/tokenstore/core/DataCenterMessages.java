package io.github.tokenstore.core;

/**
 * The messages of the per-user data center and provider account a stored token keeps (IDs
 * 0970-0999), as factories of the exception to throw. No factory takes a value: messages name the
 * field, its length and the rule. For the library's own use.
 */
public final class DataCenterMessages {

    private DataCenterMessages() {
    }

    /** A token's data center is not a location code. */
    public static IllegalArgumentException notALocationCode(String field, int length) {
        return new IllegalArgumentException("TOKENSTORE-0970: " + field + " (" + length + " characters) is not a "
                + "data center location code: 1 to 16 characters of a-z, 0-9 and '-' (e.g. eu, as in Zoho's "
                + "location= parameter)");
    }
}
