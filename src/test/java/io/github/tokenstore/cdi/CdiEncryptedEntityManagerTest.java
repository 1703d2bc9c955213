package io.github.tokenstore.cdi;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStorage;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.jpa.ApplicationPersistenceUnit;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tokenstore.encryption.keys} with an application {@code @TokenStorage EntityManager}: the store on
 * the application's unit encrypts too.
 */
@EnableWeld
class CdiEncryptedEntityManagerTest {

    @RegisterExtension
    static final TestConfig CONFIG = TestConfig.of("tokenstore.encryption.keys", "k1:" + TestKeys.K1);

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Containers.weld(ApplicationPersistence.class)).build();

    /** The application's persistence, as an SE application might have it. */
    @ApplicationScoped
    static class ApplicationPersistence {

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

        /** Every column of every row of the token table, as the database holds it. */
        List<String> rawValues() {
            EntityManager em = emf.createEntityManager();
            try {
                List<?> rows = em.createNativeQuery("select * from tokenstore_token").getResultList();
                return rows.stream()
                        .flatMap(row -> row instanceof Object[] columns ? Arrays.stream(columns) : Stream.of(row))
                        .filter(Objects::nonNull).map(String::valueOf).toList();
            } finally {
                em.close();
            }
        }
    }

    @Test
    void encryptsOnTheApplicationsEntityManager() {
        TokenStore store = weld.select(TokenStore.class).get();
        OAuthToken saved = store.saveToken(Tokens.of("ana@example.com"));
        assertThat(store.findToken(Tokens.user("ana@example.com"))).contains(saved);

        List<String> raw = weld.select(ApplicationPersistence.class).get().rawValues();
        assertThat(raw).contains("ana@example.com", "k1");
        for (String secret : TestKeys.secretsOf(saved)) {
            assertThat(raw).as("no column holds " + secret).noneMatch(v -> v.contains(secret));
        }
    }
}
