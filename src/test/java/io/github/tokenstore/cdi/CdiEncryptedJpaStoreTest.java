package io.github.tokenstore.cdi;

import io.github.tokenstore.EncryptionKeys;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.TokenStores;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code tokenstore.encryption.keys} with the default JPA store (the H2 file database): the bean round-trips
 * a token, and the database file holds none of its secrets.
 */
class CdiEncryptedJpaStoreTest {

    private static final String KEYS = "k2:" + TestKeys.K2 + ", k1:" + TestKeys.K1;

    @RegisterExtension
    static final TestConfig CONFIG = TestConfig.of("tokenstore.encryption.keys", KEYS);

    @Test
    void storesTheSecretsEncryptedInTheH2File() throws IOException {
        OAuthToken saved;
        try (WeldContainer container = Containers.weld().initialize()) {
            TokenStore store = container.select(TokenStore.class).get();
            saved = store.saveToken(Tokens.of("ana@example.com").toBuilder().grantToken("1000.grant.ana").build());
            assertThat(store.findToken(Tokens.user("ana@example.com"))).contains(saved);
            assertThat(store.findToken(OAuthToken.builder().accessToken("1000.access.ana@example.com").build()))
                    .contains(saved);
        }

        Path database = CONFIG.directory().resolve("tokenstore.mv.db");
        TestKeys.assertNoPlaintext(database, TestKeys.secretsOf(saved));
        String url = "jdbc:h2:file:" + CONFIG.directory().resolve("tokenstore");
        try (TokenStore withKeys = TokenStores.jpa(url, "sa", "", EncryptionKeys.parse(KEYS))) {
            assertThat(withKeys.getTokens()).containsExactly(saved);
        }
        try (TokenStore withoutKeys = TokenStores.jpa(url, "sa", "")) {
            TokenStoreException e = catchThrowableOfType(TokenStoreException.class, withoutKeys::getTokens);
            assertThat(e.messageId()).isEqualTo("TOKENSTORE-0313");
            assertThat(e.getMessage()).contains("'k2'");
        }
    }
}
