package io.github.tokenstore.cdi;

import io.github.tokenstore.TokenStorage;
import io.github.tokenstore.jpa.ApplicationPersistenceUnit;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import java.util.function.Function;

/**
 * The application's persistence, as an SE application might have it: a resource-local unit of its own,
 * and a {@code @TokenStorage EntityManager} produced from it for the token store. A test adds this class
 * to its container's beans.
 */
@ApplicationScoped
class ApplicationPersistence {

    private EntityManagerFactory emf;

    @PostConstruct
    void open() {
        emf = ApplicationPersistenceUnit.create();
    }

    @PreDestroy
    void close() {
        emf.close();
    }

    @Produces
    @TokenStorage
    @ApplicationScoped
    EntityManager tokenStorage() {
        return emf.createEntityManager();
    }

    void close(@Disposes @TokenStorage EntityManager em) {
        em.close();
    }

    /** What {@code query} reads with an EntityManager of its own: outside the store's, so only what is committed. */
    <T> T read(Function<EntityManager, T> query) {
        EntityManager em = emf.createEntityManager();
        try {
            return query.apply(em);
        } finally {
            em.close();
        }
    }
}
