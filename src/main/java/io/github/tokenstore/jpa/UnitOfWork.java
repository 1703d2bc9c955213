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
     * Whether the calling thread is inside a transaction of the caller's, which the unit joins: a failed
     * operation must not then be retried, the transaction being doomed.
     */
    default boolean inCallersTransaction() {
        return false;
    }
}
