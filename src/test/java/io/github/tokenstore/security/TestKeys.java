package io.github.tokenstore.security;

import io.github.tokenstore.EncryptionKeys;
import io.github.tokenstore.OAuthToken;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Random keys and tokens with recognizable secret values for the security tests. */
public final class TestKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestKeys() {
    }

    /** A fresh base64 AES-256 key, as {@code openssl rand -base64 32} makes one. */
    public static String newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
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
        String tag = Long.toHexString(RANDOM.nextLong());
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
