package io.github.tokenstore.cdi;

import io.github.tokenstore.TokenStoreException;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bad {@code tokenstore.encryption.keys} fails the deployment with the whole message, which names entries
 * by position and keys by id and never shows key material.
 */
class CdiEncryptionKeysErrorsTest {

    private static final String KEYS = "tokenstore.encryption.keys";

    @Test
    void anEntryWithoutKeyId_0301() {
        assertProblem("k1:" + TestKeys.K1 + "," + TestKeys.K2, TestKeys.K2, "TOKENSTORE-0301",
                "tokenstore.encryption.keys: entry 2 is not <key-id>:<base64 key>; a key id is 1 to 32 characters "
                        + "of A-Z, a-z, 0-9, '.', '_' and '-'");
    }

    @Test
    void aKeyThatIsNotBase64_0302() {
        assertProblem("k1:s3cret*not*base64", "s3cret", "TOKENSTORE-0302",
                "tokenstore.encryption.keys: the key 'k1' is not base64; an AES-256 key is 32 random bytes in "
                        + "base64 (openssl rand -base64 32)");
    }

    @Test
    void aKeyOfTheWrongLength_0302() {
        String short16 = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes());
        assertProblem("old:" + short16, short16, "TOKENSTORE-0302",
                "tokenstore.encryption.keys: the key 'old' has 16 bytes, not 32; an AES-256 key is 32 random bytes "
                        + "in base64 (openssl rand -base64 32)");
    }

    @Test
    void aKeyIdGivenTwice_0303() {
        assertProblem("k1:" + TestKeys.K1 + ",k1:" + TestKeys.K2, TestKeys.K2, "TOKENSTORE-0303",
                "tokenstore.encryption.keys: the key id 'k1' is given twice; every key needs its own id");
    }

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

    private static void assertProblem(String keys, String material, String id, String text) {
        Throwable failure = Deployments.failure(Map.of(KEYS, keys));
        TokenStoreException problem = Deployments.onlyProblem(Map.of(KEYS, keys));
        assertThat(problem.messageId()).isEqualTo(id);
        assertThat(problem.getMessage()).isEqualTo(id + ": " + text);
        assertThat(failure.getMessage()).doesNotContain(material).doesNotContain(keys);
    }
}
