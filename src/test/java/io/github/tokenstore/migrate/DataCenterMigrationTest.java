package io.github.tokenstore.migrate;

import io.github.tokenstore.EncryptionKeys;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.github.tokenstore.migrate.EncryptedFileImportTest.ALICE;
import static io.github.tokenstore.migrate.EncryptedFileImportTest.BOB;
import static io.github.tokenstore.migrate.EncryptedFileImportTest.K1;
import static io.github.tokenstore.migrate.EncryptedFileImportTest.token;
import static io.github.tokenstore.migrate.SdkTokens.CLIENT;
import static io.github.tokenstore.migrate.SdkTokens.EXPIRY;
import static io.github.tokenstore.migrate.ZohoSdkFileImportTest.HEADER_10;
import static io.github.tokenstore.migrate.ZohoSdkFileImportTest.row10;
import static io.github.tokenstore.migrate.ZohoSdkFileImportTest.sdkHeader;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migration command and a token's data center and provider account: the SDK layouts have neither
 * (imports leave them absent, or as stored), this library's own file keeps them (plain and encrypted), and
 * an export to the SDK's layout leaves them out.
 */
class DataCenterMigrationTest {

    private static final String LIBRARY_HEADER = HEADER_10 + ",data_center,account";

    @TempDir
    Path dir;

    private static OAuthToken withoutId(OAuthToken t) {
        return t.toBuilder().id(null).build();
    }

    @Test
    void anSdkFileImportsTokensWithoutDataCenterOrAccount() throws Exception {
        Path source = dir.resolve("sdk_tokens.txt");
        Files.writeString(source, sdkHeader(HEADER_10) + row10("1", ALICE, EXPIRY));
        TokenStore store = TokenStores.inMemory();

        Report report = TokenImporter.importTokens(ZohoSdkFile.read(source), store, false);

        assertThat(report.counts()).isEqualTo("imported 1, updated 0, skipped 0, rejected 0");
        OAuthToken alice = store.getTokens().get(0);
        assertThat(alice.dataCenter()).isNull();
        assertThat(alice.account()).isNull();
    }

    @Test
    void anSdkRowThatUpdatesAStoredTokenKeepsItsDataCenterAndAccount() throws Exception {
        TokenStore store = TokenStores.inMemory();
        OAuthToken stored = store.saveToken(token(ALICE).toBuilder().accessToken("1000.older-access").dataCenter("eu")
                .account("alice@zoho.eu").build());
        Path source = dir.resolve("sdk_tokens.txt");
        Files.writeString(source, sdkHeader(HEADER_10) + row10("1", ALICE, EXPIRY + 5));

        Report report = TokenImporter.importTokens(ZohoSdkFile.read(source), store, false);

        assertThat(report.rows()).extracting(Report.Row::detail).containsExactly("changed: accessToken, grantToken, expiresAt");
        OAuthToken updated = store.findTokenById(stored.id()).orElseThrow();
        assertThat(updated.dataCenter()).as("an SDK row does not move the user to the default data center")
                .isEqualTo("eu");
        assertThat(updated.account()).isEqualTo("alice@zoho.eu");
    }

    @Test
    void theLibrarysPlainFileKeepsBothColumns() {
        Path source = dir.resolve("tokens.csv");
        TokenStore files = TokenStores.file(source);
        OAuthToken alice = files.saveToken(token(ALICE).toBuilder().dataCenter("eu").account("alice@zoho.eu").build());
        OAuthToken bob = files.saveToken(token(BOB));
        TokenStore target = TokenStores.inMemory();

        Cli cli = Cli.run("import", "--csv", source.toString(), "--into-file", dir.resolve("copy.csv").toString());
        Report report = TokenImporter.importTokens(ZohoSdkFile.read(source), target, false);

        assertThat(cli.exitCode()).as(cli.all()).isEqualTo(TokenMigration.OK);
        assertThat(cli.out()).startsWith("source: the library's token file " + source + " (12 columns: "
                + LIBRARY_HEADER + "), 2 rows\n")
                .contains(" dataCenter=eu account=alice@zoho.eu\n");
        assertThat(report.counts()).isEqualTo("imported 2, updated 0, skipped 0, rejected 0");
        assertThat(target.getTokens().stream().map(DataCenterMigrationTest::withoutId))
                .containsExactlyInAnyOrder(withoutId(alice), withoutId(bob));
        assertThat(TokenStores.file(dir.resolve("copy.csv")).getTokens().stream().map(DataCenterMigrationTest::withoutId))
                .containsExactlyInAnyOrder(withoutId(alice), withoutId(bob));
    }

    @Test
    void theLibrarysEncryptedFileKeepsBothColumns() throws Exception {
        Path source = dir.resolve("sdk_tokens.txt");
        TokenStore files = TokenStores.file(source, EncryptionKeys.parse("k1:" + K1));
        OAuthToken alice = files.saveToken(token(ALICE).toBuilder().dataCenter("uk").account("alice@zoho.uk").build());
        OAuthToken bob = files.saveToken(token(BOB));
        assertThat(Files.readString(source)).startsWith(LIBRARY_HEADER + ",encryption_key_id\n");
        String url = "jdbc:h2:file:" + dir.resolve("tokens").toAbsolutePath();

        Cli cli = Cli.run(Map.of("KEYS", "k1:" + K1), "import", "--csv", source.toString(), "--csv-keys-env", "KEYS",
                "--into-jpa", url, "--jpa-user", "sa");

        assertThat(cli.exitCode()).as(cli.all()).isEqualTo(TokenMigration.OK);
        assertThat(cli.out()).startsWith("source: the library's encrypted token file " + source + " (13 columns: "
                + LIBRARY_HEADER + ",encryption_key_id), 2 rows\n");
        assertThat(cli.all()).doesNotContain(EncryptedFileImportTest.secrets());
        try (TokenStore jpa = TokenStores.jpa(url, "sa", null)) {
            assertThat(jpa.getTokens().stream().map(DataCenterMigrationTest::withoutId))
                    .containsExactlyInAnyOrder(withoutId(alice), withoutId(bob));
        }
        Cli again = Cli.run(Map.of("KEYS", "k1:" + K1), "import", "--csv", source.toString(), "--csv-keys-env", "KEYS",
                "--into-jpa", url, "--jpa-user", "sa");
        assertThat(again.summary()).isEqualTo("imported 0, updated 0, skipped 2, rejected 0");
    }

    @Test
    void exportToTheSdkLayoutLeavesBothOut() throws Exception {
        Path store = dir.resolve("tokens.csv");
        TokenStores.file(store).saveToken(token(ALICE).toBuilder().dataCenter("eu").account("alice@zoho.eu").build());
        Path exported = dir.resolve("export.csv");

        Cli export = Cli.run("export", "--from-file", store.toString(), "--csv", exported.toString());

        assertThat(export.exitCode()).as(export.all()).isEqualTo(TokenMigration.OK);
        assertThat(export.out()).endsWith(" (10 columns: " + HEADER_10 + ")\n");
        List<String> lines = Files.readAllLines(exported);
        assertThat(lines.get(0)).isEqualTo(HEADER_10);
        assertThat(lines.get(1)).doesNotContain("alice@zoho.eu").endsWith(",https://www.zohoapis.eu");
        OAuthToken back = TokenStores.file(exported).getTokens().get(0);
        assertThat(back.dataCenter()).isNull();
        assertThat(back.account()).isNull();
        assertThat(back.clientId()).isEqualTo(CLIENT);
        assertThat(TokenMigration.USAGE_TEXT).contains("""
                export writes the Zoho SDK's 10 columns: a token's data center and account (this
                library's own columns, which the SDK does not have) are left out.""");
    }
}
