package io.github.tokenstore.cdi;

import io.github.tokenstore.TokenStoreException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A clean-up the store in use cannot do fails the deployment with its ID and whole message. The problems of
 * the {@code tokenstore.cleanup.*} values themselves: {@code ConfigProblemsTest}.
 */
class CdiCleanupErrorsTest {

    @Test
    void theFileStoreKeepsNoLastUse_0704() {
        assertProblem(Map.of("tokenstore.store", "file", "tokenstore.cleanup.idle-after", "P90D"), "TOKENSTORE-0704",
                "tokenstore.cleanup.idle-after is set, but the file store does not record when tokens were last used "
                        + "(it does not implement io.github.tokenstore.spi.IdleTokens); use the JPA or in-memory "
                        + "store, implement IdleTokens, or remove tokenstore.cleanup.idle-after");
    }

    private static void assertProblem(Map<String, String> config, String id, String text) {
        TokenStoreException problem = Deployments.onlyProblem(config);
        assertThat(problem.messageId()).isEqualTo(id);
        assertThat(problem.getMessage()).isEqualTo(id + ": " + text);
    }
}
