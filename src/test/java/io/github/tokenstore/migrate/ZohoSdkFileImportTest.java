package io.github.tokenstore.migrate;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.github.tokenstore.migrate.SdkTokens.CLIENT;
import static io.github.tokenstore.migrate.SdkTokens.EXPIRY;
import static io.github.tokenstore.migrate.SdkTokens.access;
import static io.github.tokenstore.migrate.SdkTokens.refresh;
import static io.github.tokenstore.migrate.SdkTokens.secret;
import static org.assertj.core.api.Assertions.assertThat;

/** The command on Zoho SDK token files (sdk_tokens.txt) of each layout, into the memory, file and JPA (H2) stores. */
class ZohoSdkFileImportTest {

    static final String HEADER_10 =
            "id,user_name,client_id,client_secret,refresh_token,access_token,grant_token,expiry_time,redirect_url,api_domain";
    static final String HEADER_9_MAIL =
            "id,user_mail,client_id,client_secret,refresh_token,access_token,grant_token,expiry_time,redirect_url";
    static final String HEADER_9_NAME =
            "id,user_name,client_id,client_secret,refresh_token,access_token,grant_token,expiry_time,redirect_url";

    @TempDir
    Path dir;

    /** A record as the SDK's opencsv writer makes it: every value quoted, an absent one empty. */
    static String sdkLine(String... values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            out.add(v == null ? "" : "\"" + v.replace("\"", "\"\"") + "\"");
        }
        return String.join(",", out) + "\n";
    }

    static String sdkHeader(String header) {
        return sdkLine(header.split(","));
    }

    /** A 10-column row of a user with every value. */
    static String row10(String id, String user, long expiry) {
        return sdkLine(id, user, CLIENT, secret(user), refresh(user), access(user), null, Long.toString(expiry),
                "https://app.zylker.example/oauth", "https://www.zohoapis.eu");
    }

    static String row9(String id, String user, long expiry) {
        return sdkLine(id, user, CLIENT, secret(user), refresh(user), access(user), null, Long.toString(expiry),
                "https://app.zylker.example/oauth");
    }

    private Path file(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    private static OAuthToken expected(String user, long expiry, String apiDomain) {
        return OAuthToken.builder().user(user).clientId(CLIENT).clientSecret(secret(user)).refreshToken(refresh(user))
                .accessToken(access(user)).expiresAt(Instant.ofEpochMilli(expiry))
                .redirectUrl("https://app.zylker.example/oauth").apiDomain(apiDomain).build();
    }

    private static List<OAuthToken> withoutIds(List<OAuthToken> tokens) {
        return tokens.stream().map(t -> t.toBuilder().id(null).build()).toList();
    }

    @Test
    void theCurrentLayoutGoesIntoTheFileStoreAndASecondRunChangesNothing() throws Exception {
        Path source = file("sdk_tokens.txt", sdkHeader(HEADER_10) + row10("1", "alice@zylker.example", EXPIRY)
                + row10("2", "bob@zylker.example", EXPIRY + 1));
        Path target = dir.resolve("tokens.csv");

        Cli first = Cli.run("import", "--csv", source.toString(), "--into-file", target.toString());

        assertThat(first.exitCode()).isEqualTo(TokenMigration.OK);
        assertThat(first.err()).isEmpty();
        assertThat(first.summary()).isEqualTo("imported 2, updated 0, skipped 0, rejected 0");
        try (TokenStore store = TokenStores.file(target)) {
            assertThat(withoutIds(store.getTokens())).containsExactly(
                    expected("alice@zylker.example", EXPIRY, "https://www.zohoapis.eu"),
                    expected("bob@zylker.example", EXPIRY + 1, "https://www.zohoapis.eu"));
        }
        byte[] bytes = Files.readAllBytes(target);
        FileTime modified = Files.getLastModifiedTime(target);

        Cli second = Cli.run("import", "--csv", source.toString(), "--into-file", target.toString());

        assertThat(second.exitCode()).isEqualTo(TokenMigration.OK);
        assertThat(second.summary()).isEqualTo("imported 0, updated 0, skipped 2, rejected 0");
        assertThat(second.out()).contains("line 2  skipped   user=alice@zylker.example clientId=" + CLIENT + ": unchanged\n");
        assertThat(Files.readAllBytes(target)).isEqualTo(bytes);
        assertThat(Files.getLastModifiedTime(target)).isEqualTo(modified);
        assertThat(first.all() + second.all()).doesNotContain(SdkTokens.secretsOf("alice@zylker.example", "bob@zylker.example"));
    }

    @Test
    void theReportShowsEachRowWithItsValuesMasked() throws Exception {
        Path source = file("sdk_tokens.txt", sdkHeader(HEADER_10) + row10("1", "alice@zylker.example", EXPIRY));

        Cli cli = Cli.run("import", "--csv", source.toString(), "--into-memory");

        assertThat(cli.out()).isEqualTo("source: the Zoho SDK token file " + source + " (10 columns: " + HEADER_10
                + "), 1 rows\n"
                + "target: in-memory token store\n"
                + "line 2  imported  user=alice@zylker.example clientId=1000.CLIENTIDZYLKER: clientSecret=**** "
                + "refreshToken=**** accessToken=**** expiresAt=2030-03-17T17:46:40Z "
                + "redirectUrl=https://app.zylker.example/oauth apiDomain=https://www.zohoapis.eu\n"
                + "imported 1, updated 0, skipped 0, rejected 0\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {HEADER_9_MAIL, HEADER_9_NAME})
    void theOlderNineColumnLayoutsRead(String header) throws Exception {
        Path source = file("sdk_tokens.txt", sdkHeader(header) + row9("java_alice_PRODUCTION_91bc",
                "alice@zylker.example", EXPIRY) + row9("java_bob_PRODUCTION_91bc", "bob@zylker.example", EXPIRY));
        TokenStore store = TokenStores.inMemory();

        Report report = TokenImporter.importTokens(ZohoSdkFile.read(source), store, false);

        assertThat(report.counts()).isEqualTo("imported 2, updated 0, skipped 0, rejected 0");
        assertThat(withoutIds(store.getTokens())).containsExactly(expected("alice@zylker.example", EXPIRY, null),
                expected("bob@zylker.example", EXPIRY, null));
        assertThat(TokenImporter.importTokens(ZohoSdkFile.read(source), store, false).counts())
                .isEqualTo("imported 0, updated 0, skipped 2, rejected 0");
    }

    @Test
    void theFirstSdksSixColumnLayoutReads() throws Exception {
        Path source = file("sdk_tokens.txt", sdkHeader("user_mail,client_id,refresh_token,access_token,grant_token,expiry_time")
                + sdkLine("alice@zylker.example", CLIENT, refresh("a"), access("a"), null, "1900000000000"));
        TokenStore store = TokenStores.inMemory();

        assertThat(TokenImporter.importTokens(ZohoSdkFile.read(source), store, false).counts())
                .isEqualTo("imported 1, updated 0, skipped 0, rejected 0");
        assertThat(withoutIds(store.getTokens())).containsExactly(OAuthToken.builder().user("alice@zylker.example")
                .clientId(CLIENT).refreshToken(refresh("a")).accessToken(access("a"))
                .expiresAt(Instant.ofEpochMilli(EXPIRY)).build());
    }

    @Test
    void aNineColumnRowUpdatesButKeepsTheStoredApiDomain() throws Exception {
        TokenStore store = TokenStores.inMemory();
        store.saveToken(expected("alice@zylker.example", EXPIRY, "https://www.zohoapis.eu").toBuilder()
                .accessToken("1000.older-access").build());
        Path source = file("sdk_tokens.txt", sdkHeader(HEADER_9_NAME) + row9("1", "alice@zylker.example", EXPIRY + 5));

        Report report = TokenImporter.importTokens(ZohoSdkFile.read(source), store, false);

        assertThat(report.rows()).containsExactly(new Report.Row("line 2", Report.Outcome.UPDATED,
                "user=alice@zylker.example clientId=" + CLIENT, "changed: accessToken, expiresAt"));
        assertThat(withoutIds(store.getTokens())).containsExactly(expected("alice@zylker.example", EXPIRY + 5,
                "https://www.zohoapis.eu"));
    }

    @Test
    void aStoredTokenThatExpiresLaterIsKept() throws Exception {
        TokenStore store = TokenStores.inMemory();
        OAuthToken newer = expected("alice@zylker.example", EXPIRY + 60_000, "https://www.zohoapis.eu").toBuilder()
                .accessToken("1000.refreshed-since").build();
        store.saveToken(newer);
        Path source = file("sdk_tokens.txt", sdkHeader(HEADER_10) + row10("1", "alice@zylker.example", EXPIRY));

        Report report = TokenImporter.importTokens(ZohoSdkFile.read(source), store, false);

        assertThat(report.rows()).containsExactly(new Report.Row("line 2", Report.Outcome.SKIPPED,
                "user=alice@zylker.example clientId=" + CLIENT,
                "the stored token expires later (2030-03-17T17:47:40Z); kept"));
        assertThat(withoutIds(store.getTokens())).containsExactly(newer);
    }

    @Test
    void aDryRunWritesNothingIntoAFile() throws Exception {
        Path source = file("sdk_tokens.txt", sdkHeader(HEADER_10) + row10("1", "alice@zylker.example", EXPIRY));
        Path target = dir.resolve("tokens.csv");

        Cli cli = Cli.run("import", "--csv", source.toString(), "--into-file", target.toString(), "--dry-run");

        assertThat(cli.exitCode()).isEqualTo(TokenMigration.OK);
        assertThat(cli.out()).contains("target: file token store " + target + " (dry run: nothing is written)\n");
        assertThat(cli.summary()).isEqualTo("imported 1, updated 0, skipped 0, rejected 0 (dry run: nothing was written)");
        assertThat(target).doesNotExist();
        assertThat(dir.resolve("tokens.csv.lock")).doesNotExist();
    }

    @Test
    void intoJpaOnH2TheDryRunCreatesNoTableAndTheImportIsIdempotent() throws Exception {
        Path source = file("sdk_tokens.txt", sdkHeader(HEADER_10) + row10("1", "alice@zylker.example", EXPIRY)
                + row10("2", "bob@zylker.example", EXPIRY));
        String url = "jdbc:h2:file:" + dir.resolve("tokens").toAbsolutePath();
        String[] jpa = {"--into-jpa", url, "--jpa-user", "sa"};

        Cli dry = Cli.run(concat(new String[] {"import", "--csv", source.toString(), "--dry-run"}, jpa));
        assertThat(dry.exitCode()).isEqualTo(TokenMigration.OK);
        assertThat(dry.out()).contains("target: the JPA store has no table tokenstore_token yet; the dry run compares "
                + "with an empty store, as the import would start from\n");
        assertThat(dry.summary()).isEqualTo("imported 2, updated 0, skipped 0, rejected 0 (dry run: nothing was written)");
        assertThat(tableExists(url)).isFalse();

        Cli real = Cli.run(concat(new String[] {"import", "--csv", source.toString()}, jpa));
        assertThat(real.summary()).isEqualTo("imported 2, updated 0, skipped 0, rejected 0");
        assertThat(real.out()).contains("target: the JPA token store (H2)\n");

        Files.writeString(source, sdkHeader(HEADER_10) + row10("1", "alice@zylker.example", EXPIRY + 1000)
                + row10("2", "bob@zylker.example", EXPIRY));
        Cli dryUpdate = Cli.run(concat(new String[] {"import", "--csv", source.toString(), "--dry-run"}, jpa));
        assertThat(dryUpdate.out()).contains("line 2  updated   user=alice@zylker.example clientId=" + CLIENT
                + ": changed: expiresAt\n");
        assertThat(dryUpdate.summary()).isEqualTo("imported 0, updated 1, skipped 1, rejected 0 (dry run: nothing was written)");

        Cli update = Cli.run(concat(new String[] {"import", "--csv", source.toString()}, jpa));
        assertThat(update.summary()).isEqualTo("imported 0, updated 1, skipped 1, rejected 0");
        Cli again = Cli.run(concat(new String[] {"import", "--csv", source.toString()}, jpa));
        assertThat(again.summary()).isEqualTo("imported 0, updated 0, skipped 2, rejected 0");
        try (TokenStore store = TokenStores.jpa(url, "sa", null)) {
            assertThat(withoutIds(store.getTokens())).containsExactly(
                    expected("alice@zylker.example", EXPIRY + 1000, "https://www.zohoapis.eu"),
                    expected("bob@zylker.example", EXPIRY, "https://www.zohoapis.eu"));
        }
        assertThat(dry.all() + real.all() + dryUpdate.all() + update.all() + again.all())
                .doesNotContain(SdkTokens.secretsOf("alice@zylker.example", "bob@zylker.example"));
    }

    @Test
    void rejectedRowsAreReportedWithTheirReasonsAndTheOthersImported() throws Exception {
        String longSecret = "S".repeat(OAuthToken.MAX_TOKEN_LENGTH + 1);
        Path source = file("sdk_tokens.txt", sdkHeader(HEADER_10)
                + row10("1", "alice@zylker.example", EXPIRY)
                + sdkLine("2", "nothing@zylker.example", CLIENT, secret("n"), null, null, null, null, null, null)
                + sdkLine("3", "long@zylker.example", CLIENT, longSecret, refresh("l"), access("l"), null, null, null, null)
                + sdkLine("4", "when@zylker.example", CLIENT, secret("w"), refresh("w"), access("w"), null, "tomorrow",
                        null, null)
                + row10("5", "carol@zylker.example", EXPIRY)
                + sdkLine("6", "short@zylker.example", CLIENT)
                + row10("7", "carol@zylker.example", EXPIRY + 1)
                + sdkLine("8", "   ", CLIENT, secret("b"), refresh("b"), access("b"), null, null, null, null)
                + sdkLine("9", null, CLIENT, secret("x"), null, access("x"), null, null, null, null)
                + sdkLine("10", "null-grant@zylker.example", CLIENT, secret("g"), refresh("g"), "null", "null", "null",
                        "null", "null"));

        Cli cli = Cli.run("import", "--csv", source.toString(), "--into-memory");

        assertThat(cli.exitCode()).isEqualTo(TokenMigration.ROWS_REJECTED);
        assertThat(cli.err()).isEmpty();
        List<String> lines = Arrays.asList(cli.out().split("\n"));
        assertThat(lines.subList(2, lines.size())).containsExactly(
                "line 2   imported  user=alice@zylker.example clientId=1000.CLIENTIDZYLKER: clientSecret=**** "
                        + "refreshToken=**** accessToken=**** expiresAt=2030-03-17T17:46:40Z "
                        + "redirectUrl=https://app.zylker.example/oauth apiDomain=https://www.zohoapis.eu",
                "line 3   rejected  user=nothing@zylker.example clientId=1000.CLIENTIDZYLKER: TOKENSTORE-0420: the row "
                        + "has no access, refresh or grant token; nothing to import",
                "line 4   rejected  user=long@zylker.example clientId=1000.CLIENTIDZYLKER: TOKENSTORE-0002: "
                        + "clientSecret is 8193 characters long; at most 8192 are allowed",
                "line 5   rejected  user=when@zylker.example clientId=1000.CLIENTIDZYLKER: TOKENSTORE-0421: "
                        + "expiry_time is not a whole number of epoch milliseconds",
                "line 6   rejected  user=carol@zylker.example clientId=1000.CLIENTIDZYLKER: TOKENSTORE-0423: the user "
                        + "'carol@zylker.example' is also in line 8; none of these rows is imported: keep one and run again",
                "line 7   rejected  (no user): TOKENSTORE-0422: the row has 3 fields, the header 10",
                "line 8   rejected  user=carol@zylker.example clientId=1000.CLIENTIDZYLKER: TOKENSTORE-0423: the user "
                        + "'carol@zylker.example' is also in line 6; none of these rows is imported: keep one and run again",
                "line 9   rejected  user=    clientId=1000.CLIENTIDZYLKER: TOKENSTORE-0001: userSignature.name is null "
                        + "or blank; a user signature needs a name",
                "line 10  rejected  (no user) clientId=1000.CLIENTIDZYLKER: TOKENSTORE-0424: the row has no user, no "
                        + "grant token and no refresh token, only an access token with a client id: no store can find "
                        + "it again, so every run would add it anew; give it a user",
                "line 11  imported  user=null-grant@zylker.example clientId=1000.CLIENTIDZYLKER: clientSecret=**** "
                        + "refreshToken=****",
                "imported 2, updated 0, skipped 0, rejected 8");
        List<String> secrets = new ArrayList<>(SdkTokens.secretsOf("alice@zylker.example", "carol@zylker.example",
                "n", "l", "w", "b", "x", "g"));
        secrets.add(longSecret);
        assertThat(cli.all()).doesNotContain(secrets);
    }

    @Test
    void aRowWithoutUserThatWouldTakeAUsersTokenIsRejected() throws Exception {
        TokenStore store = TokenStores.inMemory();
        store.saveToken(expected("alice@zylker.example", EXPIRY, null));
        Path source = file("sdk_tokens.txt", sdkHeader(HEADER_10)
                + sdkLine("1", null, CLIENT, secret("alice@zylker.example"), refresh("alice@zylker.example"), null, null,
                        null, null, null));

        Report report = TokenImporter.importTokens(ZohoSdkFile.read(source), store, false);

        assertThat(report.rows()).containsExactly(new Report.Row("line 2", Report.Outcome.REJECTED,
                "(no user) clientId=" + CLIENT, "TOKENSTORE-0425: the row has no user, but its refresh token and "
                + "client id matches the stored token of user 'alice@zylker.example'; importing it would take that "
                + "token from the user; give the row its user"));
        assertThat(withoutIds(store.getTokens())).containsExactly(expected("alice@zylker.example", EXPIRY, null));
    }

    @Test
    void rowsWithoutUserThatFindEachOtherAreDuplicates() throws Exception {
        Path source = file("sdk_tokens.txt", sdkHeader(HEADER_10)
                + sdkLine("1", null, CLIENT, secret("a"), refresh("a"), null, null, null, null, null)
                + sdkLine("2", "alice@zylker.example", CLIENT, secret("a"), refresh("a"), null, null, null, null, null));

        Report report = TokenImporter.importTokens(ZohoSdkFile.read(source), TokenStores.inMemory(), true);

        assertThat(report.rows()).extracting(Report.Row::detail).containsExactly(
                "TOKENSTORE-0423: a token with the same refresh token and client id is also in line 3; none of these "
                        + "rows is imported: keep one and run again",
                "TOKENSTORE-0423: the user 'alice@zylker.example' is also in line 2; none of these rows is imported: "
                        + "keep one and run again");
    }

    @Test
    void exportWritesTheTenColumnLayoutThatTheFileStoreAndTheImportReadBack() throws Exception {
        Path source = file("sdk_tokens.txt", sdkHeader(HEADER_9_MAIL) + row9("1", "alice@zylker.example", EXPIRY)
                + row9("2", "bob,\"quoted\"@zylker.example", EXPIRY));
        String url = "jdbc:h2:file:" + dir.resolve("tokens").toAbsolutePath();
        assertThat(Cli.run("import", "--csv", source.toString(), "--into-jpa", url, "--jpa-user", "sa").exitCode())
                .isEqualTo(TokenMigration.OK);
        Path exported = dir.resolve("export.csv");

        Cli export = Cli.run("export", "--from-jpa", url, "--jpa-user", "sa", "--csv", exported.toString());

        assertThat(export.exitCode()).isEqualTo(TokenMigration.OK);
        assertThat(export.out()).isEqualTo("exported 2 tokens from the JPA token store (H2) to " + exported
                + " (10 columns: " + HEADER_10 + ")\n");
        assertThat(Files.readAllLines(exported).get(0)).isEqualTo(HEADER_10);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(exported))).isEqualTo("rw-------");
        List<OAuthToken> inDatabase;
        try (TokenStore jpa = TokenStores.jpa(url, "sa", null); TokenStore file = TokenStores.file(exported)) {
            inDatabase = jpa.getTokens();
            assertThat(file.getTokens()).containsExactlyElementsOf(inDatabase);
        }
        TokenStore memory = TokenStores.inMemory();
        assertThat(TokenImporter.importTokens(ZohoSdkFile.read(exported), memory, false).counts())
                .isEqualTo("imported 2, updated 0, skipped 0, rejected 0");
        assertThat(withoutIds(memory.getTokens())).containsExactlyElementsOf(withoutIds(inDatabase));

        Cli again = Cli.run("export", "--from-jpa", url, "--jpa-user", "sa", "--csv", exported.toString());
        assertThat(again.exitCode()).isEqualTo(TokenMigration.TARGET_FAILED);
        assertThat(again.err()).isEqualTo("TOKENSTORE-0410: the export file " + exported + " exists already; choose "
                + "another file, or pass --overwrite to replace it\n");
        assertThat(Cli.run("export", "--from-file", exported.toString(), "--csv", exported.toString(), "--overwrite")
                .exitCode()).isEqualTo(TokenMigration.OK);
        assertThat(export.all() + again.all()).doesNotContain(SdkTokens.secretsOf("alice@zylker.example"));
    }

    @Test
    void aMissingFileIsAClearErrorAndNothingIsCreated() {
        Path missing = dir.resolve("sdk_tokens.txt");
        Path target = dir.resolve("tokens.csv");

        Cli cli = Cli.run("import", "--csv", missing.toString(), "--into-file", target.toString());

        assertThat(cli.exitCode()).isEqualTo(TokenMigration.SOURCE_FAILED);
        assertThat(cli.err()).isEqualTo("TOKENSTORE-0401: the source file " + missing + " does not exist\n");
        assertThat(cli.out()).isEmpty();
        assertThat(target).doesNotExist();
    }

    @Test
    void anUnknownHeaderIsAClearError() throws Exception {
        Path source = file("contacts.csv", "name,email\nAlice,alice@zylker.example\n");

        Cli cli = Cli.run("import", "--csv", source.toString(), "--into-memory");

        assertThat(cli.exitCode()).isEqualTo(TokenMigration.SOURCE_FAILED);
        assertThat(cli.err()).isEqualTo("TOKENSTORE-0403: " + source + " line 1: the header 'name,email' is none of "
                + "the Zoho SDK token file layouts [" + HEADER_10 + ", "
                + HEADER_10.replace("user_name", "user_mail") + ", " + HEADER_9_NAME + ", " + HEADER_9_MAIL
                + ", user_mail,client_id,refresh_token,access_token,grant_token,expiry_time]; is it the right file?\n");
    }

    @Test
    void aFileThatIsNotUtf8IsAClearError() throws Exception {
        Path source = dir.resolve("sdk_tokens.txt");
        Files.write(source, new byte[] {'i', 'd', (byte) 0xC3, (byte) 0x28});

        Cli cli = Cli.run("import", "--csv", source.toString(), "--into-memory");

        assertThat(cli.exitCode()).isEqualTo(TokenMigration.SOURCE_FAILED);
        assertThat(cli.err()).isEqualTo("TOKENSTORE-0402: cannot read the source file " + source
                + ": it is not UTF-8 text\n");
    }

    @Test
    void wrongArgumentsAreUsageErrorsThatNeverEchoAValue() {
        Cli none = Cli.run("import", "--into-memory");
        assertThat(none.exitCode()).isEqualTo(TokenMigration.USAGE);
        assertThat(none.err()).isEqualTo("TOKENSTORE-0400: import needs one source (--csv, --db, --sqlite); none is "
                + "given; run TokenMigration --help for the usage\n");

        Cli stray = Cli.run("import", "--csv", "a.txt", "hunter2", "--into-memory");
        assertThat(stray.exitCode()).isEqualTo(TokenMigration.USAGE);
        assertThat(stray.err()).isEqualTo("TOKENSTORE-0400: argument 4 is not an option; run TokenMigration --help "
                + "for the usage\n");

        Cli unset = Cli.run(Map.of(), "import", "--db", "jdbc:mariadb://127.0.0.1:1/zohooauth", "--db-user", "root",
                "--db-password-env", "ZOHO_DB_PASSWORD", "--into-memory");
        assertThat(unset.exitCode()).isEqualTo(TokenMigration.USAGE);
        assertThat(unset.err()).isEqualTo("TOKENSTORE-0412: the environment variable ZOHO_DB_PASSWORD named by "
                + "--db-password-env is not set\n");

        Cli schema = Cli.run("import", "--csv", "a.txt", "--into-jpa", "jdbc:h2:mem:x", "--schema", "drop");
        assertThat(schema.exitCode()).isEqualTo(TokenMigration.USAGE);
        assertThat(schema.err()).isEqualTo("TOKENSTORE-0400: --schema is 'drop'; it is one of create, validate, none; "
                + "run TokenMigration --help for the usage\n");

        Cli both = Cli.run("import", "--csv", "a.txt", "--sqlite", "b.db", "--into-memory");
        assertThat(both.err()).isEqualTo("TOKENSTORE-0400: import needs one source (--csv, --db, --sqlite); 2 are "
                + "given; run TokenMigration --help for the usage\n");

        Cli help = Cli.run("--help");
        assertThat(help.exitCode()).isEqualTo(TokenMigration.OK);
        assertThat(help.out()).isEqualTo(TokenMigration.USAGE_TEXT);
    }

    static String[] concat(String[] a, String[] b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static boolean tableExists(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             ResultSet rs = c.getMetaData().getTables(null, null, "TOKENSTORE_TOKEN", null)) {
            return rs.next();
        }
    }
}
