package io.github.tokenstore.cdi;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import org.jboss.weld.environment.se.WeldContainer;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tokenstore.store=memory}: one store for the application, nothing written, nothing kept. */
@EnableWeld
class CdiMemoryStoreTest {

    @RegisterExtension
    static final TestConfig CONFIG = TestConfig.of("tokenstore.store", "memory");

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Containers.weld()).build();

    @Test
    void sharesOneStoreInTheApplicationAndKeepsNothingOverARestart() throws IOException {
        OAuthToken saved = weld.select(TokenStore.class).get().saveToken(Tokens.of("ana@example.com"));
        assertThat(weld.select(TokenStore.class).get().findToken(Tokens.user("ana@example.com"))).contains(saved);

        weld.shutdown();
        try (WeldContainer restarted = Containers.weld().containerId("restarted").initialize()) {
            assertThat(restarted.select(TokenStore.class).get().getTokens()).isEmpty();
        }
        try (Stream<?> files = Files.list(CONFIG.directory())) {
            assertThat(files).isEmpty();
        }
    }
}
