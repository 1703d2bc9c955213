package io.github.tokenstore.file;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStores;
import io.github.tokenstore.testing.TestSeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 mid-write, 20 times: a separate JVM saves in a loop and is killed by
 * {@link Process#destroyForcibly()} (SIGKILL on Linux) after a random number of saves; after each kill
 * the file parses and holds every save the child reported as returned, with its exact values. The random
 * choices (saves before a kill, the pause before it) come from a {@link TestSeed}, printed on failure.
 */
class FileStoreKillIT {

    static final int ROUNDS = 20;

    @TempDir
    Path dir;

    @RegisterExtension
    final TestSeed seed = new TestSeed();

    static String accessToken(String user) {
        return (user + "-").repeat(4096 / (user.length() + 1) + 1).substring(0, 4096);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // a child that stops printing must not hang the build
    void aWriterKilledMidWriteNeverLosesAReturnedSaveNorCorruptsTheFile() throws Exception {
        Path file = dir.resolve("sdk_tokens.txt");
        Random random = seed.random();
        Set<String> returned = ConcurrentHashMap.newKeySet();
        int killedAfterTotal = 0;
        for (int round = 0; round < ROUNDS; round++) {
            int killAfter = 1 + random.nextInt(25);
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), KilledWriter.class.getName(), file.toString(),
                    "r" + round + "-", "100000").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            int seen = 0;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; seen < killAfter && (line = lines.readLine()) != null; ) {
                    if (line.startsWith("saved ") && line.endsWith(" ok")) {
                        returned.add(line.substring(6, line.length() - 3));
                        seen++;
                    }
                }
                // A random moment inside the next writes (each rewrites the whole, growing file).
                Thread.sleep(random.nextInt(15));
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                // destroyForcibly closes our end of the child's stdout: saves that returned after the last
                // line read are not counted, which only makes the check below weaker, never wrong.
            }
            killedAfterTotal += seen;
            assertThat(seen).as("round " + round + " saw saves").isPositive();

            // A fresh store parses the whole file and finds every returned save with its exact values.
            List<OAuthToken> tokens = TokenStores.file(file).getTokens();
            Map<String, OAuthToken> byUser = tokens.stream()
                    .collect(Collectors.toMap(t -> t.userSignature().name(), Function.identity()));
            assertThat(byUser.keySet()).as("round " + round).containsAll(returned);
            for (String user : returned) {
                assertThat(byUser.get(user).accessToken()).isEqualTo(accessToken(user));
                assertThat(byUser.get(user).refreshToken()).isEqualTo("r," + user + "\n\"quoted\"");
            }
        }
        // Each round's writer, and the store opened after the last round, removed the killed writes' files.
        long tokensInFile = TokenStores.file(file).getTokens().size();
        long leftovers;
        try (Stream<Path> files = Files.list(dir)) {
            leftovers = files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
        }
        System.out.printf("kill -9: %d rounds, %d saves returned before the kills, %d tokens in the file, "
                        + "%d bytes, %d temporary files left after reopening%n", ROUNDS, killedAfterTotal,
                tokensInFile, Files.size(file), leftovers);
        assertThat(leftovers).as("temporary files left").isZero();
    }
}
