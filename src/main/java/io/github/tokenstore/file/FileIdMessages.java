package io.github.tokenstore.file;

import io.github.tokenstore.TokenStoreException;

/** The messages of numeric file ids ({@code TOKENSTORE-0950}–{@code 0969}). For the library's own use. */
public final class FileIdMessages {

    private FileIdMessages() {
    }

    /** {@code tokenstore.file.ids} has a value that is neither {@code uuid} nor {@code numeric}. */
    public static TokenStoreException invalidIds(String key, String value) {
        return new TokenStoreException("TOKENSTORE-0950", "TOKENSTORE-0950: " + key + " is '" + printable(value)
                + "'; allowed: uuid (the default: random ids) or numeric (decimal ids that the Zoho SDK's"
                + " FileStore can add to)", null);
    }

    static TokenStoreException idsExhausted(long max) {
        return new TokenStoreException("TOKENSTORE-0951", "TOKENSTORE-0951: numeric token ids: the next id would"
                + " pass " + max + ", the largest the Zoho SDK's FileStore can read; export the tokens with"
                + " TokenMigration export --numeric-ids to a new file, or use uuid ids", null);
    }

    private static String printable(String value) {
        String v = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return v.replaceAll("[^\\x20-\\x7e…]", "?");
    }
}
