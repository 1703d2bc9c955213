package io.github.tokenstore.file;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Run in its own JVM by {@link FileStoreLeftoversTest}, which kills it: a writer caught mid-write. Takes
 * the store's write lock on {@code <file>.lock} as {@link FileTokenStore} does, starts a temporary file
 * named as the store names them, prints {@code writing <temporary file name>} and waits to be killed.
 */
public final class LockHoldingWriter {

    private LockHoldingWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]).toAbsolutePath();
        try (FileChannel lock = FileChannel.open(file.resolveSibling(file.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            lock.lock();
            Path temp = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                out.write(ByteBuffer.wrap("id,user_name,client_id,cli".getBytes(StandardCharsets.UTF_8)));
                out.force(true);
                PrintStream stdout = new PrintStream(System.out, false, StandardCharsets.UTF_8);
                stdout.println("writing " + temp.getFileName());
                stdout.flush();
                Thread.sleep(Long.MAX_VALUE);
            }
        }
    }
}
