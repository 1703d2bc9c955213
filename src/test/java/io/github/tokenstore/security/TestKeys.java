package io.github.tokenstore.security;

import io.github.tokenstore.EncryptionKeys;
import io.github.tokenstore.OAuthToken;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keys and tokens with recognizable secret values for the security tests. Each call gives new values, but
 * the sequence is the same in every run (derived from a counter, not drawn at random), so a failure repeats.
 */
public final class TestKeys {

    /** Numbers the keys and markers of this JVM. */
    private static final AtomicLong NEXT = new AtomicLong();

    private TestKeys() {
    }

    /** A new base64 AES-256 key (the SHA-256 of a counter), in the form {@code openssl rand -base64 32} gives. */
    public static String newKey() {
        try {
            byte[] key = MessageDigest.getInstance("SHA-256")
                    .digest(("tokenstore test key " + NEXT.incrementAndGet()).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(key);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Keys from id, base64 pairs; the first is active. */
    public static EncryptionKeys keys(String... idsAndKeys) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < idsAndKeys.length; i += 2) {
            map.put(idsAndKeys[i], idsAndKeys[i + 1]);
        }
        return EncryptionKeys.of(map);
    }

    /** A token whose client secret and tokens are unique marker strings, listed by {@link #secretsOf}. */
    public static OAuthToken secretToken(String user) {
        // Unique within the JVM, and long enough never to occur by chance in ciphertext or a log.
        String tag = String.format("%016x", 0x5eed_0000_0000_0000L + NEXT.incrementAndGet());
        return OAuthToken.builder().user(user).clientId("client-" + user)
                .clientSecret("SECRETcs" + tag).accessToken("SECRETat" + tag)
                .refreshToken("SECRETrt" + tag).grantToken("SECRETgt" + tag)
                .apiDomain("https://www.zohoapis.eu").build();
    }

    /** The client secret and tokens of a token. */
    public static List<String> secretsOf(OAuthToken t) {
        return List.of(t.clientSecret(), t.accessToken(), t.refreshToken(), t.grantToken());
    }
}
