package io.github.tokenstore.jpa;

import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.UserSignature;

import java.util.Collection;

import static io.github.tokenstore.core.CoreMessages.describe;

/**
 * The JPA store's messages: its schema and database ({@code TOKENSTORE-0040}–{@code 0049}), the
 * JTA transaction it joins ({@code 0116}, {@code 0117}) and the database refresh lock ({@code 0270}–{@code 0279}).
 */
final class JpaMessages {

    private JpaMessages() {
    }

    private static String msg(String id, String text) {
        return id + ": " + text;
    }

    private static TokenStoreException failure(String id, String text, Throwable cause) {
        return new TokenStoreException(id, msg(id, text), cause);
    }

    static SchemaMissingException schemaMissing(String table, String database) {
        String id = "TOKENSTORE-0040";
        return new SchemaMissingException(id, msg(id, "the table " + table + " does not exist in " + database
                + "; create it with the DDL shipped in the jar, or set tokenstore.jpa.schema=create"));
    }

    static TokenStoreException schemaColumnsMissing(String table, String database, Collection<String> columns) {
        return failure("TOKENSTORE-0041", "the table " + table + " in " + database + " lacks the columns " + columns
                + "; upgrade it with the DDL shipped in the jar", null);
    }

    static TokenStoreException schemaFailed(String action, String database, Throwable cause) {
        return failure("TOKENSTORE-0042", "the schema action '" + action + "' failed on " + database + ": "
                + describe(cause), cause);
    }

    static TokenStoreException schemaUnsupported(String database, String table) {
        return failure("TOKENSTORE-0043", "the jar ships no DDL for " + database + ", so the table " + table
                + " cannot be created; create it by hand (docs/stores.md shows the columns) and set "
                + "tokenstore.jpa.schema=validate", null);
    }

    static TokenStoreException noJpaProvider(String wanted) {
        return failure("TOKENSTORE-0044", wanted == null
                ? "no JPA provider is on the class path; add Hibernate ORM 6.6 or EclipseLink 4"
                : "the JPA provider " + wanted + " is not on the class path", null);
    }

    static TokenStoreException databaseUnreachable(String what, Throwable cause) {
        return failure("TOKENSTORE-0045", "cannot connect to " + what + ": " + describe(cause), cause);
    }

    static TokenStoreException lastUseNotRecorded(String store, Throwable cause) {
        return failure("TOKENSTORE-0046", "recording when tokens were last read failed in " + store + ": " + describe(cause)
                + "; the uses are kept for the next write (reads and saves go on)", cause);
    }

    static TokenStoreException transactionNotActive(String operation, int status) {
        return failure("TOKENSTORE-0116", operation + ": the current JTA transaction is not active (jakarta.transaction."
                + "Status " + status + ", e.g. marked for rollback); the token store cannot join it", null);
    }

    static TokenStoreException noTransactionRegistry(String operation, Throwable cause) {
        return failure("TOKENSTORE-0117", operation + ": the @TokenStorage EntityManager is a JTA entity manager, but no "
                + "TransactionSynchronizationRegistry is available (" + describe(cause) + "); run in a Jakarta EE "
                + "server or produce a resource-local EntityManager", cause);
    }

    static TokenStoreException refreshLockUnsupported(String database) {
        return failure("TOKENSTORE-0270", "the database " + database + " offers no named lock for the cross-JVM refresh lock; "
                + "use PostgreSQL, MariaDB or MySQL, or RefreshLock.inJvm() when a single JVM uses the store", null);
    }

    static TokenStoreException refreshLockFailed(String operation, Throwable cause) {
        return failure("TOKENSTORE-0272", operation + " the refresh lock failed: " + describe(cause), cause);
    }

    // Log records (no exception): each starts with its ID as well.

    /** Information: recording last uses works again after {@code TOKENSTORE-0046}. */
    static String lastUseRecordedAgain(String store) {
        return msg("TOKENSTORE-0047", "recording when tokens were last read works again in " + store);
    }

    /** A warning: releasing a database lock failed; the connection is aborted, which releases it. */
    static String refreshLockReleaseFailed(java.sql.SQLException cause) {
        return msg("TOKENSTORE-0273", "releasing a refresh lock failed (" + cause.getClass().getSimpleName()
                + ", SQL state " + cause.getSQLState() + "); its connection is aborted, which releases it");
    }
}
