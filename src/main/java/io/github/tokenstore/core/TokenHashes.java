package io.github.tokenstore.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Lookup keys for token values: a SHA-256 digest, 64 hex characters. Databases index these instead of
 * the tokens themselves, which may be longer than an index entry allows.
 */
public final class TokenHashes {

    private TokenHashes() {
    }

    /** The lookup key of {@code value}, or {@code null} for {@code null}. */
    public static String of(String value) {
        if (value == null) {
            return null;
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256.
            throw new IllegalStateException(e);
        }
    }
}
