package io.github.tokenstore.cdi;

import io.github.tokenstore.OAuthToken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Fixed test keys for {@code tokenstore.encryption.keys}, and a check that raw bytes hold no secret. */
final class TestKeys {

    /** 32 bytes 1…32 in base64: a valid AES-256 key. */
    static final String K1 = key(1);
    /** 32 bytes 33…64 in base64. */
    static final String K2 = key(33);

    private TestKeys() {
    }

    private static String key(int first) {
        byte[] bytes = new byte[32];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (first + i);
        }
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The secrets of {@code token}: client secret, refresh, access and grant token, whichever are set. */
    static List<String> secretsOf(OAuthToken token) {
        return Stream.of(token.clientSecret(), token.refreshToken(), token.accessToken(),
                token.grantToken()).filter(Objects::nonNull).toList();
    }

    /** Asserts that the file's bytes, read as ISO-8859-1 (any byte is a character), hold none of the secrets. */
    static void assertNoPlaintext(Path file, List<String> secrets) throws IOException {
        String raw = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertThat(secrets).isNotEmpty();
        for (String secret : secrets) {
            assertThat(raw).as(file + " holds no " + secret).doesNotContain(secret);
        }
    }
}
