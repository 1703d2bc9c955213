package io.github.tokenstore.core;

import io.github.tokenstore.UserSignature;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * A store's feed of token changes, for the caches of other JVMs on the same store: every save and delete of
 * a user's token adds a {@link Change} whose {@link Change#position() position} is greater than those of the
 * changes committed before it was added. A change added by a transaction still open is not seen yet, so the
 * positions a reader sees may have gaps that fill in later ({@link #changesAt}).
 *
 * <p>The JPA store implements it (table {@value #TABLE}, schema V6). The in-memory store need not: it is one
 * JVM's. The file store does not: the Zoho SDK's file layout has no room for it, and JVMs sharing a file
 * re-read it only on a cache miss (docs/reliability.md). Implementations are thread-safe.
 */
public interface TokenChanges {

    /** The JPA store's table of changes, created by {@code V6__token_changes.sql}. */
    String TABLE = "tokenstore_token_change";

    /** What happened to the token. */
    enum Kind {
        /** Saved: a login, a refresh (maybe with a new refresh token), a refusal, any other save. */
        SAVED,
        /** Deleted: a logout, a revocation, a clean-up. */
        DELETED
    }

    /**
     * One change.
     *
     * @param position  the feed's position of the change, increasing
     * @param user      whose token changed
     * @param client    the token's OAuth client, or {@code null} for none (the default client)
     * @param kind      what happened
     * @param changedAt when, by the changing JVM's clock
     */
    record Change(long position, UserSignature user, String client, Kind kind, Instant changedAt) {
    }

    /**
     * Whether this store records changes: the JPA store does if its database has the table {@value #TABLE}
     * (created with {@code tokenstore.jpa.schema=create}, or by hand with the V6 script).
     */
    boolean recordsChanges();

    /**
     * The position of the latest change, or {@code 0} if there is none: where a reader that has nothing
     * cached yet starts.
     *
     * @throws io.github.tokenstore.TokenStoreException if the store fails
     */
    long latestChange();

    /**
     * Up to {@code limit} changes after {@code position}, by increasing position.
     *
     * @throws io.github.tokenstore.TokenStoreException if the store fails
     */
    List<Change> changesAfter(long position, int limit);

    /**
     * The changes at these positions that exist now (by increasing position): the gaps a reader saw, which
     * a transaction committed later may fill.
     *
     * @throws io.github.tokenstore.TokenStoreException if the store fails
     */
    List<Change> changesAt(Collection<Long> positions);

    /**
     * Deletes the changes made before {@code cutoff}.
     *
     * @return how many were deleted
     * @throws io.github.tokenstore.TokenStoreException if the store fails
     */
    int pruneChanges(Instant cutoff);
}
