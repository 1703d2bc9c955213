package io.github.tokenstore.cdi;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import org.jboss.weld.environment.se.WeldContainer;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No {@code tokenstore.*} key but the directory (standing in for the working directory): the JPA store
 * on an H2 file database there, which keeps tokens over a container restart.
 */
@EnableWeld
class CdiZeroConfigTest {

    @RegisterExtension
    static final TestConfig CONFIG = TestConfig.of();

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Containers.weld()).build();

    @Test
    void keepsTokensInAnH2FileDatabaseThatSurvivesARestart() {
        TokenStore store = weld.select(TokenStore.class).get();
        OAuthToken saved = store.saveToken(Tokens.of("ana@example.com"));

        assertThat(store.toString()).isEqualTo("the JPA token store (H2)");
        assertThat(CONFIG.directory().resolve("tokenstore.mv.db")).isRegularFile();

        weld.shutdown();
        try (WeldContainer restarted = Containers.weld().containerId("restarted").initialize()) {
            assertThat(restarted.select(TokenStore.class).get().findToken(Tokens.user("ana@example.com")))
                    .contains(saved);
        }
    }
}
