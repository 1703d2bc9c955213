package io.github.tokenstore.cdi;

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

/** {@code tokenstore.store=file} with {@code tokenstore.file.path}: the Zoho SDK's CSV file there. */
@EnableWeld
class CdiFileStoreTest {

    @RegisterExtension
    static final TestConfig CONFIG = TestConfig.of(
            "tokenstore.store", "file",
            "tokenstore.file.path", "{dir}/tokens.csv");

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Containers.weld()).build();

    @Test
    void keepsTokensInTheConfiguredCsvFile() throws IOException {
        OAuthToken saved = weld.select(TokenStore.class).get().saveToken(Tokens.of("ana@example.com"));

        Path file = CONFIG.directory().resolve("tokens.csv");
        assertThat(Files.readAllLines(file).get(0)).isEqualTo("id,user_name,client_id,client_secret,"
                + "refresh_token,access_token,grant_token,expiry_time,redirect_url,api_domain");
        try (TokenStore sameFile = TokenStores.file(file)) {
            assertThat(sameFile.getTokens()).containsExactly(saved);
        }
        assertThat(CONFIG.directory().resolve("tokenstore.mv.db")).doesNotExist();
    }
}
