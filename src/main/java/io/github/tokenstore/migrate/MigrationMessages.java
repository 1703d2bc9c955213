package io.github.tokenstore.migrate;

import io.github.tokenstore.TokenStoreException;

import java.nio.file.Path;
import java.util.Collection;

import static io.github.tokenstore.core.CoreMessages.describe;

/**
 * The migration command's messages ({@code TOKENSTORE-0400}–{@code 0499}): {@code 0400}–{@code 0419}
 * stop a run; {@code 0420}–{@code 0439} reject one source row (the message is the row's reason) and the run goes
 * on.
 */
final class MigrationMessages {

    private MigrationMessages() {
    }

    private static String msg(String id, String text) {
        return id + ": " + text;
    }

    private static IllegalArgumentException argument(String id, String text) {
        return new IllegalArgumentException(msg(id, text));
    }

    private static TokenStoreException failure(String id, String text, Throwable cause) {
        return new TokenStoreException(id, msg(id, text), cause);
    }

    static IllegalArgumentException migrationUsage(String problem) {
        return argument("TOKENSTORE-0400", problem + "; run TokenMigration --help for the usage");
    }

    static TokenStoreException sourceFileMissing(Path file) {
        return failure("TOKENSTORE-0401", "the source file " + file + " does not exist", null);
    }

    static TokenStoreException sourceFileUnreadable(Path file, String problem, Throwable cause) {
        return failure("TOKENSTORE-0402", "cannot read the source file " + file + ": "
                + (problem == null ? describe(cause) : problem), cause);
    }

    static TokenStoreException sourceLayoutUnknown(Path file, String header, Collection<String> layouts) {
        return failure("TOKENSTORE-0403", file + " line 1: the header '" + header + "' is none of the Zoho SDK token file "
                + "layouts " + layouts + "; is it the right file?", null);
    }

    /** @param source names the database without secrets (URL without parameters, table) */
    static TokenStoreException sourceDatabaseUnreadable(String source, Throwable cause) {
        return failure("TOKENSTORE-0404", "cannot read " + source + ": " + describe(cause)
                + "; check the JDBC URL, user, password and that the database runs", cause);
    }

    static TokenStoreException sourceTableMissing(String table, String database) {
        return failure("TOKENSTORE-0405", "the table " + table + " does not exist in " + database
                + "; name the Zoho SDK's token table with --table", null);
    }

    static TokenStoreException sourceTableLayoutUnknown(String table, String database,
                                                               Collection<String> columns,
                                                               Collection<String> missing) {
        return failure("TOKENSTORE-0406", "the table " + table + " in " + database + " has the columns " + columns
                + ", which are not a Zoho SDK token table: it lacks " + missing, null);
    }

    static IllegalArgumentException sourceTableNameInvalid(String name) {
        String shown = name.length() <= 80 ? name : name.substring(0, 80) + "…";
        return argument("TOKENSTORE-0407", "the table name '" + shown.replaceAll("\\p{Cntrl}", "?") + "' is not a plain "
                + "SQL name: letters, digits and _, not starting with a digit, at most 64 characters");
    }

    /** @param hint the artifact to add, e.g. {@code org.xerial:sqlite-jdbc} */
    static TokenStoreException sourceDriverMissing(String url, String hint) {
        return failure("TOKENSTORE-0408", "no JDBC driver on the class path accepts " + url + "; add " + hint, null);
    }

    static TokenStoreException sourceTooLarge(String source, long limit, String unit) {
        return failure("TOKENSTORE-0409", source + " holds more than " + limit + " " + unit
                + "; split it and import the parts one after another", null);
    }

    static TokenStoreException exportFileExists(Path file) {
        return failure("TOKENSTORE-0410", "the export file " + file + " exists already; choose another file, or pass "
                + "--overwrite to replace it", null);
    }

    static TokenStoreException exportFailed(Path file, Throwable cause) {
        return failure("TOKENSTORE-0411", "writing the export file " + file + " failed: " + describe(cause)
                + "; no file was left half-written", cause);
    }

    static IllegalArgumentException passwordVariableUnset(String option, String variable) {
        return argument("TOKENSTORE-0412", "the environment variable " + variable + " named by " + option + " is not set");
    }

    static TokenStoreException sourceEncryptedWithoutKeys(Path file, long line, String keyId) {
        return failure("TOKENSTORE-0413", file + " line " + line + " is encrypted with the key '" + keyId + "' (the library's "
                + "encrypted token file), but no keys were given; pass --csv-keys-env VAR, VAR being an environment "
                + "variable that holds the keys as tokenstore.encryption.keys does (<key-id>:<base64>,...)", null);
    }

    static IllegalArgumentException rowWithoutToken() {
        return argument("TOKENSTORE-0420", "the row has no access, refresh or grant token; nothing to import");
    }

    static IllegalArgumentException rowExpiryInvalid() {
        return argument("TOKENSTORE-0421", "expiry_time is not a whole number of epoch milliseconds");
    }

    static IllegalArgumentException rowFieldCount(int found, int expected) {
        return argument("TOKENSTORE-0422", "the row has " + found + " fields, the header " + expected);
    }

    /** @param key what the rows share, e.g. {@code the user 'alice'}; @param others where the other rows are */
    static IllegalArgumentException rowDuplicate(String key, Collection<String> others) {
        return argument("TOKENSTORE-0423", key + " is also in " + String.join(", ", others)
                + "; none of these rows is imported: keep one and run again");
    }

    static IllegalArgumentException rowUnmatchable() {
        return argument("TOKENSTORE-0424", "the row has no user, no grant token and no refresh token, only an access token "
                + "with a client id: no store can find it again, so every run would add it anew; give it a user");
    }

    static IllegalArgumentException rowTakesUsersToken(String rule, String user) {
        return argument("TOKENSTORE-0425", "the row has no user, but its " + rule + " matches the stored token of user '"
                + user + "'; importing it would take that token from the user; give the row its user");
    }
}
