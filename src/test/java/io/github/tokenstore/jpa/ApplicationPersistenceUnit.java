package io.github.tokenstore.jpa;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

import java.util.UUID;

/**
 * An application's own persistence unit that lists {@link TokenEntity}, as docs/cdi.md asks of
 * applications that hand the store their {@code EntityManager}: resource-local Hibernate on a fresh H2
 * in-memory database. Built in code, so the test-jar ships no {@code META-INF/persistence.xml} that
 * would join the persistence units of a project that depends on it.
 */
public final class ApplicationPersistenceUnit {

    private ApplicationPersistenceUnit() {
    }

    /** A new factory on a new, empty database with the token table. Close it when done. */
    public static EntityManagerFactory create() {
        return new Configuration()
                .addAnnotatedClass(TokenEntity.class)
                .setProperty(AvailableSettings.JAKARTA_JDBC_URL,
                        "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
                .setProperty(AvailableSettings.HBM2DDL_AUTO, "create")
                .buildSessionFactory();
    }
}
