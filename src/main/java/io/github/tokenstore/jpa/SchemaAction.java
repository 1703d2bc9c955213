package io.github.tokenstore.jpa;

/** What the JPA store does about its table when it starts ({@code tokenstore.jpa.schema}). */
public enum SchemaAction {
    /** Create the table and its indexes if the table is missing; leave an existing table alone. */
    CREATE,
    /** Check that the table and all its columns exist; fail otherwise. */
    VALIDATE,
    /** Nothing: the table is someone else's business. */
    NONE
}
