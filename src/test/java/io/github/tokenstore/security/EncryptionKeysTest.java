package io.github.tokenstore.security;

import io.github.tokenstore.EncryptionKeys;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EncryptionKeysTest {

    @Test
    void theFirstKeyIsActiveAndToStringShowsIdsOnly() {
        String k2 = TestKeys.newKey();
        String k1 = TestKeys.newKey();
        EncryptionKeys keys = EncryptionKeys.parse(" k2:" + k2 + " , k1:" + k1);

        assertThat(keys.activeKeyId()).isEqualTo("k2");
        assertThat(keys.keyIds()).containsExactly("k2", "k1");
        assertThat(keys.key("k1").getEncoded()).isEqualTo(Base64.getDecoder().decode(k1));
        assertThat(keys.toString()).isEqualTo("EncryptionKeys[active=k2, ids=[k2, k1]]");
    }

    @Test
    void noKeyIsAClearError() {
        assertThatThrownBy(() -> EncryptionKeys.parse(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOKENSTORE-0300: tokenstore.encryption.keys: no key is given; give at least one entry "
                        + "<key-id>:<base64 of 32 random bytes>, e.g. from 'openssl rand -base64 32'");
    }

    @Test
    void aMalformedEntryIsNamedByPositionAndNeverEchoed() {
        String key = TestKeys.newKey();
        assertThatThrownBy(() -> EncryptionKeys.parse("k1:" + TestKeys.newKey() + "," + key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOKENSTORE-0301: tokenstore.encryption.keys: entry 2 is not <key-id>:<base64 key>; "
                        + "a key id is 1 to 32 characters of A-Z, a-z, 0-9, '.', '_' and '-'");
    }

    @Test
    void aShortKeyOrNonBase64IsNamedByItsId() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> EncryptionKeys.parse("old:" + shortKey))
                .hasMessage("TOKENSTORE-0302: tokenstore.encryption.keys: the key 'old' has 16 bytes, not 32; "
                        + "an AES-256 key is 32 random bytes in base64 (openssl rand -base64 32)")
                .hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> EncryptionKeys.parse("k:not*base64"))
                .hasMessage("TOKENSTORE-0302: tokenstore.encryption.keys: the key 'k' is not base64; "
                        + "an AES-256 key is 32 random bytes in base64 (openssl rand -base64 32)");
    }

    @Test
    void aRepeatedKeyIdIsAnError() {
        assertThatThrownBy(() -> EncryptionKeys.parse("k:" + TestKeys.newKey() + ",k:" + TestKeys.newKey()))
                .hasMessage("TOKENSTORE-0303: tokenstore.encryption.keys: the key id 'k' is given twice; "
                        + "every key needs its own id");
    }
}
