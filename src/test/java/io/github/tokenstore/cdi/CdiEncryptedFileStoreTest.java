package io.github.tokenstore.cdi;

import io.github.tokenstore.EncryptionKeys;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStores;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tokenstore.encryption.keys} with the file store: the CSV file holds no secret in plaintext. */
@EnableWeld
class CdiEncryptedFileStoreTest {

    @RegisterExtension
    static final TestConfig CONFIG = TestConfig.of(
            "tokenstore.store", "file",
            "tokenstore.file.path", "{dir}/tokens.csv",
            "tokenstore.encryption.keys", "k1:" + TestKeys.K1);

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Containers.weld()).build();

    @Test
    void keepsTheSecretsEncryptedInTheCsvFile() throws IOException {
        TokenStore store = weld.select(TokenStore.class).get();
        OAuthToken saved = store.saveToken(Tokens.of("ana@example.com"));
        assertThat(store.findToken(Tokens.user("ana@example.com"))).contains(saved);

        Path file = CONFIG.directory().resolve("tokens.csv");
        TestKeys.assertNoPlaintext(file, TestKeys.secretsOf(saved));
        assertThat(Files.readAllLines(file).get(0)).endsWith(",encryption_key_id");
        try (TokenStore sameFile = TokenStores.file(file, EncryptionKeys.of("k1", TestKeys.K1))) {
            assertThat(sameFile.getTokens()).containsExactly(saved);
        }
    }
}
