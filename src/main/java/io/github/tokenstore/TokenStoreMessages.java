package io.github.tokenstore;

import java.nio.file.Path;
import java.util.Collection;

/**
 * Every message the library shows, each with a stable ID, as factories of the exception to throw.
 *
 * <p>The IDs and their meaning are stable and listed in the README; the wording may improve. No
 * factory takes a secret: messages name fields, operations, files and lines, never token values.
 * For the library's own use.
 */
public final class TokenStoreMessages {

    private static final String PREFIX = "TOKENSTORE-";

    private TokenStoreMessages() {
    }

    private static String msg(String id, String text) {
        return PREFIX + id + ": " + text;
    }

    private static IllegalArgumentException argument(String id, String text) {
        return new IllegalArgumentException(msg(id, text));
    }

    private static TokenStoreException failure(String id, String text, Throwable cause) {
        return new TokenStoreException(PREFIX + id, msg(id, text), cause);
    }

    // 0001-0019: arguments

    public static IllegalArgumentException blankUserName() {
        return argument("0001", "userSignature.name is null or blank; a user signature needs a name");
    }

    public static IllegalArgumentException valueTooLong(String field, int length, int max) {
        return argument("0002", field + " is " + length + " characters long; at most " + max + " are allowed");
    }

    public static IllegalArgumentException nulCharacter(String field, int index) {
        return argument("0003", field + " holds a NUL character at index " + index
                + "; NUL cannot be stored verbatim by every store");
    }

    public static IllegalArgumentException unpairedSurrogate(String field, int index) {
        return argument("0004", field + " is not valid Unicode: unpaired surrogate at index " + index);
    }

    public static IllegalArgumentException expiryOutOfRange() {
        return argument("0005", "expiresAt is beyond the range of epoch milliseconds");
    }

    public static IllegalArgumentException nullArgument(String operation, String argument) {
        return argument("0006", operation + ": " + argument + " is null");
    }

    public static IllegalArgumentException nothingToMatch(String operation) {
        return argument("0007", operation + ": the token has nothing to match on; give a user signature, "
                + "an access token, or a grant or refresh token (with its client id)");
    }

    public static IllegalArgumentException nothingToSave() {
        return argument("0008", "saveToken: the token has no access, refresh or grant token; nothing to save");
    }

    public static IllegalArgumentException emptyId(String operation) {
        return argument("0009", operation + ": id is null or empty");
    }

    // 0020-0039: storage failures

    public static TokenStoreException storeFailed(String operation, String store, Throwable cause) {
        return failure("0020", operation + " failed in " + store + ": " + describe(cause), cause);
    }

    public static TokenStoreException fileMalformed(Path file, long line, String problem) {
        return failure("0030", file + " line " + line + ": " + problem
                + "; the file was left as it is (fix or move it)", null);
    }

    public static TokenStoreException fileForeign(Path file, String header, String expected) {
        return failure("0031", file + " line 1: the header '" + header + "' is not the token file header '"
                + expected + "'; the file was left as it is (is it the right file?)", null);
    }

    public static TokenStoreException fileDuplicateId(Path file, long line, long firstLine) {
        return failure("0032", file + " line " + line + ": the id of line " + firstLine
                + " appears again; the file was left as it is (fix or move it)", null);
    }

    public static TokenStoreException fileValueRejected(Path file, long line, IllegalArgumentException cause) {
        return failure("0033", file + " line " + line + ": " + cause.getMessage()
                + "; the file was left as it is (fix or move it)", cause);
    }

    public static TokenStoreException schemaMissing(String table, String database) {
        return failure("0040", "the table " + table + " does not exist in " + database
                + "; create it with the DDL shipped in the jar, or set tokenstore.jpa.schema=create", null);
    }

    public static TokenStoreException schemaColumnsMissing(String table, String database, Collection<String> columns) {
        return failure("0041", "the table " + table + " in " + database + " lacks the columns " + columns
                + "; upgrade it with the DDL shipped in the jar", null);
    }

    public static TokenStoreException schemaFailed(String action, String database, Throwable cause) {
        return failure("0042", "the schema action '" + action + "' failed on " + database + ": "
                + describe(cause), cause);
    }

    public static TokenStoreException schemaUnsupported(String database, String table) {
        return failure("0043", "the jar ships no DDL for " + database + ", so the table " + table
                + " cannot be created; create it by hand (the README shows the columns) and set "
                + "tokenstore.jpa.schema=validate", null);
    }

    public static TokenStoreException noJpaProvider(String wanted) {
        return failure("0044", wanted == null
                ? "no JPA provider is on the class path; add Hibernate ORM 6.6 or EclipseLink 4"
                : "the JPA provider " + wanted + " is not on the class path", null);
    }

    public static TokenStoreException databaseUnreachable(String what, Throwable cause) {
        return failure("0045", "cannot connect to " + what + ": " + describe(cause), cause);
    }

    /**
     * A short description of a failure for a message: its type and SQL state, never its message (a
     * driver's message may quote a value).
     */
    static String describe(Throwable cause) {
        if (cause == null) {
            return "no cause";
        }
        Throwable root = cause;
        String sqlState = null;
        for (Throwable t = cause; t != null; t = t.getCause()) {
            root = t;
            if (sqlState == null && t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                sqlState = sql.getSQLState();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return root.getClass().getSimpleName() + (sqlState == null ? "" : " (SQL state " + sqlState + ")");
    }
}
