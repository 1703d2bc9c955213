package io.github.tokenstore.file;

import io.github.tokenstore.EncryptionKeys;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.core.CoreMessages;
import io.github.tokenstore.core.TokenCipher;
import io.github.tokenstore.core.TokenIndex;
import io.github.tokenstore.core.TokenIds;
import io.github.tokenstore.core.TokenMatch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A {@link TokenStore} in a CSV file with the Zoho Java SDK's layout ({@code sdk_tokens.txt}), so an
 * existing SDK token file keeps working.
 *
 * <ul>
 *   <li>Every write is atomic: the whole file is written to a temporary file beside it, forced to disk
 *       and renamed over the old one. A crash leaves either the old or the new file, never a mix.</li>
 *   <li>Writers hold a lock that holds between threads, between store instances on the same file and
 *       between processes (a {@link FileLock} on {@code <file>.lock}).</li>
 *   <li>A writer killed mid-write leaves its temporary file ({@code .<file name>.<UUID>.tmp}). The store
 *       removes such leftovers of its file, and nothing else, while it holds the write lock: when it is
 *       created (if no other writer holds the lock then) and before every write. A temporary file exists
 *       only while its writer holds the lock, so one found under the lock belongs to a dead writer.</li>
 *   <li>The file and its lock file are created readable and writable by the owner only (0600).</li>
 *   <li>A file that is not a token file, or is corrupt, is a {@link TokenStoreException} naming the file
 *       and line; it is never emptied or overwritten.</li>
 *   <li>Reads are served from the last parsed content while the file is unchanged.</li>
 *   <li>With {@link EncryptionKeys} the client secret and the tokens are stored AES-GCM encrypted
 *       ({@link TokenCipher}), with one more column, {@code encryption_key_id}; every write writes the
 *       whole file with every token under the active key. A token's secrets are encrypted once: the store keeps
 *       the ciphertext of the tokens it wrote and reuses it for those a later write leaves unchanged, so a save
 *       encrypts one token, not the whole file. Tokens read from the file (a plaintext file, or one another
 *       process wrote) are encrypted with the active key by the next write.</li>
 * </ul>
 * <p>Ids are random UUIDs, or with {@link Ids#NUMERIC} decimal integers that the Zoho SDK's own
 * {@code FileStore} can add to (see {@link NumericIds}): unique and never reused, even after deletes, the
 * largest one given out kept in the file's header line.
 *
 * <p>The store keeps no "last used" time: the SDK layout has no column for it, so the clean-up of idle
 * tokens does not apply to it.
 */
public final class FileTokenStore implements TokenStore {

    /** How the store makes the ids of new tokens ({@code tokenstore.file.ids}). */
    public enum Ids {
        /** Random UUIDs (the default). */
        UUID,
        /** Decimal integers, one above the largest ever given out: what the Zoho SDK's {@code FileStore} needs. */
        NUMERIC
    }

    /** One lock per file for every store instance in this JVM: file locks are per process. */
    private static final ConcurrentMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private static final FileAttribute<?>[] OWNER_ONLY =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                    : new FileAttribute<?>[0];

    private static final Set<StandardOpenOption> CREATE_WRITE =
            Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    private static final Set<StandardOpenOption> CREATE_NEW_WRITE =
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    private final Path file;
    private final Path lockFile;
    /** The names of this file's temporary files: {@code .<file name>.<UUID>.tmp}, as {@link #replaceFile} makes them. */
    private final Pattern tempName;
    private final ReentrantLock jvmLock;
    /** Encrypts the secrets; {@code null}: plaintext. */
    private final TokenCipher cipher;
    private final Ids ids;
    private volatile Snapshot snapshot = new Snapshot(null, new TokenIndex(), 0);
    /** The encrypted secrets of the last write's tokens, reused for those a write leaves unchanged; write lock. */
    private TokenCsv.Sealed sealed = new TokenCsv.Sealed();

    /**
     * A store on {@code file}; the file is created on the first save if it does not exist.
     *
     * @throws IllegalArgumentException if {@code file} is null
     */
    public FileTokenStore(Path file) {
        this(file, null);
    }

    /**
     * A store on {@code file} that stores the client secret and the tokens encrypted with {@code keys}.
     *
     * @param keys the encryption keys, or {@code null} for plaintext (an encrypted file then fails to read
     *             with {@code TOKENSTORE-0313})
     * @throws IllegalArgumentException if {@code file} is null
     */
    public FileTokenStore(Path file, EncryptionKeys keys) {
        this(file, keys, Ids.UUID);
    }

    /**
     * A store on {@code file} with the secrets encrypted with {@code keys} (or in plaintext) and the ids of
     * new tokens made as {@code ids} says.
     *
     * @param keys the encryption keys, or {@code null} for plaintext
     * @param ids  how new ids are made
     * @throws IllegalArgumentException if {@code file} or {@code ids} is null
     */
    public FileTokenStore(Path file, EncryptionKeys keys, Ids ids) {
        if (ids == null) {
            throw CoreMessages.nullArgument("FileTokenStore", "ids");
        }
        this.ids = ids;
        if (file == null) {
            throw CoreMessages.nullArgument("FileTokenStore", "file");
        }
        this.file = file.toAbsolutePath().normalize();
        this.lockFile = this.file.resolveSibling(this.file.getFileName() + ".lock");
        this.jvmLock = JVM_LOCKS.computeIfAbsent(this.file, f -> new ReentrantLock());
        this.cipher = keys == null ? null : new TokenCipher(keys);
        this.tempName = Pattern.compile(Pattern.quote("." + this.file.getFileName() + ".")
                + "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.tmp");
        removeLeftoversIfUnlocked();
    }

    /**
     * Writes the file again, encrypting every token with the active key (or, without keys, in plaintext).
     *
     * @return the number of tokens written
     * @throws IllegalStateException {@code TOKENSTORE-0314} if the store has no encryption keys
     * @throws TokenStoreException   if the file cannot be read or written
     */
    public int reencryptAll() {
        if (cipher == null) {
            throw CoreMessages.reencryptWithoutKeys(toString());
        }
        Integer written = write("reencryptAll", (tokens, newIds) -> {
            sealed = new TokenCsv.Sealed(); // every token encrypted afresh, none taken from the last write
            return tokens.size() == 0 ? null : tokens.size();
        });
        return written == null ? 0 : written;
    }

    /** The token file. */
    public Path file() {
        return file;
    }

    @Override
    public Optional<OAuthToken> findToken(OAuthToken token) {
        TokenMatch match = TokenMatch.forFind(token);
        return read("findToken", tokens -> tokens.find(match));
    }

    @Override
    public OAuthToken saveToken(OAuthToken token) {
        Optional<TokenMatch> match = TokenMatch.forSave(token);
        return write("saveToken", (tokens, newIds) -> tokens.save(token, match, newIds));
    }

    @Override
    public void deleteToken(String id) {
        TokenMatch.checkId("deleteToken", id);
        write("deleteToken", (tokens, newIds) -> tokens.delete(id) ? Boolean.TRUE : null);
    }

    @Override
    public List<OAuthToken> getTokens() {
        return read("getTokens", TokenIndex::all);
    }

    @Override
    public long countTokens() {
        return read("countTokens", TokenIndex::size);
    }

    @Override
    public void deleteTokens() {
        write("deleteTokens", (tokens, newIds) -> {
            boolean changed = tokens.size() > 0;
            tokens.clear();
            return changed ? Boolean.TRUE : null;
        });
    }

    @Override
    public Optional<OAuthToken> findTokenById(String id) {
        TokenMatch.checkId("findTokenById", id);
        return read("findTokenById", tokens -> tokens.findById(id));
    }

    @Override
    public String toString() {
        return "file token store " + file + (ids == Ids.NUMERIC ? " (numeric ids)" : "");
    }

    private <T> T read(String operation, Function<TokenIndex, T> query) {
        try {
            // No lock needed: writes replace the file by an atomic rename, so any file read is whole.
            return query.apply(current().tokens);
        } catch (IOException e) {
            throw CoreMessages.storeFailed(operation, toString(), e);
        }
    }

    /**
     * Runs {@code change} on a copy of the current tokens under the write lock and writes the result; a
     * change that returns {@code null} changed nothing, and nothing is written.
     */
    private <T> T write(String operation, BiFunction<TokenIndex, Supplier<String>, T> change) {
        jvmLock.lock();
        try (FileChannel lockChannel = FileChannel.open(lockFile, CREATE_WRITE, OWNER_ONLY)) {
            FileLock lock = lockChannel.lock();
            try {
                removeLeftovers();
                Snapshot current = current();
                TokenIndex tokens = current.tokens.copy();
                // The largest id ever given out: the file's mark, or an id of the file above it (the SDK's
                // own FileStore may have added one), so that a deleted id is never given out again.
                long[] lastId = {Math.max(current.lastId, NumericIds.highest(current.tokens.all()))};
                Supplier<String> newIds = ids == Ids.UUID ? TokenIds::newId : () -> {
                    lastId[0] = NumericIds.next(lastId[0]);
                    return Long.toString(lastId[0]);
                };
                T result = change.apply(tokens, newIds);
                if (result != null) {
                    // A file that has a mark keeps it, so numeric ids stay unique after a spell of UUIDs.
                    replaceFile(tokens, ids == Ids.NUMERIC || current.lastId > 0 ? lastId[0] : 0);
                }
                return result;
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            throw CoreMessages.storeFailed(operation, toString(), e);
        } finally {
            jvmLock.unlock();
        }
    }

    /**
     * At creation: removes the leftovers if there are any and no writer, in this JVM or another process,
     * holds the write lock now; else the next write does. Never fails: it is housekeeping.
     */
    private void removeLeftoversIfUnlocked() {
        try {
            if (leftovers().isEmpty() || !jvmLock.tryLock()) {
                return;
            }
        } catch (IOException | RuntimeException unreadableDirectory) {
            return;
        }
        // Leftovers imply a writer, and so a lock file: none is created here for a store that never writes.
        try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = lockChannel.tryLock();
            if (lock != null) {
                try {
                    removeLeftovers();
                } finally {
                    lock.release();
                }
            }
        } catch (IOException | RuntimeException lockUnavailable) {
            // The next write removes them, under its lock.
        } finally {
            jvmLock.unlock();
        }
    }

    /** Removes the temporary files of dead writers; call with the write lock held. */
    private void removeLeftovers() {
        try {
            for (Path leftover : leftovers()) {
                Files.deleteIfExists(leftover);
            }
        } catch (IOException | RuntimeException e) {
            // A leftover that cannot be removed harms nothing: the store never reads temporary files.
        }
    }

    /** This file's temporary files (regular files with exactly the store's temporary name). */
    private List<Path> leftovers() throws IOException {
        Path directory = file.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory,
                entry -> tempName.matcher(entry.getFileName().toString()).matches())) {
            for (Path entry : entries) {
                if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    found.add(entry);
                }
            }
        }
        return found;
    }

    /** The file's tokens and id mark, parsed again only if the file changed since the last parse. */
    private Snapshot current() throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            snapshot = new Snapshot(null, new TokenIndex(), 0);
            return snapshot;
        }
        Version version = Version.of(attributes);
        Snapshot cached = snapshot;
        if (version.equals(cached.version)) {
            return cached;
        }
        NumericIds.Header header = NumericIds.split(decode(Files.readAllBytes(file)));
        snapshot = new Snapshot(version, TokenCsv.read(file, header.content(), cipher), header.lastId());
        return snapshot;
    }

    private String decode(byte[] bytes) {
        try {
            return TokenCsv.decode(bytes);
        } catch (CharacterCodingException e) {
            throw FileMessages.fileMalformed(file, 1, "the file is not UTF-8 text");
        }
    }

    /** Writes the file; {@code lastId} above 0 is kept in the header ({@link NumericIds}). */
    private void replaceFile(TokenIndex tokens, long lastId) throws IOException {
        TokenCsv.Sealed written = new TokenCsv.Sealed();
        String content = TokenCsv.write(tokens.all(), cipher, sealed, written);
        byte[] bytes = (lastId > 0 ? NumericIds.withMark(content, lastId) : content).getBytes(StandardCharsets.UTF_8);
        Path temp = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(temp, CREATE_NEW_WRITE, OWNER_ONLY)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        forceDirectory();
        snapshot = new Snapshot(Version.of(Files.readAttributes(file, BasicFileAttributes.class)), tokens, lastId);
        sealed = written;
    }

    /** Makes the rename itself durable; not every platform can open a directory, and that is fine. */
    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a directory as a channel; its rename is durable on its own.
        }
    }

    /** Tells file versions apart: a rename gives a new file key, and any write changes time or size. */
    private record Version(Object fileKey, long modifiedNanos, long size) {
        static Version of(BasicFileAttributes a) {
            return new Version(a.fileKey(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS), a.size());
        }
    }

    /** {@code lastId}: the header's mark of the largest numeric id given out, 0 if none. */
    private record Snapshot(Version version, TokenIndex tokens, long lastId) {
        Snapshot {
            Objects.requireNonNull(tokens);
        }
    }
}
