package io.github.tokenstore;

import io.github.tokenstore.core.CoreMessages;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys a store encrypts tokens with, each under a key id; the first key is the active one.
 *
 * <p>Saves encrypt with the active key; values encrypted with any listed key are read. To rotate, put
 * a new key first and keep the old ones after it until {@code reencryptAll()} of the store has run;
 * then the old keys can go. Built from the configuration form
 * {@code <key-id>:<base64 key>[,<key-id>:<base64 key>…]} ({@link #parse}), or key by key
 * ({@link #of}). A key is 32 random bytes, e.g. {@code openssl rand -base64 32}.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows the key ids only, never key material.
 */
public final class EncryptionKeys {

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,32}");
    private static final int KEY_BYTES = 32;

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;

    private EncryptionKeys(Map<String, SecretKey> keys) {
        this.keys = Collections.unmodifiableMap(keys);
        this.activeKeyId = keys.keySet().iterator().next();
    }

    /**
     * Parses {@code <key-id>:<base64 key>} entries separated by commas (spaces around entries are
     * ignored); the first is the active key.
     *
     * @throws IllegalArgumentException {@code TOKENSTORE-0300} if there is no entry, {@code 0301} if an
     *                                  entry is malformed (named by position, never echoed), {@code 0302}
     *                                  if a key is not 32 bytes of base64, {@code 0303} if a key id repeats
     */
    public static EncryptionKeys parse(String keys) {
        if (keys == null || keys.isBlank()) {
            throw CoreMessages.encryptionKeysMissing();
        }
        Map<String, SecretKey> parsed = new LinkedHashMap<>();
        String[] entries = keys.split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            int colon = entry.indexOf(':');
            if (colon <= 0 || !KEY_ID.matcher(entry.substring(0, colon)).matches()) {
                throw CoreMessages.encryptionKeyEntryMalformed(i + 1);
            }
            add(parsed, entry.substring(0, colon), entry.substring(colon + 1).strip());
        }
        return new EncryptionKeys(parsed);
    }

    /**
     * Keys from a map of key id to base64 key, in the map's iteration order (use a
     * {@code LinkedHashMap}); the first is the active key.
     *
     * @throws IllegalArgumentException as {@link #parse}
     */
    public static EncryptionKeys of(Map<String, String> base64KeysById) {
        if (base64KeysById == null || base64KeysById.isEmpty()) {
            throw CoreMessages.encryptionKeysMissing();
        }
        Map<String, SecretKey> parsed = new LinkedHashMap<>();
        int position = 0;
        for (Map.Entry<String, String> e : base64KeysById.entrySet()) {
            position++;
            if (e.getKey() == null || !KEY_ID.matcher(e.getKey()).matches() || e.getValue() == null) {
                throw CoreMessages.encryptionKeyEntryMalformed(position);
            }
            add(parsed, e.getKey(), e.getValue().strip());
        }
        return new EncryptionKeys(parsed);
    }

    /** A single key, active. @throws IllegalArgumentException as {@link #parse} */
    public static EncryptionKeys of(String keyId, String base64Key) {
        Map<String, String> one = new LinkedHashMap<>();
        one.put(keyId, base64Key);
        return of(one);
    }

    private static void add(Map<String, SecretKey> keys, String id, String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw CoreMessages.encryptionKeyInvalid(id, "is not base64");
        }
        try {
            if (bytes.length != KEY_BYTES) {
                throw CoreMessages.encryptionKeyInvalid(id, "has " + bytes.length + " bytes, not 32");
            }
            if (keys.containsKey(id)) {
                throw CoreMessages.encryptionKeyDuplicate(id);
            }
            keys.put(id, new SecretKeySpec(bytes, "AES"));
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** The id of the key new values are encrypted with: the first one. */
    public String activeKeyId() {
        return activeKeyId;
    }

    /** Every key id, the active one first. */
    public List<String> keyIds() {
        return new ArrayList<>(keys.keySet());
    }

    /**
     * The key with {@code keyId}, or {@code null} if none has that id. For the library's cipher; whoever
     * holds this object holds the keys, so keep it as private as the configuration it came from.
     */
    public SecretKey key(String keyId) {
        return keys.get(keyId);
    }

    @Override
    public String toString() {
        return "EncryptionKeys[active=" + activeKeyId + ", ids=" + keys.keySet() + "]";
    }
}
