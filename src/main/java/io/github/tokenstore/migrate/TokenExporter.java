package io.github.tokenstore.migrate;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.file.NumericIds;
import io.github.tokenstore.file.TokenCsv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Writes every token of a store to a file in the Zoho Java SDK's current 10-column layout
 * ({@link TokenCsv#HEADER}), ids as the store has them, so the file store ({@code TokenStores.file}) and
 * the SDK's {@code FileStore} read it. The file appears whole or not at all (a temporary file beside it,
 * forced to disk, then renamed) and is readable by its owner only: it holds secrets.
 */
final class TokenExporter {

    private static final FileAttribute<?>[] OWNER_ONLY =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                    : new FileAttribute<?>[0];

    private TokenExporter() {
    }

    /**
     * Exports a store.
     *
     * @return the number of tokens written
     * @throws io.github.tokenstore.TokenStoreException if the file exists and {@code overwrite} is false
     *                                                  ({@code 0410}), writing fails ({@code 0411}), or the
     *                                                  store fails
     */
    static int export(TokenStore store, Path file, boolean overwrite) {
        checkTarget(file, overwrite);
        List<OAuthToken> tokens = store.getTokens();
        write(tokens, file, overwrite);
        return tokens.size();
    }

    /** Fails early, before the store is read, if the file exists and may not be replaced. */
    static void checkTarget(Path file, boolean overwrite) {
        if (!overwrite && Files.exists(file)) {
            throw MigrationMessages.exportFileExists(file);
        }
    }

    /** Writes the tokens to the file, atomically and owner-only. */
    static void write(List<OAuthToken> tokens, Path file, boolean overwrite) {
        write(tokens, file, overwrite, 0);
    }

    /**
     * Writes the tokens to the file, atomically and owner-only; {@code lastId} above 0 goes into the header as
     * the largest numeric id given out ({@link NumericIds}).
     */
    static void write(List<OAuthToken> tokens, Path file, boolean overwrite, long lastId) {
        Path target = file.toAbsolutePath().normalize();
        String content = TokenCsv.write(tokens);
        byte[] bytes = (lastId > 0 ? NumericIds.withMark(content, lastId) : content).getBytes(StandardCharsets.UTF_8);
        Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(temp,
                    Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), OWNER_ONLY)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            move(temp, target, overwrite);
        } catch (FileAlreadyExistsException e) {
            throw MigrationMessages.exportFileExists(file);
        } catch (IOException e) {
            throw MigrationMessages.exportFailed(file, e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // Best effort: the temporary file is hidden and holds what the export file holds.
            }
        }
    }

    private static void move(Path temp, Path target, boolean overwrite) throws IOException {
        if (!overwrite) {
            // No replace: a file created meanwhile is not overwritten (FileAlreadyExistsException).
            Files.move(temp, target);
            return;
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
