package io.github.tokenstore.file;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.core.CoreMessages;
import io.github.tokenstore.core.TokenCipher;
import io.github.tokenstore.core.TokenIndex;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Zoho Java SDK's token file layout: a header line, then one CSV record (RFC 4180 quoting) per
 * token. Values that hold a comma, a quote or a line break are quoted; others are written bare, so a
 * file of plain values reads the same as the SDK's own.
 *
 * <p>Columns of this library follow the SDK's ten when a token has a value for them: {@code data_center}
 * ({@link OAuthToken#dataCenter()}, empty for the configured default data center) and {@code account}
 * ({@link OAuthToken#account()}); then, when a token has a client or a refusal, {@code client}
 * ({@link OAuthToken#client()}, empty for the default client) and {@code refused_at}
 * ({@link OAuthToken#refusedAt()}, epoch milliseconds like {@code expiry_time}). A file none of whose tokens
 * has any of them keeps the SDK's exact layout, so an SDK sharing the file still reads it; files from before
 * these columns read as tokens without them.
 *
 * <p>An encrypted file ({@link TokenCipher}) has one more column, last, {@code encryption_key_id}, the key
 * of the line's client secret and tokens, which are stored as {@code v1:<key-id>:<base64>}; the other
 * values (the data center and the account too) stay readable. Lines with an empty key id are plaintext
 * (written before encryption was on).
 *
 * <p>Public only for the library's own token migration command ({@code io.github.tokenstore.migrate}),
 * which reads the older SDK layouts and exports stores to this one; not an API, may change in any release.
 */
public final class TokenCsv {

    /** The header of the Zoho SDK's layout, ten columns. */
    public static final String HEADER =
            "id,user_name,client_id,client_secret,refresh_token,access_token,grant_token,expiry_time,redirect_url,api_domain";
    /** Older SDKs call the second column {@code user_mail}. */
    private static final String OLD_HEADER = HEADER.replace("user_name", "user_mail");
    private static final int FIELDS = 10;
    /** The header of a file whose secrets are encrypted: the SDK's columns and the key id. */
    static final String ENCRYPTED_HEADER = HEADER + ",encryption_key_id";
    /** The header with this library's columns, for files where a token has a data center or an account. */
    static final String EXTENDED_HEADER = HEADER + ",data_center,account";
    /** The header with every column of this library, for files where a token has a client or a refusal. */
    static final String CLIENT_HEADER = EXTENDED_HEADER + ",client,refused_at";
    private static final String KEY_ID_COLUMN = ",encryption_key_id";

    private TokenCsv() {
    }

    /**
     * A whole file's bytes as UTF-8 text, strictly: no replacement characters for bytes that are not UTF-8.
     *
     * @throws CharacterCodingException if the bytes are not UTF-8 text; each caller reports it with its own
     *                                  message
     */
    public static String decode(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    /**
     * Writes every token in the Zoho SDK's ten columns ({@link #HEADER}), header first, ids as they are, in
     * plaintext. The data center and the account are left out: the SDK has no column for them.
     */
    public static String write(List<OAuthToken> tokens) {
        return write(tokens, null, false, false, new Sealed(), new Sealed());
    }

    /**
     * Writes every token as the file store keeps them, header first: with the columns {@code data_center}
     * and {@code account} if a token has either, and {@code client} and {@code refused_at} after them if a
     * token has either of those; with a {@code cipher} the secrets are encrypted with its active key.
     */
    static String write(List<OAuthToken> tokens, TokenCipher cipher) {
        return write(tokens, cipher, new Sealed(), new Sealed());
    }

    /**
     * As {@link #write(List, TokenCipher)}, taking a token's encrypted secrets from {@code previous} if it holds
     * that very token (the same instance) under the active key, and recording every token's in {@code next}: a
     * store that keeps {@code next} for its next write encrypts only the tokens that changed.
     */
    static String write(List<OAuthToken> tokens, TokenCipher cipher, Sealed previous, Sealed next) {
        boolean clients = tokens.stream().anyMatch(t -> t.client() != null || t.refusedAt() != null);
        boolean extended = clients || tokens.stream().anyMatch(t -> t.dataCenter() != null || t.account() != null);
        return write(tokens, cipher, extended, clients, previous, next);
    }

    private static String write(List<OAuthToken> tokens, TokenCipher cipher, boolean extended, boolean clients,
                                Sealed previous, Sealed next) {
        StringBuilder out = new StringBuilder(128 + tokens.size() * (cipher == null ? 256 : 512));
        String header = clients ? CLIENT_HEADER : extended ? EXTENDED_HEADER : HEADER;
        out.append(cipher == null ? header : header + KEY_ID_COLUMN).append('\n');
        for (OAuthToken t : tokens) {
            String id = t.id();
            String[] secrets = secrets(t, cipher, previous, next);
            field(out, id).append(',');
            field(out, t.userSignature() == null ? null : t.userSignature().name()).append(',');
            field(out, t.clientId()).append(',');
            field(out, secrets[0]).append(',');
            field(out, secrets[1]).append(',');
            field(out, secrets[2]).append(',');
            field(out, secrets[3]).append(',');
            field(out, t.expiresAt() == null ? null : Long.toString(t.expiresAt().toEpochMilli())).append(',');
            field(out, t.redirectUrl()).append(',');
            field(out, t.apiDomain());
            if (extended) {
                field(out.append(','), t.dataCenter()).append(',');
                field(out, t.account());
            }
            if (clients) {
                field(out.append(','), t.client()).append(',');
                field(out, t.refusedAt() == null ? null : Long.toString(t.refusedAt().toEpochMilli()));
            }
            if (cipher != null) {
                out.append(',').append(cipher.activeKeyId());
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** The client secret, refresh, access and grant token of {@code t} as written: encrypted if there is a cipher. */
    private static String[] secrets(OAuthToken t, TokenCipher cipher, Sealed previous, Sealed next) {
        if (cipher == null) {
            return new String[] {t.clientSecret(), t.refreshToken(), t.accessToken(), t.grantToken()};
        }
        Sealed.Entry kept = previous.rows.get(t);
        if (kept == null || !kept.keyId().equals(cipher.activeKeyId())) {
            String id = t.id();
            kept = new Sealed.Entry(cipher.activeKeyId(), new String[] {
                    cipher.encrypt("client_secret", id, t.clientSecret()),
                    cipher.encrypt("refresh_token", id, t.refreshToken()),
                    cipher.encrypt("access_token", id, t.accessToken()),
                    cipher.encrypt("grant_token", id, t.grantToken())});
        }
        next.rows.put(t, kept);
        return kept.secrets();
    }

    /**
     * The encrypted secrets of the tokens a store wrote last, by token instance (tokens are immutable, and a
     * store's index keeps the instance of a token it did not change). Holds ciphertext only; never shown.
     */
    static final class Sealed {
        private final Map<OAuthToken, Entry> rows = new IdentityHashMap<>();

        private record Entry(String keyId, String[] secrets) {
        }

        @Override
        public String toString() {
            return "Sealed[" + rows.size() + " tokens]";
        }
    }

    private static StringBuilder field(StringBuilder out, String value) {
        if (value == null) {
            return out;
        }
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            return out.append(value);
        }
        return out.append('"').append(value.replace("\"", "\"\"")).append('"');
    }

    /**
     * Reads a whole file.
     *
     * @throws io.github.tokenstore.TokenStoreException naming the file and line if it is not a token file
     */
    static TokenIndex read(Path file, String content) {
        return read(file, content, null);
    }

    /**
     * Reads a whole file, plaintext or encrypted.
     *
     * @param cipher decrypts an encrypted file, or {@code null}
     * @throws io.github.tokenstore.TokenStoreException naming the file and line if it is not a token file,
     *         or it is encrypted and {@code cipher} is null or lacks a key ({@code TOKENSTORE-0310}–{@code 0313})
     */
    static TokenIndex read(Path file, String content, TokenCipher cipher) {
        TokenIndex tokens = new TokenIndex();
        Parser parser = new Parser(file, content);
        if (content.isBlank()) {
            return tokens;
        }
        List<String> header = parser.next();
        String headerLine = String.join(",", header);
        boolean encrypted = headerLine.endsWith(KEY_ID_COLUMN);
        String columns = encrypted ? headerLine.substring(0, headerLine.length() - KEY_ID_COLUMN.length()) : headerLine;
        boolean clients = columns.equals(CLIENT_HEADER);
        boolean extended = clients || columns.equals(EXTENDED_HEADER);
        // The SDK's older header (user_mail) is read, never written, and never had this library's columns.
        if (!extended && !columns.equals(HEADER) && !(columns.equals(OLD_HEADER) && !encrypted)) {
            throw FileMessages.fileForeign(file, shownHeader(header), HEADER);
        }
        int fields = header.size();
        Map<String, Long> lineOfId = new HashMap<>();
        while (parser.hasNext()) {
            long line = parser.line;
            List<String> record = parser.next();
            if (record.size() == 1 && record.get(0).isEmpty()) {
                continue; // a blank line
            }
            if (record.size() != fields) {
                throw FileMessages.fileMalformed(file, line,
                        "expected " + fields + " fields, found " + record.size());
            }
            if (encrypted && !record.get(fields - 1).isEmpty()) {
                decrypt(file, line, record, record.get(fields - 1), cipher);
            }
            OAuthToken token = token(file, line, record, extended, clients);
            Long first = lineOfId.putIfAbsent(token.id(), line);
            if (first != null) {
                throw FileMessages.fileDuplicateId(file, line, first);
            }
            tokens.put(token);
        }
        return tokens;
    }

    /** Replaces the encrypted secrets of {@code r} by their plaintext. */
    private static void decrypt(Path file, long line, List<String> r, String keyId, TokenCipher cipher) {
        String where = file + " line " + line;
        if (cipher == null) {
            throw CoreMessages.encryptedWithoutKeys(where, keyId);
        }
        String[] names = {"client_secret", "refresh_token", "access_token", "grant_token"};
        for (int i = 0; i < names.length; i++) {
            String value = r.get(3 + i);
            if (!value.isEmpty()) {
                r.set(3 + i, cipher.decrypt(names[i], r.get(0), value, where + " column " + names[i]));
            }
        }
    }

    /**
     * The token of a record; {@code extended}: the record has {@code data_center} and {@code account} after
     * the SDK's ten; {@code clients}: and {@code client} and {@code refused_at} after those.
     */
    private static OAuthToken token(Path file, long line, List<String> r, boolean extended, boolean clients) {
        if (r.get(0).isEmpty()) {
            throw FileMessages.fileMalformed(file, line, "the id is empty");
        }
        Instant expiresAt = epochMillis(file, line, "expiry_time", r.get(7));
        Instant refusedAt = clients ? epochMillis(file, line, "refused_at", r.get(FIELDS + 3)) : null;
        try {
            return OAuthToken.builder()
                    .id(r.get(0))
                    .userSignature(r.get(1).isEmpty() ? null : new UserSignature(r.get(1)))
                    .clientId(r.get(2))
                    .clientSecret(r.get(3))
                    .refreshToken(r.get(4))
                    .accessToken(r.get(5))
                    .grantToken(r.get(6))
                    .expiresAt(expiresAt)
                    .redirectUrl(r.get(8))
                    .apiDomain(r.get(9))
                    .dataCenter(extended ? r.get(FIELDS) : null)
                    .account(extended ? r.get(FIELDS + 1) : null)
                    .client(clients ? r.get(FIELDS + 2) : null)
                    .refusedAt(refusedAt)
                    .build();
        } catch (IllegalArgumentException e) {
            throw FileMessages.fileValueRejected(file, line, e);
        }
    }

    private static Instant epochMillis(Path file, long line, String column, String value) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            return Instant.ofEpochMilli(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw FileMessages.fileMalformed(file, line, column + " is not a number of epoch milliseconds");
        }
    }

    /**
     * The first line for a message, only if it looks like a header (column-like names): a token file
     * without its header starts with a token line, whose secrets must not reach a message.
     */
    private static String shownHeader(List<String> header) {
        boolean headerLike = header.stream().allMatch(f -> f.matches("[A-Za-z_][A-Za-z0-9_ ]{0,39}"));
        return headerLike ? abbreviate(String.join(",", header)) : "(not shown: not a header line, it may hold tokens)";
    }

    /**
     * Splits a file of any column layout into records, without interpreting them: the first record is the
     * header; blank lines are left out.
     *
     * @throws io.github.tokenstore.TokenStoreException naming the file and line if a quoted value is broken
     */
    public static List<Record> records(Path file, String content) {
        List<Record> records = new ArrayList<>();
        Parser parser = new Parser(file, content);
        while (parser.hasNext()) {
            long line = parser.line;
            List<String> fields = parser.next();
            if (!(fields.size() == 1 && fields.get(0).isEmpty())) {
                records.add(new Record(line, List.copyOf(fields)));
            }
        }
        return records;
    }

    /** One CSV record and the physical line it starts on (from 1). */
    public record Record(long line, List<String> fields) {
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "…";
    }

    /** Splits RFC 4180 records, counting physical lines for messages. */
    private static final class Parser {
        private final Path file;
        private final String s;
        private int pos;
        /** The physical line the next record starts on, from 1. */
        private long line = 1;

        Parser(Path file, String content) {
            this.file = file;
            // A UTF-8 byte order mark is not part of the header.
            this.s = content.startsWith("\uFEFF") ? content.substring(1) : content;
        }

        boolean hasNext() {
            return pos < s.length();
        }

        List<String> next() {
            List<String> fields = new ArrayList<>(FIELDS);
            long start = line;
            StringBuilder value = new StringBuilder();
            boolean quoted = false;
            boolean afterQuote = false;
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (quoted) {
                    if (c == '"') {
                        if (pos < s.length() && s.charAt(pos) == '"') {
                            value.append('"');
                            pos++;
                        } else {
                            quoted = false;
                            afterQuote = true;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        value.append(c);
                    }
                    continue;
                }
                if (c == ',') {
                    fields.add(value.toString());
                    value.setLength(0);
                    afterQuote = false;
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && pos < s.length() && s.charAt(pos) == '\n') {
                        pos++;
                    }
                    line++;
                    fields.add(value.toString());
                    return fields;
                } else if (c == '"' && value.length() == 0 && !afterQuote) {
                    quoted = true;
                } else if (afterQuote) {
                    throw FileMessages.fileMalformed(file, line,
                            "text after a closing quote in field " + (fields.size() + 1));
                } else if (c == '"') {
                    throw FileMessages.fileMalformed(file, line,
                            "a quote inside an unquoted value in field " + (fields.size() + 1));
                } else {
                    value.append(c);
                }
            }
            if (quoted) {
                throw FileMessages.fileMalformed(file, start,
                        "a quoted value in field " + (fields.size() + 1) + " is never closed");
            }
            fields.add(value.toString());
            return fields;
        }
    }
}
