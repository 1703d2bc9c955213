package io.github.tokenstore.migrate;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.file.FileTokenStore;
import io.github.tokenstore.file.TokenCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code TokenMigration export --numeric-ids}: a file the Zoho SDK's own FileStore can add to. */
class NumericIdsExportTest {

    @TempDir
    Path dir;

    @Test
    void exportWithNumericIdsNumbersTheUuidsAndTheFileStoreGoesOnAboveThem() throws Exception {
        Path source = dir.resolve("uuid_tokens.txt");
        try (TokenStore store = new FileTokenStore(source)) {
            for (String user : List.of("a@zylker.example", "b@zylker.example", "c@zylker.example")) {
                store.saveToken(OAuthToken.builder().user(user).clientId("1000.CLIENT").refreshToken("r-" + user)
                        .accessToken("a-" + user).build());
            }
        }
        Path exported = dir.resolve("sdk_tokens.txt");

        Cli export = Cli.run("export", "--from-file", source.toString(), "--csv", exported.toString(), "--numeric-ids");

        assertThat(export.exitCode()).isEqualTo(TokenMigration.OK);
        assertThat(export.out()).isEqualTo("exported 3 tokens from file token store " + source + " to " + exported
                + " (10 columns: " + TokenCsv.HEADER + "); numeric ids, the largest 3\n");
        List<String> lines = Files.readAllLines(exported);
        assertThat(lines.get(0)).isEqualTo(TokenCsv.HEADER + ",tokenstore_last_id=3");
        assertThat(lines.subList(1, 4)).extracting(l -> Integer.parseInt(l.substring(0, l.indexOf(','))))
                .containsExactly(1, 2, 3);
        try (TokenStore numeric = new FileTokenStore(exported, null, FileTokenStore.Ids.NUMERIC)) {
            assertThat(numeric.findToken(OAuthToken.builder().user("b@zylker.example").build()).orElseThrow().id())
                    .isEqualTo("2");
            numeric.deleteToken("3");
            assertThat(numeric.saveToken(OAuthToken.builder().user("d@zylker.example").accessToken("a-d").build())
                    .id()).isEqualTo("4");
        }
    }

    @Test
    void aFileExportedWithNumericIdsImportsAgain() throws Exception {
        Path source = dir.resolve("uuid_tokens.txt");
        try (TokenStore store = new FileTokenStore(source)) {
            store.saveToken(OAuthToken.builder().user("a@zylker.example").clientId("1000.CLIENT").refreshToken("r-a")
                    .accessToken("a-a").build());
        }
        Path exported = dir.resolve("sdk_tokens.txt");
        assertThat(Cli.run("export", "--from-file", source.toString(), "--csv", exported.toString(), "--numeric-ids")
                .exitCode()).isEqualTo(TokenMigration.OK);
        Path target = dir.resolve("imported_tokens.txt");

        Cli imported = Cli.run("import", "--csv", exported.toString(), "--into-file", target.toString());

        assertThat(imported.exitCode()).as(imported.err()).isEqualTo(TokenMigration.OK);
        try (TokenStore store = new FileTokenStore(target)) {
            assertThat(store.getTokens()).singleElement().satisfies(t -> {
                assertThat(t.userSignature().name()).isEqualTo("a@zylker.example");
                assertThat(t.refreshToken()).isEqualTo("r-a");
            });
        }
    }

    @Test
    void theUsageNamesTheOption() {
        Cli help = Cli.run("--help");

        assertThat(help.out()).contains("TokenMigration export STORE --csv FILE [--overwrite] [--numeric-ids]",
                "--numeric-ids export with decimal ids, as the Zoho SDK's own FileStore needs them");
    }
}
