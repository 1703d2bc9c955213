package io.github.tokenstore.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.UserTransaction;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs store work on a JTA entity manager: in the active JTA transaction if there is one (as
 * {@code @Transactional(REQUIRED)} would), else in a transaction begun and committed through
 * {@link UserTransaction}.
 *
 * <p>The status comes from the {@link TransactionSynchronizationRegistry}, not from the
 * {@code UserTransaction}: a container-managed-transaction EJB may not touch {@code UserTransaction},
 * but such a caller always brings its transaction, so the store never needs to begin one there.
 */
final class JtaTransactions {

    private final Supplier<TransactionSynchronizationRegistry> registrySupplier;
    private final Supplier<UserTransaction> userTransaction;
    private volatile TransactionSynchronizationRegistry registry;
    private volatile boolean missing;
    private volatile RuntimeException missingCause;

    JtaTransactions(Supplier<TransactionSynchronizationRegistry> registry, Supplier<UserTransaction> userTransaction) {
        this.registrySupplier = registry;
        this.userTransaction = userTransaction;
    }

    <T> T run(String operation, EntityManager em, Function<EntityManager, T> work) {
        int status = registry(operation).getTransactionStatus();
        if (status == Status.STATUS_ACTIVE) {
            em.joinTransaction();
            return work.apply(em);
        }
        if (status != Status.STATUS_NO_TRANSACTION) {
            throw JpaMessages.transactionNotActive(operation, status);
        }
        UserTransaction ut = userTransaction.get();
        try {
            ut.begin();
        } catch (Exception e) {
            throw new PersistenceException("cannot begin a JTA transaction", e);
        }
        T result;
        try {
            em.joinTransaction();
            result = work.apply(em);
        } catch (RuntimeException e) {
            try {
                ut.rollback();
            } catch (Exception rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
        try {
            ut.commit();
        } catch (Exception e) {
            // commit() has ended the transaction, committed or not.
            throw new PersistenceException("the JTA transaction did not commit", e);
        }
        return result;
    }

    /**
     * Whether the calling thread has a JTA transaction, in whatever state; false where there is no
     * transaction registry (Java SE).
     */
    boolean active() {
        TransactionSynchronizationRegistry r = registryIfAny();
        return r != null && r.getTransactionStatus() != Status.STATUS_NO_TRANSACTION;
    }

    /** The registry, or null where there is none; looked up once either way. */
    private TransactionSynchronizationRegistry registryIfAny() {
        if (registry == null && !missing) {
            try {
                registry = registrySupplier.get();
            } catch (RuntimeException noRegistry) {
                missingCause = noRegistry;
            }
            missing = registry == null;
        }
        return registry;
    }

    private TransactionSynchronizationRegistry registry(String operation) {
        TransactionSynchronizationRegistry r = registryIfAny();
        if (r == null) {
            throw JpaMessages.noTransactionRegistry(operation, missingCause);
        }
        return r;
    }
}
