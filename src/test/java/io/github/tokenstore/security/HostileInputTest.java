package io.github.tokenstore.security;

import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The hostile corpus through the in-memory store, the file store (plain and encrypted) and JPA on H2. */
class HostileInputTest {

    @TempDir
    Path dir;

    @Test
    void theCorpusHasAtLeastFiftyPayloads() {
        assertThat(HostileInput.PAYLOADS).hasSizeGreaterThanOrEqualTo(50).doesNotHaveDuplicates();
    }

    @Test
    void userSignatures() {
        assertThat(HostileInput.userSignatures()).isPositive();
    }

    @Test
    void inMemory() {
        report("memory", HostileInput.run(TokenStores.inMemory(), null));
    }

    @Test
    void file() throws Exception {
        Path file = dir.resolve("sdk_tokens.txt");
        report("file", HostileInput.run(TokenStores.file(file), () -> TokenStores.file(file)));
        assertThat(Files.readString(file)).startsWith("id,user_name,");
    }

    @Test
    void encryptedFile() {
        var keys = TestKeys.keys("k1", TestKeys.newKey());
        Path file = dir.resolve("enc.txt");
        report("encrypted file", HostileInput.run(TokenStores.file(file, keys), () -> TokenStores.file(file, keys)));
    }

    @Test
    void jpaOnH2() {
        String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
        try (TokenStore store = TokenStores.jpa(url, "sa", "")) {
            report("jpa h2", HostileInput.run(store, () -> TokenStores.jpa(url, "sa", "")));
        }
    }

    static void report(String store, HostileInput.Result r) {
        System.out.printf("hostile input, %s: %d tokens stored verbatim, %d rejected by a value rule%n", store,
                r.stored(), r.rejected());
        assertThat(r.stored()).isPositive();
        assertThat(r.rejected()).isPositive();
    }
}
