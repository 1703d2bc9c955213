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
                + "an access token, a grant or refresh token (with its client id), or an id");
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

    public static TokenStoreException lastUseNotRecorded(String store, Throwable cause) {
        return failure("0046", "recording when tokens were last read failed in " + store + ": " + describe(cause)
                + "; the uses are kept for the next write (reads and saves go on)", cause);
    }

    // 0100-0199: the CDI layer: configuration (tokenstore.*) and deployment

    public static TokenStoreException unknownStore(String value) {
        return failure("0101", "tokenstore.store=" + value + " is not one of jpa, file, memory", null);
    }

    public static TokenStoreException unknownSchemaAction(String value) {
        return failure("0102", "tokenstore.jpa.schema=" + value + " is not one of create, validate, none", null);
    }

    public static TokenStoreException badPoolSize(String value) {
        return failure("0103", "tokenstore.jpa.pool-size=" + value + " is not a whole number of at least 1", null);
    }

    public static TokenStoreException invalidFilePath(String value, String reason) {
        return failure("0104", "tokenstore.file.path=" + value + " is not a valid path (" + reason
                + "); give the path of the token file", null);
    }

    public static TokenStoreException filePathIsDirectory(String value) {
        return failure("0105", "tokenstore.file.path=" + value + " is a directory; give the path of the token "
                + "file, e.g. " + value + "/sdk_tokens.txt", null);
    }

    public static TokenStoreException fileDirectoryMissing(String value, Path directory) {
        return failure("0106", "tokenstore.file.path=" + value + " is in " + directory + ", which is not an "
                + "existing directory; create the directory or give a path in an existing one", null);
    }

    public static TokenStoreException directoryMissing(String value) {
        return failure("0107", "tokenstore.directory=" + value + " is not an existing directory; create it or "
                + "give an existing one", null);
    }

    public static TokenStoreException datasourceAndUrl(String datasource, String url) {
        return failure("0108", "tokenstore.jpa.datasource=" + datasource + " and tokenstore.jpa.url=" + url
                + " are both set; set one: a datasource's JNDI name or a JDBC URL", null);
    }

    /** @param shownValue the value to show: never a password, which callers pass as {@code (hidden)} */
    public static TokenStoreException credentialsWithoutUrl(String key, String shownValue) {
        return failure("0109", key + "=" + shownValue + " is set but tokenstore.jpa.url is not; a user and "
                + "password go with a JDBC URL (a datasource brings its own), so set tokenstore.jpa.url or "
                + "remove " + key, null);
    }

    public static TokenStoreException datasourceNotFound(String name, Throwable cause) {
        return failure("0110", "tokenstore.jpa.datasource=" + name + " cannot be found: " + describe(cause)
                + "; define the datasource in the server or correct tokenstore.jpa.datasource", cause);
    }

    /** @param defaulted true for the server's default datasource, which no key named */
    public static TokenStoreException datasourceUnreachable(String name, boolean defaulted, Throwable cause) {
        return failure("0111", datasource(name, defaulted) + " gives no connection: " + describe(cause)
                + "; check that the database is up and the datasource's settings", cause);
    }

    private static String datasource(String name, boolean defaulted) {
        return defaulted ? "the server's default datasource " + name + " (tokenstore.jpa.datasource is not set)"
                : "tokenstore.jpa.datasource=" + name;
    }

    /**
     * @param url       the JDBC URL without its parameters (they may hold a password)
     * @param defaulted true for the default H2 database, which no key named
     */
    public static TokenStoreException urlUnreachable(String url, boolean defaulted, String user, boolean password,
                                                     Throwable cause) {
        String target = defaulted ? "the default H2 database " + url + " (tokenstore.jpa.url is not set)"
                : "tokenstore.jpa.url=" + url;
        String as = (user == null ? "" : " as tokenstore.jpa.user=" + user)
                + (password ? " with tokenstore.jpa.password=(hidden)" : "");
        String fix = defaulted ? "put the H2 driver (com.h2database:h2) on the class path or set tokenstore.jpa.url"
                : "check the URL and credentials, that the database is up and that its JDBC driver is on the "
                + "class path";
        return failure("0112", "cannot connect to " + target + as + ": " + describe(cause) + "; " + fix, cause);
    }

    public static TokenStoreException unknownJpaProvider(String value, Collection<String> available) {
        return failure("0113", "tokenstore.jpa.provider=" + value + " is not one of the JPA providers on the "
                + "class path: " + (available.isEmpty() ? "(none)" : String.join(", ", available)), null);
    }

    public static TokenStoreException entityManagerAndConnection(String key, String shownValue) {
        return failure("0114", "the application produces a @TokenStorage EntityManager, which the JPA store uses, "
                + "and " + key + "=" + shownValue + " is set too; remove " + key + " or the producer", null);
    }

    public static TokenStoreException ambiguousStores(Collection<String> beanClasses) {
        return failure("0115", "the application has " + beanClasses.size() + " TokenStore beans: "
                + String.join(", ", beanClasses) + "; keep one, or select one with @Alternative and @Priority",
                null);
    }

    public static TokenStoreException transactionNotActive(String operation, int status) {
        return failure("0116", operation + ": the current JTA transaction is not active (jakarta.transaction."
                + "Status " + status + ", e.g. marked for rollback); the token store cannot join it", null);
    }

    public static TokenStoreException noTransactionRegistry(String operation, Throwable cause) {
        return failure("0117", operation + ": the @TokenStorage EntityManager is a JTA entity manager, but no "
                + "TransactionSynchronizationRegistry is available (" + describe(cause) + "); run in a Jakarta EE "
                + "server or produce a resource-local EntityManager", cause);
    }

    public static TokenStoreException persistenceUnitFailed(String provider, Throwable cause) {
        return failure("0118", "the JPA provider " + provider + " cannot start the token store's persistence "
                + "unit: " + describe(cause) + "; see the cause, or choose another provider with "
                + "tokenstore.jpa.provider", cause);
    }

    public static TokenStoreException executorTimedOut(String operation, long seconds) {
        return failure("0119", operation + ": called inside a JTA transaction, the built-in store works on the "
                + "server's managed executor, which did not run it within " + seconds + " s (Open Liberty runs no "
                + "task of an application that is still starting); the operation was cancelled. Call the store "
                + "outside a transaction during startup", null);
    }

    /** A warning, not an error: the deployment goes on. */
    public static String inMemoryDatasource(String name, String database) {
        return msg("0120", name + " is an in-memory " + database + " database: the tokens kept there are lost "
                + "when the server stops, and users must log in again. Point " + name + " at a real database, or "
                + "set tokenstore.jpa.datasource or tokenstore.jpa.url");
    }

    public static TokenStoreException ambiguousTokenServices(Collection<String> beans) {
        return failure("0121", "the application has " + beans.size() + " TokenService beans: "
                + String.join(", ", beans) + "; keep one, or select one with @Alternative and @Priority", null);
    }

    /**
     * A warning, not an error: keys that configure the library's own {@code TokenService}, set while the
     * application produces its own.
     */
    public static String keysWithoutEffect(String service, Collection<String> keys) {
        return msg("0122", "the application's TokenService bean " + service + " replaces the library's, so "
                + "these keys have no effect: " + String.join(", ", keys) + "; configure that service where it "
                + "is built, or remove the keys");
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

    // 0200-0299: the OAuth client and the token service. Operations are named by the callers
    // ("grant-code exchange", "token refresh", "token revocation"); the accounts URL is configuration,
    // never the request URI (a revocation carries the token in its query).

    public static IllegalArgumentException oauthArgumentMissing(String owner, String argument) {
        return argument("0200", owner + ": " + argument + " is null or blank");
    }

    public static IllegalArgumentException oauthArgumentNull(String owner, String argument) {
        return argument("0203", owner + ": " + argument + " is null");
    }

    public static IllegalArgumentException oauthDurationInvalid(String owner, String argument, Object value,
                                                                String rule) {
        return argument("0201", owner + ": " + argument + " is " + value + "; " + rule);
    }

    public static IllegalArgumentException accountsUrlInvalid(String owner) {
        return argument("0202", owner + ": accountsUrl is not an absolute http or https URL without user info, "
                + "query or fragment, e.g. https://accounts.zoho.eu");
    }

    public static OAuthProviderException invalidCode(String operation, String accountsUrl) {
        return new OAuthProviderException(PREFIX + "0220", msg("0220", "the accounts server " + accountsUrl
                + " refused the " + operation + " with invalid_code: a grant code is single-use and expires "
                + "after 3 minutes, and a revoked refresh token answers the same; have the user authorize again"),
                "invalid_code");
    }

    /** @param errorCode {@code invalid_client} or {@code invalid_client_secret} */
    public static OAuthProviderException invalidClient(String operation, String accountsUrl, String errorCode) {
        return new OAuthProviderException(PREFIX + "0221", msg("0221", "the accounts server " + accountsUrl
                + " refused the " + operation + " with " + errorCode + ": the client id or secret is wrong, or the "
                + "client belongs to another data center; check tokenstore.oauth.client-id, "
                + "tokenstore.oauth.client-secret and tokenstore.oauth.data-center"), errorCode);
    }

    public static OAuthProviderException providerError(String operation, String accountsUrl, String errorCode) {
        return new OAuthProviderException(PREFIX + "0222", msg("0222", "the accounts server " + accountsUrl
                + " refused the " + operation + " with the error '" + errorCode + "'"), errorCode);
    }

    public static ThrottledException throttled(String operation, String accountsUrl) {
        return new ThrottledException(PREFIX + "0223", msg("0223", "the accounts server " + accountsUrl
                + " throttled the " + operation + " (Access Denied): Zoho issues about 10 access tokens per "
                + "refresh token per 10 minutes; the token service backs off"), null);
    }

    public static ThrottledException throttleBackOff(UserSignature user, java.time.Instant retryAt) {
        return new ThrottledException(PREFIX + "0224", msg("0224", "the token of user '" + user.name()
                + "' cannot be refreshed before " + retryAt + ": the accounts server throttled a refresh with its "
                + "refresh token (Access Denied); until then only a still-valid access token is served"), retryAt);
    }

    public static AuthorizationRequiredException refreshTokenRefused(UserSignature user, Throwable cause) {
        return new AuthorizationRequiredException(PREFIX + "0225", msg("0225", "the accounts server refused the "
                + "refresh token of user '" + user.name() + "' (invalid_code: revoked, or removed at Zoho); it is not "
                + "tried again; have the user authorize again"), user, cause);
    }

    public static AuthorizationRequiredException grantCodeRefused(UserSignature user, Throwable cause) {
        return new AuthorizationRequiredException(PREFIX + "0226", msg("0226", "the accounts server refused the "
                + "grant code stored for user '" + user.name() + "' (invalid_code: used already or older than 3 "
                + "minutes); it is not tried again; have the user authorize again"), user, cause);
    }

    public static AccountsServerException accountsHttpStatus(String operation, String accountsUrl, int status) {
        return new AccountsServerException(PREFIX + "0240", msg("0240", "the accounts server " + accountsUrl
                + " answered the " + operation + " with HTTP " + status
                + "; check tokenstore.oauth.accounts-url or tokenstore.oauth.data-center, or retry later"),
                status, null);
    }

    public static AccountsServerException accountsTimeout(String operation, String accountsUrl,
                                                          java.time.Duration timeout, Throwable cause) {
        return new AccountsServerException(PREFIX + "0241", msg("0241", "the " + operation + " at the accounts "
                + "server " + accountsUrl + " got no answer within " + timeout + "; retry later"), 0, cause);
    }

    /** Names the HTTP client's exception type (ConnectException, SSLHandshakeException…), not its root. */
    public static AccountsServerException accountsUnreachable(String operation, String accountsUrl,
                                                              Throwable cause) {
        return new AccountsServerException(PREFIX + "0242", msg("0242", "the " + operation + " at the accounts "
                + "server " + accountsUrl + " failed: " + cause.getClass().getSimpleName()
                + "; check the network and tokenstore.oauth.accounts-url"), 0, cause);
    }

    public static AccountsServerException accountsUnexpectedAnswer(String operation, String accountsUrl,
                                                                   int status, String problem, Throwable cause) {
        return new AccountsServerException(PREFIX + "0243", msg("0243", "the accounts server " + accountsUrl
                + " answered the " + operation + " with HTTP " + status + " and a body that is not a token "
                + "response (" + problem + "); is tokenstore.oauth.accounts-url an accounts server?"),
                status, cause);
    }

    public static TokenStoreException oauthInterrupted(String operation) {
        return failure("0244", "the thread was interrupted during the " + operation, null);
    }

    public static TokenStoreException noJsonProvider(Throwable cause) {
        return failure("0245", "no JSON-P implementation is on the class path: " + describe(cause)
                + "; Jakarta EE servers provide one, Java SE applications add org.eclipse.parsson:parsson", cause);
    }

    public static AuthorizationRequiredException noTokenStored(UserSignature user) {
        return new AuthorizationRequiredException(PREFIX + "0260", msg("0260", "no token is stored for user '"
                + user.name() + "'; send the user through \"Login with Zoho\" and pass the grant code to "
                + "TokenService.authorize"), user);
    }

    public static AuthorizationRequiredException noRefreshToken(UserSignature user) {
        return new AuthorizationRequiredException(PREFIX + "0261", msg("0261", "the access token of user '"
                + user.name() + "' has expired and no refresh token is stored; authorize the user again with "
                + "access_type=offline, which makes Zoho issue a refresh token"), user);
    }

    public static InvalidTokenException invalidToken(String apiDomain) {
        return new InvalidTokenException(PREFIX + "0262", msg("0262", "the CRM" + (apiDomain == null ? "" : " at " + apiDomain)
                + " rejected the access token (HTTP 401 INVALID_TOKEN); the token is refreshed and the call "
                + "repeated once"));
    }

    public static TokenStoreException refreshFailed(UserSignature user, Throwable cause) {
        return failure("0263", "the token refresh for user '" + user.name() + "' failed: " + describe(cause),
                cause);
    }

    public static TokenStoreException refreshLockUnsupported(String database) {
        return failure("0270", "the database " + database + " offers no named lock for the cross-JVM refresh lock; "
                + "use PostgreSQL, MariaDB or MySQL, or RefreshLock.inJvm() when a single JVM uses the store", null);
    }

    public static TokenStoreException refreshLockTimeout(UserSignature user, java.time.Duration maxWait) {
        return failure("0271", "the refresh lock of user '" + user.name() + "' was not free within " + maxWait
                + "; another JVM holds it for a refresh that takes too long, or the wait is too short", null);
    }

    public static TokenStoreException refreshLockFailed(String operation, Throwable cause) {
        return failure("0272", operation + " the refresh lock failed: " + describe(cause), cause);
    }

    // 0600-0699: health checks and metrics (io.github.tokenstore.health, io.github.tokenstore.metrics).
    // Shown in health check data and the log; they never name a user or hold a secret.

    public static TokenStoreException storeProbeTimedOut(java.time.Duration timeout) {
        return failure("0600", "the token store did not answer the health probe (findTokenById of an id that "
                + "does not exist) within " + timeout.toMillis() + " ms; the database or file system is slow or "
                + "unreachable", null);
    }

    public static TokenStoreException storeProbeStillRunning(java.time.Duration running) {
        return failure("0601", "an earlier health probe of the token store has been running for "
                + running.toMillis() + " ms and has not ended; no second probe is started until it does", null);
    }

    public static TokenStoreException storeProbeFailed(Throwable cause) {
        return failure("0602", "the token store failed the health probe: " + describe(cause), cause);
    }

    public static TokenStoreException tokenCountFailed(Throwable cause) {
        return failure("0610", "counting the stored tokens for the metric tokenstore.token.count failed: "
                + describe(cause) + "; the metric has no value until a count succeeds", cause);
    }

    public static TokenStoreException metricsSetupFailed(Throwable cause) {
        return failure("0611", "the OpenTelemetry metrics of the token store could not be set up: " + describe(cause)
                + "; the application runs without them", cause);
    }

    // 0300-0399: security and reliability (encryption at rest, revocation on delete, clean-up). Key
    // material is never part of a message: entries are named by position or key id only.

    public static IllegalArgumentException encryptionKeysMissing() {
        return argument("0300", "tokenstore.encryption.keys: no key is given; give at least one entry "
                + "<key-id>:<base64 of 32 random bytes>, e.g. from 'openssl rand -base64 32'");
    }

    public static IllegalArgumentException encryptionKeyEntryMalformed(int position) {
        return argument("0301", "tokenstore.encryption.keys: entry " + position + " is not <key-id>:<base64 key>; "
                + "a key id is 1 to 32 characters of A-Z, a-z, 0-9, '.', '_' and '-'");
    }

    public static IllegalArgumentException encryptionKeyInvalid(String keyId, String problem) {
        return argument("0302", "tokenstore.encryption.keys: the key '" + keyId + "' " + problem
                + "; an AES-256 key is 32 random bytes in base64 (openssl rand -base64 32)");
    }

    public static IllegalArgumentException encryptionKeyDuplicate(String keyId) {
        return argument("0303", "tokenstore.encryption.keys: the key id '" + keyId + "' is given twice; "
                + "every key needs its own id");
    }

    public static TokenStoreException encryptionKeyUnknown(String where, String keyId, Collection<String> known) {
        return failure("0310", where + " is encrypted with the key '" + keyId + "', which is not among the "
                + "configured keys " + known + "; add the key '" + keyId + "' to tokenstore.encryption.keys "
                + "(older keys stay listed after the active one until reencryptAll has run)", null);
    }

    public static TokenStoreException decryptionFailed(String where, String keyId) {
        return failure("0311", where + " cannot be decrypted with the key '" + keyId + "': the key with that id "
                + "is not the one the value was encrypted with, or the stored value was altered", null);
    }

    public static TokenStoreException encryptedValueMalformed(String where) {
        return failure("0312", where + " is marked encrypted but is not an encrypted value "
                + "(v1:<key-id>:<base64>); the stored value was altered", null);
    }

    public static TokenStoreException encryptedWithoutKeys(String where, String keyId) {
        return failure("0313", where + " is encrypted with the key '" + keyId + "', but the store was opened "
                + "without encryption keys; configure tokenstore.encryption.keys with that key", null);
    }

    public static IllegalStateException reencryptWithoutKeys(String store) {
        return new IllegalStateException(msg("0314", "reencryptAll: " + store
                + " has no encryption keys; open it with tokenstore.encryption.keys to encrypt its tokens"));
    }

    public static IllegalArgumentException cleanupIdleAfterInvalid(Object value) {
        return argument("0320", "tokenstore.cleanup.idle-after is " + value
                + "; it must be a positive ISO-8601 duration of at least one hour, e.g. P90D");
    }

    public static TokenStoreException cleanupFailed(Throwable cause) {
        return failure("0321", "the clean-up of idle tokens failed: " + describe(cause)
                + "; it runs again at its next scheduled time", cause);
    }

    public static TokenStoreException revokeOnDeleteFailed(UserSignature user, Throwable cause) {
        return failure("0330", "revoking the token of user '" + user.name() + "' at the accounts server failed ("
                + (cause instanceof TokenStoreException t ? t.messageId() : describe(cause))
                + "); the token was deleted from the store anyway", cause);
    }

    // 0500-0599: @CrmCall and the CDI side of the OAuth client (configuration, user resolution,
    // CurrentToken). No factory takes the client secret or a token.

    public static TokenStoreException unknownDataCenter(String value) {
        return failure("0500", "tokenstore.oauth.data-center=" + value + " is not one of US, EU, IN, AU, JP, CN, CA, "
                + "SA; or set tokenstore.oauth.accounts-url", null);
    }

    public static TokenStoreException durationUnparsable(String key, String value) {
        return failure("0501", key + "=" + value + " is not an ISO-8601 duration, e.g. PT5M or PT30S", null);
    }

    public static TokenStoreException durationOutOfRange(String key, Object value, String rule) {
        return failure("0502", key + "=" + value + ": " + rule, null);
    }

    public static TokenStoreException unknownRefreshLock(String value) {
        return failure("0503", "tokenstore.oauth.refresh-lock=" + value + " is not one of auto, database, jvm", null);
    }

    public static TokenStoreException accountsUrlKeyInvalid(String value) {
        return failure("0504", "tokenstore.oauth.accounts-url=" + value + " is not an absolute http or https URL "
                + "without user info, query or fragment, e.g. https://accounts.zoho.eu", null);
    }

    /** @param missing the keys not set: client id and/or client secret; their values are never shown */
    public static TokenStoreException oauthClientIncomplete(Collection<String> missing) {
        return failure("0505", String.join(" and ", missing) + (missing.size() == 1 ? " is" : " are")
                + " not set, but other tokenstore.oauth.* keys are: the OAuth client needs "
                + "tokenstore.oauth.client-id and tokenstore.oauth.client-secret; set them, or remove the "
                + "tokenstore.oauth.* keys", null);
    }

    public static TokenStoreException databaseRefreshLockUnavailable(String reason, Throwable cause) {
        return failure("0506", "tokenstore.oauth.refresh-lock=database, but " + reason
                + "; use PostgreSQL or MariaDB/MySQL through the built-in JPA store, or refresh-lock=auto or jvm",
                cause);
    }

    public static TokenStoreException invalidConfiguredUser(String reason) {
        return failure("0507", "tokenstore.user is not a valid user name: " + reason, null);
    }

    public static TokenStoreException ambiguousUserResolvers(Collection<String> beanClasses) {
        return failure("0508", "several application beans implement TokenUserResolver: "
                + String.join(", ", beanClasses) + "; keep one, or select one with @Alternative and @Priority", null);
    }

    /** @param problem e.g. "is on parameter 2 of type int" */
    public static TokenStoreException tokenUserMisplaced(String method, String problem) {
        return failure("0509", "@TokenUser on " + method + " " + problem
                + "; annotate one parameter of type String or UserSignature", null);
    }

    public static TokenStoreException noUserForCall(String method) {
        return failure("0520", "no user for the @CrmCall method " + method + ": no @TokenUser parameter, no "
                + "@CrmCall(user = ...), the TokenUserResolver gave none and tokenstore.user is not set", null);
    }

    public static IllegalArgumentException tokenUserArgumentMissing(String method, int parameter) {
        return argument("0521", "the @TokenUser argument (parameter " + parameter + ") of " + method
                + " is null or blank; pass the user's name");
    }

    /** @param what e.g. "the @CrmCall method com.example.Contacts#list(String)" */
    public static TokenStoreException oauthNotConfigured(String what) {
        return failure("0522", what + " needs the OAuth client, which is not configured: set "
                + "tokenstore.oauth.client-id and tokenstore.oauth.client-secret", null);
    }

    /** @param what the accessor, e.g. "CurrentToken.accessToken()" */
    public static TokenStoreException noCrmCallInProgress(String what) {
        return failure("0530", what + " was used outside a @CrmCall method: no @CrmCall is in progress on "
                + "this thread (work handed to another thread does not see it)", null);
    }

    // 0700-0749: the CDI layer's security and reliability keys (tokenstore.encryption.keys,
    // tokenstore.revoke-on-delete, tokenstore.cleanup.*). Key material is never part of a message.

    /**
     * A key's value the plain-Java API rejected ({@code TOKENSTORE-0300} to {@code 0303} of
     * {@code EncryptionKeys.parse}, {@code 0320} of {@code TokenCleanup}), as a deployment problem with the
     * same ID and the same message. Those messages name entries by position and keys by id only.
     */
    public static TokenStoreException deploymentProblem(IllegalArgumentException rejected) {
        String message = rejected.getMessage();
        return new TokenStoreException(message.substring(0, message.indexOf(':')), message, rejected);
    }

    public static TokenStoreException revokeOnDeleteNotBoolean(String value) {
        return failure("0701", "tokenstore.revoke-on-delete=" + value + " is not true or false", null);
    }

    public static TokenStoreException cleanupIntervalWithoutIdleAfter(String value) {
        return failure("0703", "tokenstore.cleanup.interval=" + value + " is set but tokenstore.cleanup.idle-after "
                + "is not, and without it no clean-up runs; set tokenstore.cleanup.idle-after (e.g. P90D) or remove "
                + "tokenstore.cleanup.interval", null);
    }

    /** @param store what the store is, e.g. "the file store" or an application bean's class */
    public static TokenStoreException cleanupStoreUnsupported(String store) {
        return failure("0704", "tokenstore.cleanup.idle-after is set, but " + store + " does not record when "
                + "tokens were last used (it does not implement io.github.tokenstore.spi.IdleTokens); use the JPA "
                + "or in-memory store, implement IdleTokens, or remove tokenstore.cleanup.idle-after", null);
    }

    public static TokenStoreException revokeOnDeleteWithoutClient() {
        return failure("0702", "tokenstore.revoke-on-delete=true, but the OAuth client is not configured, so "
                + "nothing could revoke: set tokenstore.oauth.client-id and tokenstore.oauth.client-secret, or "
                + "remove tokenstore.revoke-on-delete", null);
    }

    // 0400-0499: the token migration command (io.github.tokenstore.migrate). 0400-0419 stop a run;
    // 0420-0439 reject one source row (the message is the row's reason) and the run goes on.

    public static IllegalArgumentException migrationUsage(String problem) {
        return argument("0400", problem + "; run TokenMigration --help for the usage");
    }

    public static TokenStoreException sourceFileMissing(Path file) {
        return failure("0401", "the source file " + file + " does not exist", null);
    }

    public static TokenStoreException sourceFileUnreadable(Path file, String problem, Throwable cause) {
        return failure("0402", "cannot read the source file " + file + ": "
                + (problem == null ? describe(cause) : problem), cause);
    }

    public static TokenStoreException sourceLayoutUnknown(Path file, String header, Collection<String> layouts) {
        return failure("0403", file + " line 1: the header '" + header + "' is none of the Zoho SDK token file "
                + "layouts " + layouts + "; is it the right file?", null);
    }

    /** @param source names the database without secrets (URL without parameters, table) */
    public static TokenStoreException sourceDatabaseUnreadable(String source, Throwable cause) {
        return failure("0404", "cannot read " + source + ": " + describe(cause)
                + "; check the JDBC URL, user, password and that the database runs", cause);
    }

    public static TokenStoreException sourceTableMissing(String table, String database) {
        return failure("0405", "the table " + table + " does not exist in " + database
                + "; name the Zoho SDK's token table with --table", null);
    }

    public static TokenStoreException sourceTableLayoutUnknown(String table, String database,
                                                               Collection<String> columns,
                                                               Collection<String> missing) {
        return failure("0406", "the table " + table + " in " + database + " has the columns " + columns
                + ", which are not a Zoho SDK token table: it lacks " + missing, null);
    }

    public static IllegalArgumentException sourceTableNameInvalid(String name) {
        String shown = name.length() <= 80 ? name : name.substring(0, 80) + "…";
        return argument("0407", "the table name '" + shown.replaceAll("\\p{Cntrl}", "?") + "' is not a plain "
                + "SQL name: letters, digits and _, not starting with a digit, at most 64 characters");
    }

    /** @param hint the artifact to add, e.g. {@code org.xerial:sqlite-jdbc} */
    public static TokenStoreException sourceDriverMissing(String url, String hint) {
        return failure("0408", "no JDBC driver on the class path accepts " + url + "; add " + hint, null);
    }

    public static TokenStoreException sourceTooLarge(String source, long limit, String unit) {
        return failure("0409", source + " holds more than " + limit + " " + unit
                + "; split it and import the parts one after another", null);
    }

    public static TokenStoreException exportFileExists(Path file) {
        return failure("0410", "the export file " + file + " exists already; choose another file, or pass "
                + "--overwrite to replace it", null);
    }

    public static TokenStoreException exportFailed(Path file, Throwable cause) {
        return failure("0411", "writing the export file " + file + " failed: " + describe(cause)
                + "; no file was left half-written", cause);
    }

    public static IllegalArgumentException passwordVariableUnset(String option, String variable) {
        return argument("0412", "the environment variable " + variable + " named by " + option + " is not set");
    }

    public static TokenStoreException sourceEncryptedWithoutKeys(Path file, long line, String keyId) {
        return failure("0413", file + " line " + line + " is encrypted with the key '" + keyId + "' (the library's "
                + "encrypted token file), but no keys were given; pass --csv-keys-env VAR, VAR being an environment "
                + "variable that holds the keys as tokenstore.encryption.keys does (<key-id>:<base64>,...)", null);
    }

    public static IllegalArgumentException rowWithoutToken() {
        return argument("0420", "the row has no access, refresh or grant token; nothing to import");
    }

    public static IllegalArgumentException rowExpiryInvalid() {
        return argument("0421", "expiry_time is not a whole number of epoch milliseconds");
    }

    public static IllegalArgumentException rowFieldCount(int found, int expected) {
        return argument("0422", "the row has " + found + " fields, the header " + expected);
    }

    /** @param key what the rows share, e.g. {@code the user 'alice'}; @param others where the other rows are */
    public static IllegalArgumentException rowDuplicate(String key, Collection<String> others) {
        return argument("0423", key + " is also in " + String.join(", ", others)
                + "; none of these rows is imported: keep one and run again");
    }

    public static IllegalArgumentException rowUnmatchable() {
        return argument("0424", "the row has no user, no grant token and no refresh token, only an access token "
                + "with a client id: no store can find it again, so every run would add it anew; give it a user");
    }

    public static IllegalArgumentException rowTakesUsersToken(String rule, String user) {
        return argument("0425", "the row has no user, but its " + rule + " matches the stored token of user '"
                + user + "'; importing it would take that token from the user; give the row its user");
    }
}
