package io.github.tokenstore.jpa;

import io.github.tokenstore.TokenStoreException;

/**
 * The JPA store's table does not exist and the schema action did not create it
 * ({@code TOKENSTORE-0040}): thrown when a store is opened with {@link SchemaAction#VALIDATE}, so that a
 * caller can tell "no table yet" from every other failure by type (the migration command's dry run
 * compares with an empty store then).
 */
public final class SchemaMissingException extends TokenStoreException {

    private static final long serialVersionUID = 1L;

    SchemaMissingException(String messageId, String message) {
        super(messageId, message, null);
    }
}
