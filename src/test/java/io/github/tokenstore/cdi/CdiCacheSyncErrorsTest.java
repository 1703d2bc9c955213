package io.github.tokenstore.cdi;

import io.github.tokenstore.TokenStoreException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A {@code tokenstore.cache.sync-interval} the library cannot use fails the deployment with its ID and message. */
class CdiCacheSyncErrorsTest {

    @Test
    void anIntervalThatIsNoDurationFailsTheDeployment_1150() {
        assertProblem(Map.of("tokenstore.cache.sync-interval", "two seconds"), "TOKENSTORE-1150",
                "tokenstore.cache.sync-interval=two seconds is not an ISO-8601 duration (e.g. PT2S), 0 or off; set a "
                        + "duration, or off to keep each JVM's cache until its tokens expire");
    }

    @Test
    void anIntervalOutOfRangeFailsTheDeployment_1151() {
        assertProblem(Map.of("tokenstore.cache.sync-interval", "PT1H"), "TOKENSTORE-1151",
                "tokenstore.cache.sync-interval=PT1H is out of range: it must be at least PT0.1S (each poll is a query) "
                        + "and at most PT5M (changes are kept that long), or 0 or off");
    }

    private static void assertProblem(Map<String, String> config, String id, String text) {
        TokenStoreException problem = Deployments.onlyProblem(config);
        assertThat(problem.messageId()).isEqualTo(id);
        assertThat(problem.getMessage()).isEqualTo(id + ": " + text);
    }
}
