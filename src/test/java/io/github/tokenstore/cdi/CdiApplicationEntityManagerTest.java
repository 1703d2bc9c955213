package io.github.tokenstore.cdi;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.cdi.internal.TokenStorageLiteral;
import jakarta.persistence.EntityManager;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application produces a {@code @TokenStorage EntityManager} (resource-local here, in Java SE): the
 * store keeps tokens in the application's persistence unit, inside the application's transaction when
 * one is active, in a transaction of its own otherwise.
 */
@EnableWeld
class CdiApplicationEntityManagerTest {

    @RegisterExtension
    static final TestConfig CONFIG = TestConfig.of();

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Containers.weld(ApplicationPersistence.class)).build();

    @Test
    void commitsInATransactionOfItsOwnWhenNoneIsActive() {
        TokenStore store = weld.select(TokenStore.class).get();
        OAuthToken saved = store.saveToken(Tokens.of("ana@example.com"));

        assertThat(committedTokens()).isEqualTo(1);
        assertThat(store.findToken(Tokens.user("ana@example.com"))).contains(saved);
        assertThat(store.toString()).isEqualTo("the JPA token store (the application's @TokenStorage EntityManager)");
        assertThat(CONFIG.directory().resolve("tokenstore.mv.db")).doesNotExist();
    }

    @Test
    void rollsBackWithTheCallersTransaction() {
        TokenStore store = weld.select(TokenStore.class).get();
        EntityManager em = weld.select(EntityManager.class, TokenStorageLiteral.INSTANCE).get();

        em.getTransaction().begin();
        store.saveToken(Tokens.of("ana@example.com"));
        assertThat(committedTokens()).isZero();
        em.getTransaction().rollback();

        assertThat(store.findToken(Tokens.user("ana@example.com"))).isEmpty();
        assertThat(committedTokens()).isZero();
    }

    @Test
    void commitsWithTheCallersTransaction() {
        TokenStore store = weld.select(TokenStore.class).get();
        EntityManager em = weld.select(EntityManager.class, TokenStorageLiteral.INSTANCE).get();

        em.getTransaction().begin();
        OAuthToken saved = store.saveToken(Tokens.of("ana@example.com"));
        assertThat(em.getTransaction().isActive()).isTrue();
        em.getTransaction().commit();

        assertThat(committedTokens()).isEqualTo(1);
        assertThat(store.findToken(Tokens.user("ana@example.com"))).contains(saved);
    }

    /** Rows of the token table, seen from a transaction of their own. */
    private long committedTokens() {
        return weld.select(ApplicationPersistence.class).get().read(em ->
                em.createQuery("select count(t) from TokenstoreToken t", Long.class).getSingleResult());
    }
}
