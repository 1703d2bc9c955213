package io.github.tokenstore.cdi;

import io.github.tokenstore.TokenStoreException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A bad {@code tokenstore.cleanup.*} value fails the deployment with its ID and whole message. */
class CdiCleanupErrorsTest {

    @Test
    void idleAfterNotADuration_0320() {
        assertProblem(Map.of("tokenstore.cleanup.idle-after", "90 days"), "TOKENSTORE-0320",
                "tokenstore.cleanup.idle-after is 90 days; it must be a positive ISO-8601 duration of at least one "
                        + "hour, e.g. P90D");
    }

    @Test
    void idleAfterShorterThanAnHour_0320() {
        assertProblem(Map.of("tokenstore.cleanup.idle-after", "PT59M"), "TOKENSTORE-0320",
                "tokenstore.cleanup.idle-after is PT59M; it must be a positive ISO-8601 duration of at least one "
                        + "hour, e.g. P90D");
    }

    @Test
    void intervalNotADuration_0501() {
        assertProblem(Map.of("tokenstore.cleanup.idle-after", "P90D", "tokenstore.cleanup.interval", "6h"),
                "TOKENSTORE-0501", "tokenstore.cleanup.interval=6h is not an ISO-8601 duration, e.g. PT5M or PT30S");
    }

    @Test
    void intervalNotPositive_0502() {
        assertProblem(Map.of("tokenstore.cleanup.idle-after", "P90D", "tokenstore.cleanup.interval", "PT0S"),
                "TOKENSTORE-0502", "tokenstore.cleanup.interval=PT0S: it must be positive");
    }

    @Test
    void intervalWithoutIdleAfter_0703() {
        assertProblem(Map.of("tokenstore.cleanup.interval", "PT1H"), "TOKENSTORE-0703",
                "tokenstore.cleanup.interval=PT1H is set but tokenstore.cleanup.idle-after is not, and without it no "
                        + "clean-up runs; set tokenstore.cleanup.idle-after (e.g. P90D) or remove "
                        + "tokenstore.cleanup.interval");
    }

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
