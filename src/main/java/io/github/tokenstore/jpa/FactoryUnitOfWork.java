package io.github.tokenstore.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;

import java.util.function.Function;

/**
 * A new entity manager and resource-local transaction from a factory for each operation; reads run
 * without a transaction, each query on its own (auto-commit) as the JPA specification allows for a
 * resource-local entity manager: a read is then one round trip to the database.
 */
final class FactoryUnitOfWork implements UnitOfWork {

    private final EntityManagerFactory emf;

    FactoryUnitOfWork(EntityManagerFactory emf) {
        this.emf = emf;
    }

    @Override
    public <T> T run(String operation, Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        EntityTransaction tx = null;
        try {
            tx = em.getTransaction();
            tx.begin();
            T result = work.apply(em);
            tx.commit();
            return result;
        } catch (RuntimeException e) {
            if (tx != null && tx.isActive()) {
                try {
                    tx.rollback();
                } catch (RuntimeException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
            }
            throw e;
        } finally {
            em.close();
        }
    }

    @Override
    public <T> T read(String operation, Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        try {
            return work.apply(em);
        } finally {
            em.close();
        }
    }
}
