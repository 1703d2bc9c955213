package io.github.tokenstore.cdi;

import io.github.tokenstore.cdi.internal.TokenStoreConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's configuration table lists every key the CDI layer reads. */
class ReadmeTest {

    @Test
    void theConfigurationTableHasARowForEveryKey() throws IOException {
        List<String> rows = Files.readAllLines(Path.of("README.md")).stream()
                .filter(line -> line.startsWith("| `tokenstore."))
                .toList();

        for (String key : TokenStoreConfig.KEYS) {
            assertThat(rows).as(key).anyMatch(row -> row.startsWith("| `" + key + "` |"));
        }
        assertThat(rows).hasSize(TokenStoreConfig.KEYS.size());
    }
}
