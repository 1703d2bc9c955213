package io.github.tokenstore.migrate;

import io.github.tokenstore.TokenStoreMessages;
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

/** Reads a Zoho SDK {@code FileStore} token file ({@code sdk_tokens.txt}) of any of its layouts ({@link ZohoColumns}). */
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
        String content = text(file);
        List<TokenCsv.Record> records = TokenCsv.records(file, content);
        if (records.isEmpty()) {
            return new SourceTokens("the empty Zoho SDK token file " + file, List.of());
        }
        List<String> header = records.get(0).fields().stream().map(String::strip).toList();
        if (!ZohoColumns.FILE_LAYOUTS.contains(header)) {
            String shown = String.join(",", header);
            throw TokenStoreMessages.sourceLayoutUnknown(file, shown.length() <= 200 ? shown : shown.substring(0, 200) + "…",
                    ZohoColumns.FILE_LAYOUTS.stream().map(l -> String.join(",", l)).toList());
        }
        List<SourceRow> rows = new ArrayList<>(records.size() - 1);
        for (TokenCsv.Record record : records.subList(1, records.size())) {
            String where = "line " + record.line();
            if (record.fields().size() != header.size()) {
                rows.add(SourceRow.unreadable(where,
                        TokenStoreMessages.rowFieldCount(record.fields().size(), header.size())));
                continue;
            }
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                values.put(ZohoColumns.canonical(header.get(i)), record.fields().get(i));
            }
            rows.add(new SourceRow(where, values, null));
        }
        return new SourceTokens("the Zoho SDK token file " + file + " (" + header.size() + " columns: "
                + String.join(",", header) + ")", rows);
    }

    private static String text(Path file) {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw TokenStoreMessages.sourceTooLarge("the source file " + file, MAX_BYTES, "bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw TokenStoreMessages.sourceFileMissing(file);
        } catch (IOException e) {
            throw TokenStoreMessages.sourceFileUnreadable(file, null, e);
        }
        try {
            return TokenCsv.decode(bytes);
        } catch (CharacterCodingException e) {
            throw TokenStoreMessages.sourceFileUnreadable(file, "it is not UTF-8 text", e);
        }
    }
}
