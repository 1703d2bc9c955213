package io.github.tokenstore.core;

import io.github.tokenstore.TokenStoreException;

import java.util.Collection;

/**
 * The messages of the API and the core, and those that several parts raise: arguments
 * ({@code 0001}–{@code 0009}), a store's failure ({@code 0020}), the OAuth arguments the JPA lock checks too
 * ({@code 0201}, {@code 0203}), encryption at rest ({@code 0300}–{@code 0320}), {@code CurrentToken} outside a
 * call ({@code 0530}) and the store probe and count behind health and metrics ({@code 0600}–{@code 0610}).
 *
 * <p>Every part of the library keeps its messages in a class of its own package, each a factory of the
 * exception (or the log line) with the stable ID written out in full; the ranges are listed in docs/errors.md
 * (its first table). No factory takes a secret: messages name fields, operations, files and lines, never
 * token values. Internal: may change in any release.
 */
public final class CoreMessages {

    private CoreMessages() {
    }

    private static String msg(String id, String text) {
        return id + ": " + text;
    }

    private static IllegalArgumentException argument(String id, String text) {
        return new IllegalArgumentException(msg(id, text));
    }

    /** A rejected configuration value the CDI layer reports again as a deployment problem, ID and all. */
    private static RejectedArgumentException rejected(String id, String text) {
        return new RejectedArgumentException(id, msg(id, text));
    }

    private static TokenStoreException failure(String id, String text, Throwable cause) {
        return new TokenStoreException(id, msg(id, text), cause);
    }

    public static IllegalArgumentException blankUserName() {
        return argument("TOKENSTORE-0001", "userSignature.name is null or blank; a user signature needs a name");
    }

    public static IllegalArgumentException valueTooLong(String field, int length, int max) {
        return argument("TOKENSTORE-0002", field + " is " + length + " characters long; at most " + max + " are allowed");
    }

    public static IllegalArgumentException nulCharacter(String field, int index) {
        return argument("TOKENSTORE-0003", field + " holds a NUL character at index " + index
                + "; NUL cannot be stored verbatim by every store");
    }

    public static IllegalArgumentException unpairedSurrogate(String field, int index) {
        return argument("TOKENSTORE-0004", field + " is not valid Unicode: unpaired surrogate at index " + index);
    }

    public static IllegalArgumentException expiryOutOfRange() {
        return argument("TOKENSTORE-0005", "expiresAt is beyond the range of epoch milliseconds");
    }

    public static IllegalArgumentException nullArgument(String operation, String argument) {
        return argument("TOKENSTORE-0006", operation + ": " + argument + " is null");
    }

    public static IllegalArgumentException nothingToMatch(String operation) {
        return argument("TOKENSTORE-0007", operation + ": the token has nothing to match on; give a user signature, "
                + "an access token, a grant or refresh token (with its client id), or an id");
    }

    public static IllegalArgumentException nothingToSave() {
        return argument("TOKENSTORE-0008", "saveToken: the token has no access, refresh or grant token; nothing to save");
    }

    public static IllegalArgumentException emptyId(String operation) {
        return argument("TOKENSTORE-0009", operation + ": id is null or empty");
    }

    public static TokenStoreException storeFailed(String operation, String store, Throwable cause) {
        return failure("TOKENSTORE-0020", operation + " failed in " + store + ": " + describe(cause), cause);
    }

    public static IllegalArgumentException oauthDurationInvalid(String owner, String argument, Object value,
                                                                String rule) {
        return argument("TOKENSTORE-0201", owner + ": " + argument + " is " + value + "; " + rule);
    }

    public static IllegalArgumentException oauthArgumentNull(String owner, String argument) {
        return argument("TOKENSTORE-0203", owner + ": " + argument + " is null");
    }

    public static RejectedArgumentException encryptionKeysMissing() {
        return rejected("TOKENSTORE-0300", "tokenstore.encryption.keys: no key is given; give at least one entry "
                + "<key-id>:<base64 of 32 random bytes>, e.g. from 'openssl rand -base64 32'");
    }

    public static RejectedArgumentException encryptionKeyEntryMalformed(int position) {
        return rejected("TOKENSTORE-0301", "tokenstore.encryption.keys: entry " + position + " is not <key-id>:<base64 key>; "
                + "a key id is 1 to 32 characters of A-Z, a-z, 0-9, '.', '_' and '-'");
    }

    public static RejectedArgumentException encryptionKeyInvalid(String keyId, String problem) {
        return rejected("TOKENSTORE-0302", "tokenstore.encryption.keys: the key '" + keyId + "' " + problem
                + "; an AES-256 key is 32 random bytes in base64 (openssl rand -base64 32)");
    }

    public static RejectedArgumentException encryptionKeyDuplicate(String keyId) {
        return rejected("TOKENSTORE-0303", "tokenstore.encryption.keys: the key id '" + keyId + "' is given twice; "
                + "every key needs its own id");
    }

    public static TokenStoreException encryptionKeyUnknown(String where, String keyId, Collection<String> known) {
        return failure("TOKENSTORE-0310", where + " is encrypted with the key '" + keyId + "', which is not among the "
                + "configured keys " + known + "; add the key '" + keyId + "' to tokenstore.encryption.keys "
                + "(older keys stay listed after the active one until reencryptAll has run)", null);
    }

    public static TokenStoreException decryptionFailed(String where, String keyId) {
        return failure("TOKENSTORE-0311", where + " cannot be decrypted with the key '" + keyId + "': the key with that id "
                + "is not the one the value was encrypted with, or the stored value was altered", null);
    }

    public static TokenStoreException encryptedValueMalformed(String where) {
        return failure("TOKENSTORE-0312", where + " is marked encrypted but is not an encrypted value "
                + "(v1:<key-id>:<base64>); the stored value was altered", null);
    }

    public static TokenStoreException encryptedWithoutKeys(String where, String keyId) {
        return failure("TOKENSTORE-0313", where + " is encrypted with the key '" + keyId + "', but the store was opened "
                + "without encryption keys; configure tokenstore.encryption.keys with that key", null);
    }

    public static IllegalStateException reencryptWithoutKeys(String store) {
        return new IllegalStateException(msg("TOKENSTORE-0314", "reencryptAll: " + store
                + " has no encryption keys; open it with tokenstore.encryption.keys to encrypt its tokens"));
    }

    public static RejectedArgumentException cleanupIdleAfterInvalid(Object value) {
        return rejected("TOKENSTORE-0320", "tokenstore.cleanup.idle-after is " + value
                + "; it must be a positive ISO-8601 duration of at least one hour, e.g. P90D");
    }

    /** @param what the accessor, e.g. "CurrentToken.accessToken()" */
    public static TokenStoreException noCrmCallInProgress(String what) {
        return failure("TOKENSTORE-0530", what + " was used outside a @CrmCall method: no @CrmCall is in progress on "
                + "this thread (work handed to another thread does not see it)", null);
    }

    public static TokenStoreException storeProbeTimedOut(java.time.Duration timeout) {
        return failure("TOKENSTORE-0600", "the token store did not answer the health probe (findTokenById of an id that "
                + "does not exist) within " + timeout.toMillis() + " ms; the database or file system is slow or "
                + "unreachable", null);
    }

    public static TokenStoreException storeProbeStillRunning(java.time.Duration running) {
        return failure("TOKENSTORE-0601", "an earlier health probe of the token store has been running for "
                + running.toMillis() + " ms and has not ended; no second probe is started until it does", null);
    }

    public static TokenStoreException storeProbeFailed(Throwable cause) {
        return failure("TOKENSTORE-0602", "the token store failed the health probe: " + describe(cause), cause);
    }

    public static TokenStoreException tokenCountFailed(Throwable cause) {
        return failure("TOKENSTORE-0610", "counting the stored tokens for the metric tokenstore.token.count failed: "
                + describe(cause) + "; the metric has no value until a count succeeds", cause);
    }

    /**
     * A short description of a failure for a message: its type and SQL state, never its message (a
     * driver's message may quote a value).
     */
    public static String describe(Throwable cause) {
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

    // Log records (no exception): each starts with its ID as well.

    /** A warning: a metrics report ({@code TokenMetrics}) threw; its exception's type only. */
    public static String metricsReportThrew(Throwable thrown) {
        return msg("TOKENSTORE-0612", "the TokenMetrics report threw " + thrown.getClass().getName()
                + "; ignored, the measured operation went on");
    }
}
