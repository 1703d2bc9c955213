package io.github.tokenstore.security;

import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.core.TokenCipher;
import io.github.tokenstore.core.TokenHashes;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenCipherTest {

    private final String k1 = TestKeys.newKey();
    private final String k2 = TestKeys.newKey();
    private final TokenCipher cipher = new TokenCipher(TestKeys.keys("k1", k1));

    @Test
    void aValueRoundTripsAndEachEncryptionDiffers() {
        String a = cipher.encrypt("access_token", "row-1", "1000.abc.def");
        String b = cipher.encrypt("access_token", "row-1", "1000.abc.def");

        assertThat(a).startsWith("v1:k1:").isNotEqualTo(b).doesNotContain("1000.abc.def");
        assertThat(cipher.decrypt("access_token", "row-1", a, "here")).isEqualTo("1000.abc.def");
        assertThat(cipher.decrypt("access_token", "row-1", b, "here")).isEqualTo("1000.abc.def");
        assertThat(cipher.encrypt("access_token", "row-1", null)).isNull();
        assertThat(cipher.decrypt("x", "y", cipher.encrypt("x", "y", "Ünïcødé 𝄞 ,\"\n"), "w"))
                .isEqualTo("Ünïcødé 𝄞 ,\"\n");
    }

    @Test
    void aValueMovedToAnotherFieldOrRowDoesNotDecrypt() {
        String stored = cipher.encrypt("access_token", "row-1", "token");

        assertThatThrownBy(() -> cipher.decrypt("refresh_token", "row-1", stored, "row row-1 column refresh_token"))
                .isInstanceOf(TokenStoreException.class)
                .hasMessage("TOKENSTORE-0311: row row-1 column refresh_token cannot be decrypted with the key 'k1': "
                        + "the key with that id is not the one the value was encrypted with, or the stored value "
                        + "was altered");
        assertThatThrownBy(() -> cipher.decrypt("access_token", "row-2", stored, "w"))
                .hasMessageStartingWith("TOKENSTORE-0311: ");
    }

    @Test
    void aWrongKeyUnderTheSameIdIsAnErrorNamingTheKeyIdNeverGarbage() {
        String stored = cipher.encrypt("access_token", "row-1", "token");
        TokenCipher wrong = new TokenCipher(TestKeys.keys("k1", k2));

        assertThatThrownBy(() -> wrong.decrypt("access_token", "row-1", stored, "the value"))
                .isInstanceOf(TokenStoreException.class)
                .hasMessage("TOKENSTORE-0311: the value cannot be decrypted with the key 'k1': the key with that id "
                        + "is not the one the value was encrypted with, or the stored value was altered");
    }

    @Test
    void anAlteredValueIsDetected() {
        String stored = cipher.encrypt("access_token", "row-1", "token");
        byte[] bytes = Base64.getDecoder().decode(stored.substring("v1:k1:".length()));
        bytes[bytes.length - 20] ^= 1;
        String altered = "v1:k1:" + Base64.getEncoder().encodeToString(bytes);

        assertThatThrownBy(() -> cipher.decrypt("access_token", "row-1", altered, "w"))
                .hasMessageStartingWith("TOKENSTORE-0311: ");
        assertThatThrownBy(() -> cipher.decrypt("access_token", "row-1", "v1:k1:***", "w"))
                .hasMessage("TOKENSTORE-0312: w is marked encrypted but is not an encrypted value "
                        + "(v1:<key-id>:<base64>); the stored value was altered");
        assertThatThrownBy(() -> cipher.decrypt("access_token", "row-1", "plain", "w"))
                .hasMessageStartingWith("TOKENSTORE-0312: ");
    }

    @Test
    void aMissingKeyIsAnErrorNamingIt() {
        String stored = new TokenCipher(TestKeys.keys("old", k2)).encrypt("access_token", "r", "token");

        assertThatThrownBy(() -> cipher.decrypt("access_token", "r", stored, "the value"))
                .isInstanceOf(TokenStoreException.class)
                .hasMessage("TOKENSTORE-0310: the value is encrypted with the key 'old', which is not among the "
                        + "configured keys [k1]; add the key 'old' to tokenstore.encryption.keys (older keys stay "
                        + "listed after the active one until reencryptAll has run)");
    }

    @Test
    void olderKeysStillDecryptAndTheirLookupDigestsStillMatch() {
        String stored = cipher.encrypt("access_token", "r", "token");
        String digest = cipher.lookupDigest("access_token", "token");
        TokenCipher rotated = new TokenCipher(TestKeys.keys("k2", k2, "k1", k1));

        assertThat(rotated.decrypt("access_token", "r", stored, "w")).isEqualTo("token");
        assertThat(rotated.encrypt("access_token", "r", "token")).startsWith("v1:k2:");
        assertThat(rotated.lookupDigests("access_token", "token"))
                .containsExactly(rotated.lookupDigest("access_token", "token"), digest, TokenHashes.of("token"));
        assertThat(digest).hasSize(64).isNotEqualTo(TokenHashes.of("token"))
                .isNotEqualTo(cipher.lookupDigest("refresh_token", "token"));
    }

    @Test
    void toStringShowsNoKeyMaterial() {
        assertThat(cipher.toString()).isEqualTo("TokenCipher[AES/GCM/NoPadding, active=k1, ids=[k1]]");
    }
}
