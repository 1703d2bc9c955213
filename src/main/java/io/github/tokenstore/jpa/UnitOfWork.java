package io.github.tokenstore.jpa;

import jakarta.persistence.EntityManager;

import java.util.function.Function;

/**
 * How {@link JpaTokenStore} runs one operation: on which {@link EntityManager}, in which transaction.
 * Exceptions of the work pass through unchanged, after the unit's own transaction is rolled back.
 */
interface UnitOfWork {

    /**
     * Runs {@code work} in a transaction and returns its result.
     *
     * @param operation the store operation, for messages
     */
    <T> T run(String operation, Function<EntityManager, T> work);

    /**
     * Runs {@code work}, which only reads, and returns its result: in a transaction as {@link #run}, unless
     * the unit can read without one (one statement, no {@code BEGIN}/{@code COMMIT} round trips).
     */
    default <T> T read(String operation, Function<EntityManager, T> work) {
        return run(operation, work);
    }

    /**
     * Whether the calling thread is inside a transaction of the caller's, which the unit joins: a failed
     * operation must not then be retried, the transaction being doomed.
     */
    default boolean inCallersTransaction() {
        return false;
    }
}
