package io.github.tokenstore.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityTransaction;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.UserTransaction;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The application's entity manager, inside the application's transactions: joins the active one, or
 * runs in a transaction of its own.
 *
 * <p>An active JTA transaction is joined as it is. Otherwise the entity manager is asked whether it is
 * resource-local or JTA ({@link EntityManager#getTransaction()} throws {@link IllegalStateException} for
 * a JTA one, as the JPA specification requires), so the same code serves Java SE and a Jakarta EE
 * server. Never while a JTA transaction is active: on Open Liberty that call marks the caller's
 * transaction for rollback.
 */
final class SharedUnitOfWork implements UnitOfWork {

    private final EntityManager em;
    private final JtaTransactions jta;

    SharedUnitOfWork(EntityManager em, Supplier<TransactionSynchronizationRegistry> registry,
                     Supplier<UserTransaction> userTransaction) {
        this.em = em;
        this.jta = new JtaTransactions(registry, userTransaction);
    }

    @Override
    public boolean inCallersTransaction() {
        if (jta.active()) {
            return true;
        }
        try {
            return em.getTransaction().isActive();
        } catch (IllegalStateException jtaEntityManager) {
            return false;
        }
    }

    @Override
    public <T> T run(String operation, Function<EntityManager, T> work) {
        if (jta.active()) {
            return jta.run(operation, em, work);
        }
        EntityTransaction tx;
        try {
            tx = em.getTransaction();
        } catch (IllegalStateException jtaEntityManager) {
            return jta.run(operation, em, work);
        }
        if (tx.isActive()) {
            // The caller's transaction: it commits or rolls back the store's work with its own.
            return work.apply(em);
        }
        tx.begin();
        try {
            T result = work.apply(em);
            tx.commit();
            return result;
        } catch (RuntimeException e) {
            if (tx.isActive()) {
                try {
                    tx.rollback();
                } catch (RuntimeException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
            }
            throw e;
        }
    }
}
