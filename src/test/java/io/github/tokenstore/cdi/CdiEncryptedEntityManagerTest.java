package io.github.tokenstore.cdi;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
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

    @Test
    void encryptsOnTheApplicationsEntityManager() {
        TokenStore store = weld.select(TokenStore.class).get();
        OAuthToken saved = store.saveToken(Tokens.of("ana@example.com"));
        assertThat(store.findToken(Tokens.user("ana@example.com"))).contains(saved);

        List<String> raw = rawValues();
        assertThat(raw).contains("ana@example.com", "k1");
        for (String secret : TestKeys.secretsOf(saved)) {
            assertThat(raw).as("no column holds " + secret).noneMatch(v -> v.contains(secret));
        }
    }

    /** Every column of every row of the token table, as the database holds it. */
    private List<String> rawValues() {
        return weld.select(ApplicationPersistence.class).get().read(em -> {
            List<?> rows = em.createNativeQuery("select * from tokenstore_token").getResultList();
            return rows.stream()
                    .flatMap(row -> row instanceof Object[] columns ? Arrays.stream(columns) : Stream.of(row))
                    .filter(Objects::nonNull).map(String::valueOf).toList();
        });
    }
}
