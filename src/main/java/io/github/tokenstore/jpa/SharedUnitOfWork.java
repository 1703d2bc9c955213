package io.github.tokenstore.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityTransaction;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.UserTransaction;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The application's entity manager, inside the application's transactions: joins the active one, or
 * runs in a transaction of its own. Whether the entity manager is resource-local or JTA is asked of it
 * each time ({@link EntityManager#getTransaction()} throws {@link IllegalStateException} for a JTA one,
 * as the JPA specification requires), so the same code serves Java SE and a Jakarta EE server.
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
    public <T> T run(String operation, Function<EntityManager, T> work) {
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
