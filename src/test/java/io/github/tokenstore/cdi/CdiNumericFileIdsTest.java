package io.github.tokenstore.cdi;

import com.zoho.api.authenticator.OAuthToken;
import com.zoho.crm.api.UserSignature;
import io.github.tokenstore.TokenStore;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tokenstore.file.ids=numeric}: the file store gives decimal ids, so the file stays one the Zoho
 * SDK's own {@code FileStore} can add to; the SDK's store bean writes into it through the bridge.
 */
@EnableWeld
class CdiNumericFileIdsTest {

    @RegisterExtension
    static final TestConfig CONFIG = TestConfig.of("tokenstore.store", "file", "tokenstore.file.ids", "numeric");

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Containers.weld()).build();

    @Test
    void theFileStoreGivesNumericIdsThatAreNeverReused() throws Exception {
        TokenStore store = weld.select(TokenStore.class).get();
        assertThat(store.saveToken(Tokens.of("ana@example.com")).id()).isEqualTo("1");
        com.zoho.api.authenticator.store.TokenStore sdk =
                weld.select(com.zoho.api.authenticator.store.TokenStore.class).get();
        OAuthToken bob = new OAuthToken();
        bob.setUserSignature(new UserSignature("bob@example.com"));
        bob.setAccessToken("1000.access.bob");
        sdk.saveToken(bob);
        assertThat(bob.getId()).isEqualTo("2");
        sdk.deleteToken("2");

        assertThat(store.saveToken(Tokens.of("carl@example.com")).id()).isEqualTo("3");
        Path file = CONFIG.directory().resolve("sdk_tokens.txt");
        assertThat(Files.readAllLines(file).get(0)).endsWith(",api_domain,tokenstore_last_id=3");
    }
}
