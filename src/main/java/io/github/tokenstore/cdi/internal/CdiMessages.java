package io.github.tokenstore.cdi.internal;

import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.core.RejectedArgumentException;
import io.github.tokenstore.oauth.DataCenter;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;

import static io.github.tokenstore.core.CoreMessages.describe;

/**
 * The CDI layer's messages: configuration and deployment ({@code TOKENSTORE-0100}–{@code 0199}),
 * {@code @CrmCall} and the CDI side of the OAuth client ({@code 0500}–{@code 0599}; no factory takes the client
 * secret or a token), and the security and reliability keys ({@code 0700}–{@code 0799}; key material is never
 * part of a message). Internal: may change in any release.
 */
public final class CdiMessages {

    private CdiMessages() {
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

    public static TokenStoreException unknownStore(String value) {
        return failure("TOKENSTORE-0101", "tokenstore.store=" + value + " is not one of jpa, file, memory", null);
    }

    public static TokenStoreException unknownSchemaAction(String value) {
        return failure("TOKENSTORE-0102", "tokenstore.jpa.schema=" + value + " is not one of create, validate, none", null);
    }

    public static TokenStoreException badPoolSize(String value) {
        return failure("TOKENSTORE-0103", "tokenstore.jpa.pool-size=" + value + " is not a whole number of at least 1", null);
    }

    public static TokenStoreException invalidFilePath(String value, String reason) {
        return failure("TOKENSTORE-0104", "tokenstore.file.path=" + value + " is not a valid path (" + reason
                + "); give the path of the token file", null);
    }

    public static TokenStoreException filePathIsDirectory(String value) {
        return failure("TOKENSTORE-0105", "tokenstore.file.path=" + value + " is a directory; give the path of the token "
                + "file, e.g. " + value + "/sdk_tokens.txt", null);
    }

    public static TokenStoreException fileDirectoryMissing(String value, Path directory) {
        return failure("TOKENSTORE-0106", "tokenstore.file.path=" + value + " is in " + directory + ", which is not an "
                + "existing directory; create the directory or give a path in an existing one", null);
    }

    public static TokenStoreException directoryMissing(String value) {
        return failure("TOKENSTORE-0107", "tokenstore.directory=" + value + " is not an existing directory; create it or "
                + "give an existing one", null);
    }

    public static TokenStoreException datasourceAndUrl(String datasource, String url) {
        return failure("TOKENSTORE-0108", "tokenstore.jpa.datasource=" + datasource + " and tokenstore.jpa.url=" + url
                + " are both set; set one: a datasource's JNDI name or a JDBC URL", null);
    }

    /** @param shownValue the value to show: never a password, which callers pass as {@code (hidden)} */
    public static TokenStoreException credentialsWithoutUrl(String key, String shownValue) {
        return failure("TOKENSTORE-0109", key + "=" + shownValue + " is set but tokenstore.jpa.url is not; a user and "
                + "password go with a JDBC URL (a datasource brings its own), so set tokenstore.jpa.url or "
                + "remove " + key, null);
    }

    public static TokenStoreException datasourceNotFound(String name, Throwable cause) {
        return failure("TOKENSTORE-0110", "tokenstore.jpa.datasource=" + name + " cannot be found: " + describe(cause)
                + "; define the datasource in the server or correct tokenstore.jpa.datasource", cause);
    }

    /** @param defaulted true for the server's default datasource, which no key named */
    public static TokenStoreException datasourceUnreachable(String name, boolean defaulted, Throwable cause) {
        return failure("TOKENSTORE-0111", datasource(name, defaulted) + " gives no connection: " + describe(cause)
                + "; check that the database is up and the datasource's settings", cause);
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
        return failure("TOKENSTORE-0112", "cannot connect to " + target + as + ": " + describe(cause) + "; " + fix, cause);
    }

    public static TokenStoreException unknownJpaProvider(String value, Collection<String> available) {
        return failure("TOKENSTORE-0113", "tokenstore.jpa.provider=" + value + " is not one of the JPA providers on the "
                + "class path: " + (available.isEmpty() ? "(none)" : String.join(", ", available)), null);
    }

    public static TokenStoreException entityManagerAndConnection(String key, String shownValue) {
        return failure("TOKENSTORE-0114", "the application produces a @TokenStorage EntityManager, which the JPA store uses, "
                + "and " + key + "=" + shownValue + " is set too; remove " + key + " or the producer", null);
    }

    public static TokenStoreException ambiguousStores(Collection<String> beanClasses) {
        return failure("TOKENSTORE-0115", "the application has " + beanClasses.size() + " TokenStore beans: "
                + String.join(", ", beanClasses) + "; keep one, or select one with @Alternative and @Priority",
                null);
    }

    public static TokenStoreException persistenceUnitFailed(String provider, Throwable cause) {
        return failure("TOKENSTORE-0118", "the JPA provider " + provider + " cannot start the token store's persistence "
                + "unit: " + describe(cause) + "; see the cause, or choose another provider with "
                + "tokenstore.jpa.provider", cause);
    }

    public static TokenStoreException executorTimedOut(String operation, long seconds) {
        return failure("TOKENSTORE-0119", operation + ": called inside a JTA transaction, the built-in store works on the "
                + "server's managed executor, which did not run it within " + seconds + " s (Open Liberty runs no "
                + "task of an application that is still starting); the operation was cancelled. Call the store "
                + "outside a transaction during startup", null);
    }

    /** A warning, not an error: the deployment goes on. */
    public static String inMemoryDatasource(String name, String database) {
        return msg("TOKENSTORE-0120", name + " is an in-memory " + database + " database: the tokens kept there are lost "
                + "when the server stops, and users must log in again. Point " + name + " at a real database, or "
                + "set tokenstore.jpa.datasource or tokenstore.jpa.url");
    }

    public static TokenStoreException ambiguousTokenServices(Collection<String> beans) {
        return failure("TOKENSTORE-0121", "the application has " + beans.size() + " TokenService beans: "
                + String.join(", ", beans) + "; keep one, or select one with @Alternative and @Priority", null);
    }

    /**
     * A warning, not an error: keys that configure the library's own {@code TokenService}, set while the
     * application produces its own.
     */
    public static String keysWithoutEffect(String service, Collection<String> keys) {
        return msg("TOKENSTORE-0122", "the application's TokenService bean " + service + " replaces the library's, so "
                + "these keys have no effect: " + String.join(", ", keys) + "; configure that service where it "
                + "is built, or remove the keys");
    }

    public static TokenStoreException unknownDataCenter(String value) {
        return failure("TOKENSTORE-0500", "tokenstore.oauth.data-center=" + value + " is not one of "
                + Arrays.stream(DataCenter.values()).map(Enum::name).collect(Collectors.joining(", "))
                + "; or set tokenstore.oauth.accounts-url", null);
    }

    public static TokenStoreException durationUnparsable(String key, String value) {
        return failure("TOKENSTORE-0501", key + "=" + value + " is not an ISO-8601 duration, e.g. PT5M or PT30S", null);
    }

    public static TokenStoreException durationOutOfRange(String key, Object value, String rule) {
        return failure("TOKENSTORE-0502", key + "=" + value + ": " + rule, null);
    }

    public static TokenStoreException unknownRefreshLock(String value) {
        return failure("TOKENSTORE-0503", "tokenstore.oauth.refresh-lock=" + value + " is not one of auto, database, jvm", null);
    }

    public static TokenStoreException accountsUrlKeyInvalid(String value) {
        return failure("TOKENSTORE-0504", "tokenstore.oauth.accounts-url=" + value + " is not an absolute http or https URL "
                + "without user info, query or fragment, e.g. https://accounts.zoho.eu", null);
    }

    /** @param missing the keys not set: client id and/or client secret; their values are never shown */
    public static TokenStoreException oauthClientIncomplete(Collection<String> missing) {
        return failure("TOKENSTORE-0505", String.join(" and ", missing) + (missing.size() == 1 ? " is" : " are")
                + " not set, but other tokenstore.oauth.* keys are: the OAuth client needs "
                + "tokenstore.oauth.client-id and tokenstore.oauth.client-secret; set them, or remove the "
                + "tokenstore.oauth.* keys", null);
    }

    public static TokenStoreException databaseRefreshLockUnavailable(String reason, Throwable cause) {
        return failure("TOKENSTORE-0506", "tokenstore.oauth.refresh-lock=database, but " + reason
                + "; use PostgreSQL or MariaDB/MySQL through the built-in JPA store, or refresh-lock=auto or jvm",
                cause);
    }

    public static TokenStoreException invalidConfiguredUser(String reason) {
        return failure("TOKENSTORE-0507", "tokenstore.user is not a valid user name: " + reason, null);
    }

    public static TokenStoreException ambiguousUserResolvers(Collection<String> beanClasses) {
        return failure("TOKENSTORE-0508", "several application beans implement TokenUserResolver: "
                + String.join(", ", beanClasses) + "; keep one, or select one with @Alternative and @Priority", null);
    }

    /** @param problem e.g. "is on parameter 2 of type int" */
    public static TokenStoreException tokenUserMisplaced(String method, String problem) {
        return failure("TOKENSTORE-0509", "@TokenUser on " + method + " " + problem
                + "; annotate one parameter of type String or UserSignature", null);
    }

    public static TokenStoreException noUserForCall(String method) {
        return failure("TOKENSTORE-0520", "no user for the @CrmCall method " + method + ": no @TokenUser parameter, no "
                + "@CrmCall(user = ...), the TokenUserResolver gave none and tokenstore.user is not set", null);
    }

    public static IllegalArgumentException tokenUserArgumentMissing(String method, int parameter) {
        return argument("TOKENSTORE-0521", "the @TokenUser argument (parameter " + parameter + ") of " + method
                + " is null or blank; pass the user's name");
    }

    /** @param what e.g. "the @CrmCall method com.example.Contacts#list(String)" */
    public static TokenStoreException oauthNotConfigured(String what) {
        return failure("TOKENSTORE-0522", what + " needs the OAuth client, which is not configured: set "
                + "tokenstore.oauth.client-id and tokenstore.oauth.client-secret", null);
    }

    public static TokenStoreException revokeOnDeleteNotBoolean(String value) {
        return failure("TOKENSTORE-0701", "tokenstore.revoke-on-delete=" + value + " is not true or false", null);
    }

    public static TokenStoreException revokeOnDeleteWithoutClient() {
        return failure("TOKENSTORE-0702", "tokenstore.revoke-on-delete=true, but the OAuth client is not configured, so "
                + "nothing could revoke: set tokenstore.oauth.client-id and tokenstore.oauth.client-secret, or "
                + "remove tokenstore.revoke-on-delete", null);
    }

    public static TokenStoreException cleanupIntervalWithoutIdleAfter(String value) {
        return failure("TOKENSTORE-0703", "tokenstore.cleanup.interval=" + value + " is set but tokenstore.cleanup.idle-after "
                + "is not, and without it no clean-up runs; set tokenstore.cleanup.idle-after (e.g. P90D) or remove "
                + "tokenstore.cleanup.interval", null);
    }

    /** @param store what the store is, e.g. "the file store" or an application bean's class */
    public static TokenStoreException cleanupStoreUnsupported(String store) {
        return failure("TOKENSTORE-0704", "tokenstore.cleanup.idle-after is set, but " + store + " does not record when "
                + "tokens were last used (it does not implement io.github.tokenstore.spi.IdleTokens); use the JPA "
                + "or in-memory store, implement IdleTokens, or remove tokenstore.cleanup.idle-after", null);
    }

    private static String datasource(String name, boolean defaulted) {
        return defaulted ? "the server's default datasource " + name + " (tokenstore.jpa.datasource is not set)"
                : "tokenstore.jpa.datasource=" + name;
    }

    /**
     * A key's value the plain-Java API rejected ({@code TOKENSTORE-0300} to {@code 0303} of
     * {@code EncryptionKeys.parse}, {@code 0320} of {@code TokenCleanup}), as a deployment problem with the
     * same ID and the same message. Those messages name entries by position and keys by id only.
     */
    public static TokenStoreException deploymentProblem(RejectedArgumentException rejected) {
        return new TokenStoreException(rejected.messageId(), rejected.getMessage(), rejected);
    }

    // 0900-0949: the Zoho SDK bridge's bean.

    /** @param rejected why the bridge cannot serve the SDK's {@code TokenStore} (names types, never a value) */
    public static TokenStoreException sdkStoreUnfit(String sdkStore, IllegalArgumentException rejected) {
        return failure("TOKENSTORE-0910", "the Zoho SDK's TokenStore interface is on the class path, but the library "
                + "cannot serve it as a bean (" + rejected.getMessage() + "); use a checked SDK version, or give the "
                + "application its own bean of " + sdkStore, rejected);
    }
}
