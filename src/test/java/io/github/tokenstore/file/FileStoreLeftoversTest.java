package io.github.tokenstore.file;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The temporary files of writers killed mid-write are removed by the store, under its write lock: exactly
 * the store's temporary names for its own file, never a file a live writer (another process holding the
 * lock) is still writing.
 */
class FileStoreLeftoversTest {

    @TempDir
    Path dir;

    static OAuthToken token(String user) {
        return OAuthToken.builder().user(user).clientId("1000.CLIENT").refreshToken("refresh-" + user)
                .accessToken("access-" + user).build();
    }

    /** A temporary file of {@code name} as a dead writer leaves it. */
    Path leftover(String name) throws IOException {
        return Files.writeString(dir.resolve("." + name + "." + UUID.randomUUID() + ".tmp"), "id,user_na");
    }

    List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void openingTheStoreRemovesItsLeftoversAndNothingElse() throws IOException {
        Path file = dir.resolve("sdk_tokens.txt");
        new FileTokenStore(file).saveToken(token("ana@zylker.example"));
        byte[] before = Files.readAllBytes(file);
        Path dead1 = leftover("sdk_tokens.txt");
        Path dead2 = leftover("sdk_tokens.txt");
        String uuid = UUID.randomUUID().toString();
        List<Path> strangers = List.of(
                leftover("other_tokens.txt"),                                       // another token file's
                leftover("sdk_tokens.txt.bak"),                                     // another file's, same prefix
                dir.resolve("sdk_tokens.txt." + uuid + ".tmp"),                     // no leading dot
                dir.resolve(".sdk_tokens.txt." + uuid.toUpperCase() + ".tmp"),      // not the store's UUID form
                dir.resolve(".sdk_tokens.txt.not-a-uuid.tmp"),
                dir.resolve(".sdk_tokens.txt." + uuid + ".tmp.keep"),
                dir.resolve("notes.tmp"));
        for (Path stranger : strangers) {
            if (Files.notExists(stranger)) {
                Files.writeString(stranger, "mine");
            }
        }
        Path directory = Files.createDirectory(dir.resolve(".sdk_tokens.txt." + UUID.randomUUID() + ".tmp"));

        TokenStore store = new FileTokenStore(file);

        assertThat(dead1).doesNotExist();
        assertThat(dead2).doesNotExist();
        assertThat(strangers).allMatch(Files::exists);
        assertThat(directory).as("only regular files are removed").isDirectory();
        assertThat(file).hasBinaryContent(before);
        assertThat(store.getTokens()).extracting(t -> t.userSignature().name()).containsExactly("ana@zylker.example");
    }

    @Test
    void aWriteRemovesLeftoversFoundUnderItsLock() throws IOException {
        Path file = dir.resolve("sdk_tokens.txt");
        TokenStore store = new FileTokenStore(file);
        store.saveToken(token("ana@zylker.example"));
        Path dead = leftover("sdk_tokens.txt");

        store.saveToken(token("ben@zylker.example"));

        assertThat(dead).doesNotExist();
        assertThat(names()).containsExactly("sdk_tokens.txt", "sdk_tokens.txt.lock");
        assertThat(new FileTokenStore(file).getTokens()).hasSize(2);
    }

    @Test
    void aStoreThatNeverWroteCreatesNoLockFile() throws IOException {
        new FileTokenStore(dir.resolve("sdk_tokens.txt")).getTokens();

        assertThat(names()).isEmpty();
    }

    @Test
    void aLiveWritersFileStaysAndIsRemovedOnceItsProcessWasKilled() throws Exception {
        Path file = dir.resolve("sdk_tokens.txt");
        new FileTokenStore(file).saveToken(token("ana@zylker.example"));
        byte[] before = Files.readAllBytes(file);
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHoldingWriter.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Path temp;
        try {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line = lines.readLine();
                assertThat(line).startsWith("writing ");
                temp = dir.resolve(line.substring("writing ".length()));
            }

            new FileTokenStore(file).getTokens();

            assertThat(temp).as("another process holds the lock and writes it").exists();
        } finally {
            writer.destroyForcibly();
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(temp).as("the killed writer's file").exists();

        TokenStore store = new FileTokenStore(file);

        assertThat(temp).doesNotExist();
        assertThat(file).hasBinaryContent(before);
        assertThat(store.getTokens()).extracting(t -> t.userSignature().name()).containsExactly("ana@zylker.example");
    }
}
