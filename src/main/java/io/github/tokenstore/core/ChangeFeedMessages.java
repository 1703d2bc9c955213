package io.github.tokenstore.core;

import io.github.tokenstore.TokenStoreException;

import java.time.Duration;

/**
 * The messages of the cluster's change feed ({@code TOKENSTORE-1150}–{@code 1169}): the
 * {@code tokenstore.cache.sync-interval} key, the JPA store's table of changes ({@link TokenChanges}) and each
 * JVM's poll of it. No message holds a token; user names are not shown either (a poll concerns many users).
 * Internal: may change in any release.
 */
public final class ChangeFeedMessages {

    private ChangeFeedMessages() {
    }

    private static String msg(String id, String text) {
        return id + ": " + text;
    }

    public static TokenStoreException syncIntervalUnparsable(String key, String value) {
        String id = "TOKENSTORE-1150";
        return new TokenStoreException(id, msg(id, key + "=" + value + " is not an ISO-8601 duration (e.g. PT2S), 0 or "
                + "off; set a duration, or off to keep each JVM's cache until its tokens expire"), null);
    }

    public static TokenStoreException syncIntervalOutOfRange(String key, String value, Duration least,
                                                             Duration most) {
        String id = "TOKENSTORE-1151";
        return new TokenStoreException(id, msg(id, key + "=" + value + " is out of range: it must be at least " + least
                + " (each poll is a query) and at most " + most + " (changes are kept that long), or 0 or off"),
                null);
    }

    /** A warning, once per outage: the JVM's cache may serve tokens changed elsewhere until polls work again. */
    public static String pollFailed(String store, Duration interval, Throwable cause) {
        return msg("TOKENSTORE-1152", "reading the token changes of " + store + " failed: " + CoreMessages.describe(cause)
                + "; tokens deleted, refused or rotated on other JVMs may be served from this JVM's cache until the "
                + "poll works again (retried every " + interval + ")");
    }

    /** Information: the poll works again after {@code TOKENSTORE-1152}. */
    public static String pollResumed(String store, Duration outage) {
        return msg("TOKENSTORE-1153", "reading the token changes of " + store + " works again after " + outage);
    }

    /** A warning: the outage outlasted the changes kept, so some may have been pruned unseen. */
    public static String changesMissed(String store, Duration outage, Duration kept) {
        return msg("TOKENSTORE-1154", "the token changes of " + store + " could not be read for " + outage + ", longer "
                + "than they are kept (" + kept + "): changes made meanwhile on other JVMs may have been missed, so every "
                + "token cached in this JVM was forgotten; each user's next call reads the store");
    }

    /** A warning at deployment: a JPA store without the V6 table keeps no change feed. */
    public static String noChangeTable(String store) {
        return msg("TOKENSTORE-1155", store + " has no table " + TokenChanges.TABLE + ": tokens deleted, refused or "
                + "rotated on another JVM are served from this JVM's cache until they expire; create the table with "
                + "the V6 script shipped in the jar, or set tokenstore.jpa.schema=create");
    }

    /** Information at deployment: the store in use keeps no change feed (one JVM's store, or the application's). */
    public static String storeWithoutFeed(String key, String store) {
        return msg("TOKENSTORE-1156", key + " has no effect: " + store + " keeps no feed of token changes, so each "
                + "JVM's cache learns of a change made elsewhere only when the token expires");
    }

    public static IllegalStateException feedUnavailable(String operation, String store) {
        return new IllegalStateException(msg("TOKENSTORE-1157", operation + ": " + store + " records no token "
                + "changes (no table " + TokenChanges.TABLE + ", or a store on the application's own persistence unit)"));
    }

    public static IllegalArgumentException limitNotPositive(String operation, int limit) {
        return new IllegalArgumentException(msg("TOKENSTORE-1158", operation + ": limit must be positive, was "
                + limit));
    }
}
