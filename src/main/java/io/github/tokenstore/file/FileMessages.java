package io.github.tokenstore.file;

import io.github.tokenstore.TokenStoreException;

import java.nio.file.Path;

/**
 * The file store's messages ({@code TOKENSTORE-0030}–{@code 0039}): a token file it will not
 * read. Other store messages are in {@link io.github.tokenstore.core.CoreMessages}.
 */
final class FileMessages {

    private FileMessages() {
    }

    private static String msg(String id, String text) {
        return id + ": " + text;
    }

    private static TokenStoreException failure(String id, String text, Throwable cause) {
        return new TokenStoreException(id, msg(id, text), cause);
    }

    static TokenStoreException fileMalformed(Path file, long line, String problem) {
        return failure("TOKENSTORE-0030", file + " line " + line + ": " + problem
                + "; the file was left as it is (fix or move it)", null);
    }

    static TokenStoreException fileForeign(Path file, String header, String expected) {
        return failure("TOKENSTORE-0031", file + " line 1: the header '" + header + "' is not the token file header '"
                + expected + "'; the file was left as it is (is it the right file?)", null);
    }

    static TokenStoreException fileDuplicateId(Path file, long line, long firstLine) {
        return failure("TOKENSTORE-0032", file + " line " + line + ": the id of line " + firstLine
                + " appears again; the file was left as it is (fix or move it)", null);
    }

    static TokenStoreException fileValueRejected(Path file, long line, IllegalArgumentException cause) {
        return failure("TOKENSTORE-0033", file + " line " + line + ": " + cause.getMessage()
                + "; the file was left as it is (fix or move it)", cause);
    }
}
