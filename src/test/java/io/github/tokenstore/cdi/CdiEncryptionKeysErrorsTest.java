package io.github.tokenstore.cdi;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bad {@code tokenstore.encryption.keys} fails the deployment with the other problems, and the
 * deployment's failure never shows key material. Each problem with its whole message, which names entries
 * by position and keys by id: {@code ConfigProblemsTest}.
 */
class CdiEncryptionKeysErrorsTest {

    private static final String KEYS = "tokenstore.encryption.keys";

    @Test
    void isReportedWithTheOtherProblems() {
        Throwable failure = Deployments.failure(Map.of("tokenstore.store", "mongo", KEYS, "k1:" + TestKeys.K1 + ",k1:"
                + TestKeys.K2));

        assertThat(Deployments.problemMessages(failure)).containsExactly(
                "TOKENSTORE-0101: tokenstore.store=mongo is not one of jpa, file, memory",
                "TOKENSTORE-0303: tokenstore.encryption.keys: the key id 'k1' is given twice; every key needs its "
                        + "own id");
        assertThat(failure.getMessage()).doesNotContain(TestKeys.K1).doesNotContain(TestKeys.K2);
    }
}
