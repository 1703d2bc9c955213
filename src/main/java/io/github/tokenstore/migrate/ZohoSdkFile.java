package io.github.tokenstore.migrate;

import io.github.tokenstore.EncryptionKeys;
import io.github.tokenstore.core.TokenCipher;
import io.github.tokenstore.file.NumericIds;
import io.github.tokenstore.file.TokenCsv;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Reads a Zoho SDK {@code FileStore} token file ({@code sdk_tokens.txt}) of any of its layouts ({@link ZohoColumns}),
 * or this library's file store: with its {@code data_center} and {@code account} columns
 * ({@link ZohoColumns#LIBRARY_FILE_LAYOUT}), encrypted ({@link ZohoColumns#ENCRYPTED_FILE_LAYOUT},
 * {@link ZohoColumns#ENCRYPTED_LIBRARY_FILE_LAYOUT}) and decrypted with given keys.
 */
final class ZohoSdkFile {

    /** Largest file read: token files hold a few hundred bytes per user. */
    static final long MAX_BYTES = 256L * 1024 * 1024;

    private ZohoSdkFile() {
    }

    /**
     * The rows of {@code file}; a row with the wrong number of fields comes back with its problem.
     *
     * @throws io.github.tokenstore.TokenStoreException if the file is missing, unreadable, too large, not
     *                                                  UTF-8, broken CSV, or its header is no SDK layout
     */
    static SourceTokens read(Path file) {
        return read(file, null);
    }

    /**
     * As {@link #read(Path)}, and the library's encrypted file store too, decrypted with {@code keys}.
     *
     * @param keys the keys of an encrypted file, or {@code null}; a plaintext file does not need them
     * @throws io.github.tokenstore.TokenStoreException also if a row is encrypted and {@code keys} is null
     *                                                  (0413), its key is not among them (0310), it does not
     *                                                  decrypt with it (0311) or is no encrypted value (0312)
     */
    static SourceTokens read(Path file, EncryptionKeys keys) {
        // A file written with numeric ids (the file store's or export --numeric-ids) marks its largest id in the
        // header; the rows are in one of the layouts below all the same.
        String content = NumericIds.withoutMark(text(file));
        List<TokenCsv.Record> records = TokenCsv.records(file, content);
        if (records.isEmpty()) {
            return new SourceTokens("the empty Zoho SDK token file " + file, List.of());
        }
        List<String> header = records.get(0).fields().stream().map(String::strip).toList();
        if (header.equals(ZohoColumns.ENCRYPTED_FILE_LAYOUT) || header.equals(ZohoColumns.ENCRYPTED_LIBRARY_FILE_LAYOUT)) {
            return readEncrypted(file, records, header, keys);
        }
        boolean library = header.equals(ZohoColumns.LIBRARY_FILE_LAYOUT);
        if (!library && !ZohoColumns.FILE_LAYOUTS.contains(header)) {
            String shown = String.join(",", header);
            throw MigrationMessages.sourceLayoutUnknown(file, shown.length() <= 200 ? shown : shown.substring(0, 200) + "…",
                    ZohoColumns.FILE_LAYOUTS.stream().map(l -> String.join(",", l)).toList());
        }
        List<SourceRow> rows = rows(records, header.size(), (record, where) -> {
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                values.put(ZohoColumns.canonical(header.get(i)), record.fields().get(i));
            }
            return values;
        });
        return new SourceTokens((library ? "the library's token file " : "the Zoho SDK token file ") + file + " ("
                + header.size() + " columns: " + String.join(",", header) + ")", rows);
    }

    /**
     * The rows of the library's encrypted file store, their secrets decrypted. A key problem stops the
     * whole read (the same keys decrypt every row), so nothing is written with half the file.
     */
    private static SourceTokens readEncrypted(Path file, List<TokenCsv.Record> records, List<String> header,
                                              EncryptionKeys keys) {
        TokenCipher cipher = keys == null ? null : new TokenCipher(keys);
        List<SourceRow> rows = rows(records, header.size(), (record, where) -> {
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < header.size() - 1; i++) {
                values.put(header.get(i), record.fields().get(i));
            }
            String keyId = record.fields().get(header.size() - 1);
            if (!keyId.isEmpty()) {
                if (cipher == null) {
                    throw MigrationMessages.sourceEncryptedWithoutKeys(file, record.line(), keyId);
                }
                for (String column : ZohoColumns.ENCRYPTED_COLUMNS) {
                    String value = values.get(column);
                    if (!value.isEmpty()) {
                        // Bound to the column and the row's id, as the file store encrypted it.
                        values.put(column, cipher.decrypt(column, values.get(ZohoColumns.ID), value,
                                file + " " + where + " column " + column));
                    }
                }
            }
            return values;
        });
        return new SourceTokens("the library's encrypted token file " + file + " (" + header.size() + " columns: "
                + String.join(",", header) + ")", rows);
    }

    /**
     * One source row per record after the header: its values as {@code values} gives them, or unreadable if
     * the record has another number of fields than the header.
     */
    private static List<SourceRow> rows(List<TokenCsv.Record> records, int fields,
                                        BiFunction<TokenCsv.Record, String, Map<String, String>> values) {
        List<SourceRow> rows = new ArrayList<>(records.size() - 1);
        for (TokenCsv.Record record : records.subList(1, records.size())) {
            String where = "line " + record.line();
            rows.add(record.fields().size() != fields
                    ? SourceRow.unreadable(where, MigrationMessages.rowFieldCount(record.fields().size(), fields))
                    : new SourceRow(where, values.apply(record, where), null));
        }
        return rows;
    }

    private static String text(Path file) {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw MigrationMessages.sourceTooLarge("the source file " + file, MAX_BYTES, "bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw MigrationMessages.sourceFileMissing(file);
        } catch (IOException e) {
            throw MigrationMessages.sourceFileUnreadable(file, null, e);
        }
        try {
            return TokenCsv.decode(bytes);
        } catch (CharacterCodingException e) {
            throw MigrationMessages.sourceFileUnreadable(file, "it is not UTF-8 text", e);
        }
    }
}
