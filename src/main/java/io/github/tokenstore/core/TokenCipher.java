package io.github.tokenstore.core;

import io.github.tokenstore.EncryptionKeys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts stored values with the JDK's AES/GCM/NoPadding and makes their lookup digests, for stores
 * with {@link EncryptionKeys}.
 *
 * <ul>
 *   <li>A value becomes {@code v1:<key-id>:<base64(iv ‖ ciphertext ‖ tag)>} with a random 96-bit IV per
 *       value and a 128-bit tag. The associated data binds it to its key id, its field and its row (the
 *       token's id): a value copied into another field or row fails to decrypt instead of being read.</li>
 *   <li>Each configured key is not used as it is: two keys are derived from it (HKDF-Expand with
 *       HMAC-SHA-256, one block each): one encrypts, one makes lookup digests.</li>
 *   <li>Lookup digests are HMAC-SHA-256 of the field name and the value under the active key's lookup
 *       key (64 hex characters, like the plain SHA-256 digests of unencrypted rows). A row's digest is
 *       made with the key its values are encrypted with, so it changes with them on re-encryption; a
 *       lookup tries the digest under every configured key, and the plain SHA-256 of rows written before
 *       encryption was turned on. Rotation never loses a lookup.</li>
 * </ul>
 * A missing key, a wrong key or an altered value is a {@code TokenStoreException} naming the key id and
 * where the value is; never a wrong value. Thread-safe.
 */
public final class TokenCipher {

    /** The prefix of an encrypted value's format version. */
    public static final String VERSION = "v1";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EncryptionKeys keys;
    private final Map<String, SecretKey> encryptionKeys = new LinkedHashMap<>();
    private final Map<String, SecretKey> lookupKeys = new LinkedHashMap<>();

    /**
     * @throws IllegalArgumentException if {@code keys} is null
     */
    public TokenCipher(EncryptionKeys keys) {
        if (keys == null) {
            throw CoreMessages.nullArgument("TokenCipher", "keys");
        }
        this.keys = keys;
        for (String id : keys.keyIds()) {
            SecretKey master = keys.key(id);
            encryptionKeys.put(id, derive(master, "tokenstore-cdi v1 encryption", "AES"));
            lookupKeys.put(id, derive(master, "tokenstore-cdi v1 lookup", "HmacSHA256"));
        }
    }

    /** The id of the key {@link #encrypt} uses. */
    public String activeKeyId() {
        return keys.activeKeyId();
    }

    /** Every configured key id, the active one first. */
    public List<String> keyIds() {
        return keys.keyIds();
    }

    /**
     * The stored form of {@code plaintext}, encrypted with the active key; {@code null} for {@code null}.
     *
     * @param field the column or field name it is stored under
     * @param row   the id of the token it belongs to
     */
    public String encrypt(String field, String row, String plaintext) {
        if (plaintext == null) {
            return null;
        }
        String keyId = activeKeyId();
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKeys.get(keyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad(keyId, field, row));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out = ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed);
            return VERSION + ":" + keyId + ":" + Base64.getEncoder().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            // Every Java platform has AES/GCM/NoPadding; a failure here is a broken JDK.
            throw new IllegalStateException("AES/GCM encryption failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * The plaintext of a value {@link #encrypt} made for the same field and row; {@code null} for
     * {@code null}.
     *
     * @param where names the value in messages (e.g. {@code "row 42 column access_token"})
     * @throws io.github.tokenstore.TokenStoreException {@code TOKENSTORE-0310} if its key is not configured,
     *         {@code 0311} if it does not decrypt (wrong key, altered value, moved to another field or row),
     *         {@code 0312} if it is not in the encrypted format
     */
    public String decrypt(String field, String row, String stored, String where) {
        if (stored == null) {
            return null;
        }
        String keyId = keyIdOf(stored);
        if (keyId == null) {
            throw CoreMessages.encryptedValueMalformed(where);
        }
        SecretKey key = encryptionKeys.get(keyId);
        if (key == null) {
            throw CoreMessages.encryptionKeyUnknown(where, keyId, keyIds());
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(stored.substring(VERSION.length() + keyId.length() + 2));
        } catch (IllegalArgumentException e) {
            throw CoreMessages.encryptedValueMalformed(where);
        }
        if (bytes.length < IV_BYTES + TAG_BITS / 8) {
            throw CoreMessages.encryptedValueMalformed(where);
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(aad(keyId, field, row));
            byte[] plain = cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw CoreMessages.decryptionFailed(where, keyId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM decryption failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * The key id of an encrypted value ({@code v1:<key-id>:…}), or {@code null} if it is not in that
     * format.
     */
    public static String keyIdOf(String stored) {
        if (stored == null || !stored.startsWith(VERSION + ":")) {
            return null;
        }
        int end = stored.indexOf(':', VERSION.length() + 1);
        if (end <= VERSION.length() + 1) {
            return null;
        }
        return stored.substring(VERSION.length() + 1, end);
    }

    /** The lookup digest of {@code value} in {@code field} under the active key; {@code null} for null. */
    public String lookupDigest(String field, String value) {
        return value == null ? null : hmac(lookupKeys.get(activeKeyId()), field, value);
    }

    /**
     * Every digest a stored row of {@code value} may carry: under each configured key, then the plain
     * SHA-256 of rows stored before encryption was on.
     */
    public List<String> lookupDigests(String field, String value) {
        List<String> digests = new ArrayList<>(lookupKeys.size() + 1);
        for (SecretKey key : lookupKeys.values()) {
            digests.add(hmac(key, field, value));
        }
        digests.add(TokenHashes.of(value));
        return digests;
    }

    @Override
    public String toString() {
        return "TokenCipher[" + TRANSFORMATION + ", active=" + activeKeyId() + ", ids=" + keyIds() + "]";
    }

    private static byte[] aad(String keyId, String field, String row) {
        return (VERSION + "\u0000" + keyId + "\u0000" + field + "\u0000" + (row == null ? "" : row))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String hmac(SecretKey key, String field, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(field.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /** HKDF-Expand (RFC 5869) of one 32-byte block; the configured key is uniformly random, so it is the PRK. */
    private static SecretKey derive(SecretKey master, String info, String algorithm) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master.getEncoded(), "HmacSHA256"));
            mac.update(info.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 1);
            return new SecretKeySpec(mac.doFinal(), algorithm);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 failed: " + e.getClass().getSimpleName(), e);
        }
    }
}
