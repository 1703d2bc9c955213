package io.github.tokenstore.migrate;

import io.github.tokenstore.EncryptionKeys;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStores;
import io.github.tokenstore.file.FileTokenStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.github.tokenstore.migrate.SdkTokens.CLIENT;
import static io.github.tokenstore.migrate.SdkTokens.EXPIRY;
import static io.github.tokenstore.migrate.SdkTokens.access;
import static io.github.tokenstore.migrate.SdkTokens.refresh;
import static io.github.tokenstore.migrate.SdkTokens.secret;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command on this library's own encrypted token file (written by {@link FileTokenStore} with keys, 11
 * columns): decrypted with keys from the environment variable {@code --csv-keys-env} names, and the
 * errors of a file without keys, a wrong key and an unknown key id.
 */
class EncryptedFileImportTest {

    static final String ALICE = "alice@zylker.example";
    static final String BOB = "bob@zylker.example";
    static final String K1 = key(1);
    static final String K1_OTHER = key(33);
    static final String K2 = key(65);

    @TempDir
    Path dir;

    /** A fixed AES-256 key: the 32 bytes {@code first, first + 1, ...}. */
    static String key(int first) {
        byte[] bytes = new byte[32];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (first + i);
        }
        return Base64.getEncoder().encodeToString(bytes);
    }

    static OAuthToken token(String user) {
        return OAuthToken.builder().user(user).clientId(CLIENT).clientSecret(secret(user)).refreshToken(refresh(user))
                .accessToken(access(user)).grantToken("1000.gtok-" + user).expiresAt(Instant.ofEpochMilli(EXPIRY))
                .redirectUrl("https://app.zylker.example/oauth").apiDomain("https://www.zohoapis.eu").build();
    }

    /** A token file as the file store writes it with the key k1. */
    Path encryptedFile() {
        Path file = dir.resolve("sdk_tokens.txt");
        FileTokenStore store = TokenStores.file(file, EncryptionKeys.parse("k1:" + K1));
        store.saveToken(token(ALICE));
        store.saveToken(token(BOB));
        return file;
    }

    static List<String> secrets() {
        List<String> secrets = new java.util.ArrayList<>(SdkTokens.secretsOf(ALICE, BOB));
        secrets.addAll(List.of("gtok-" + ALICE, "gtok-" + BOB, K1, K1_OTHER, K2));
        return secrets;
    }

    @Test
    void anEncryptedFileStoreIsImportedIntoJpaWithItsValues() throws Exception {
        Path source = encryptedFile();
        assertThat(Files.readString(source)).doesNotContain(secret(ALICE)).contains(",encryption_key_id\n");
        String url = "jdbc:h2:file:" + dir.resolve("tokens").toAbsolutePath();

        Cli cli = Cli.run(Map.of("TOKENSTORE_KEYS", "k2:" + K2 + ",k1:" + K1), "import", "--csv", source.toString(),
                "--csv-keys-env", "TOKENSTORE_KEYS", "--into-jpa", url, "--jpa-user", "sa");

        assertThat(cli.exitCode()).as(cli.all()).isEqualTo(TokenMigration.OK);
        assertThat(cli.out()).startsWith("source: the library's encrypted token file " + source + " (11 columns: "
                + "id,user_name,client_id,client_secret,refresh_token,access_token,grant_token,expiry_time,"
                + "redirect_url,api_domain,encryption_key_id), 2 rows\n");
        assertThat(cli.summary()).isEqualTo("imported 2, updated 0, skipped 0, rejected 0");
        try (TokenStore store = TokenStores.jpa(url, "sa", null)) {
            for (String user : List.of(ALICE, BOB)) {
                OAuthToken stored = store.findToken(OAuthToken.builder().user(user).build()).orElseThrow();
                assertThat(stored.toBuilder().id(null).build()).isEqualTo(token(user));
            }
        }
        assertThat(cli.all()).doesNotContain(secrets());

        Cli again = Cli.run(Map.of("TOKENSTORE_KEYS", "k1:" + K1), "import", "--csv", source.toString(),
                "--csv-keys-env", "TOKENSTORE_KEYS", "--into-jpa", url, "--jpa-user", "sa");
        assertThat(again.summary()).isEqualTo("imported 0, updated 0, skipped 2, rejected 0");
    }

    @Test
    void anEncryptedFileWithoutKeys_0413() {
        Path source = encryptedFile();
        Path target = dir.resolve("target.csv");

        Cli cli = Cli.run("import", "--csv", source.toString(), "--into-file", target.toString());

        assertThat(cli.exitCode()).isEqualTo(TokenMigration.SOURCE_FAILED);
        assertThat(cli.err()).isEqualTo("TOKENSTORE-0413: " + source + " line 2 is encrypted with the key 'k1' (the "
                + "library's encrypted token file), but no keys were given; pass --csv-keys-env VAR, VAR being an "
                + "environment variable that holds the keys as tokenstore.encryption.keys does "
                + "(<key-id>:<base64>,...)\n");
        assertThat(target).doesNotExist();
    }

    @Test
    void aWrongKeyUnderTheSameId_0311() {
        Path source = encryptedFile();
        Path target = dir.resolve("target.csv");

        Cli cli = Cli.run(Map.of("KEYS", "k1:" + K1_OTHER), "import", "--csv", source.toString(), "--csv-keys-env",
                "KEYS", "--into-file", target.toString());

        assertThat(cli.exitCode()).isEqualTo(TokenMigration.SOURCE_FAILED);
        assertThat(cli.err()).isEqualTo("TOKENSTORE-0311: " + source + " line 2 column client_secret cannot be "
                + "decrypted with the key 'k1': the key with that id is not the one the value was encrypted with, or "
                + "the stored value was altered\n");
        assertThat(target).doesNotExist();
        assertThat(cli.all()).doesNotContain(secrets());
    }

    @Test
    void anUnknownKeyId_0310() {
        Path source = encryptedFile();

        Cli cli = Cli.run(Map.of("KEYS", "k2:" + K2), "import", "--csv", source.toString(), "--csv-keys-env", "KEYS",
                "--into-memory");

        assertThat(cli.exitCode()).isEqualTo(TokenMigration.SOURCE_FAILED);
        assertThat(cli.err()).isEqualTo("TOKENSTORE-0310: " + source + " line 2 column client_secret is encrypted "
                + "with the key 'k1', which is not among the configured keys [k2]; add the key 'k1' to "
                + "tokenstore.encryption.keys (older keys stay listed after the active one until reencryptAll has "
                + "run)\n");
    }

    @Test
    void theKeysVariableIsNotSet_0412() {
        Path source = encryptedFile();

        Cli cli = Cli.run("import", "--csv", source.toString(), "--csv-keys-env", "NO_SUCH_VARIABLE", "--into-memory");

        assertThat(cli.exitCode()).isEqualTo(TokenMigration.USAGE);
        assertThat(cli.err()).isEqualTo("TOKENSTORE-0412: the environment variable NO_SUCH_VARIABLE named by "
                + "--csv-keys-env is not set\n");
    }

    @Test
    void malformedKeysAreNamedByPositionNeverShown() {
        Path source = encryptedFile();

        Cli cli = Cli.run(Map.of("KEYS", "k1:" + K1 + "," + K2), "import", "--csv", source.toString(),
                "--csv-keys-env", "KEYS", "--into-memory");

        assertThat(cli.exitCode()).isEqualTo(TokenMigration.USAGE);
        assertThat(cli.err()).startsWith("TOKENSTORE-0301: ");
        assertThat(cli.all()).doesNotContain(secrets());
    }

    @Test
    void theKeysGoWithTheFileSourceOnly() {
        Cli cli = Cli.run(Map.of("KEYS", "k1:" + K1), "import", "--sqlite", dir.resolve("z.db").toString(),
                "--csv-keys-env", "KEYS", "--into-memory");

        assertThat(cli.exitCode()).isEqualTo(TokenMigration.USAGE);
        assertThat(cli.err()).isEqualTo("TOKENSTORE-0400: --csv-keys-env goes with --csv; run TokenMigration --help "
                + "for the usage\n");
    }

    @Test
    void aPlaintextFileNeedsNoKeysAndIgnoresThem() {
        Path source = dir.resolve("plain.txt");
        TokenStores.file(source).saveToken(token(ALICE));

        Cli cli = Cli.run(Map.of("KEYS", "k1:" + K1), "import", "--csv", source.toString(), "--csv-keys-env", "KEYS",
                "--into-memory");

        assertThat(cli.exitCode()).as(cli.all()).isEqualTo(TokenMigration.OK);
        assertThat(cli.summary()).isEqualTo("imported 1, updated 0, skipped 0, rejected 0");
    }
}
