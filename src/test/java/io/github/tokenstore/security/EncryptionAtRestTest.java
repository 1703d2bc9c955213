package io.github.tokenstore.security;

import io.github.tokenstore.EncryptionKeys;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.TokenStores;
import io.github.tokenstore.file.FileTokenStore;
import io.github.tokenstore.jpa.JpaTokenStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What an encrypted store leaves on disk, key rotation, and the errors of a missing or wrong key. Each
 * "no plaintext on disk" check runs against a plaintext store first, which must show the secrets: the
 * check itself can fail.
 */
class EncryptionAtRestTest {

    private final String k1 = TestKeys.newKey();
    private final String k2 = TestKeys.newKey();

    @TempDir
    Path dir;

    private String h2Url(String name) {
        return "jdbc:h2:file:" + dir.resolve(name).toAbsolutePath();
    }

    private static List<OAuthToken> saveUsers(TokenStore store, int count) {
        List<OAuthToken> saved = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            saved.add(store.saveToken(TestKeys.secretToken("user" + i + "@example.com")));
        }
        return saved;
    }

    private static List<String> secrets(List<OAuthToken> tokens) {
        return tokens.stream().flatMap(t -> TestKeys.secretsOf(t).stream()).toList();
    }

    /** Every byte of every file under {@code dir} (the H2 database file and anything beside it). */
    private static String bytesUnder(Path dir) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }

    @Test
    void theH2FileHoldsNoPlaintextSecretOfAnEncryptedStore() throws IOException {
        List<OAuthToken> plain;
        try (TokenStore store = TokenStores.jpa(h2Url("plain/db"), "sa", "")) {
            plain = saveUsers(store, 5);
        }
        assertThat(bytesUnder(dir.resolve("plain"))).as("control: a plaintext store shows its tokens")
                .contains(secrets(plain));

        List<OAuthToken> saved;
        try (TokenStore store = TokenStores.jpa(h2Url("enc/db"), "sa", "", TestKeys.keys("k1", k1))) {
            saved = saveUsers(store, 5);
            assertThat(store.findToken(OAuthToken.builder().accessToken(saved.get(3).accessToken()).build()))
                    .contains(saved.get(3));
            assertThat(store.findToken(OAuthToken.builder().clientId(saved.get(2).clientId())
                    .refreshToken(saved.get(2).refreshToken()).build())).contains(saved.get(2));
            assertThat(store.findToken(OAuthToken.builder().clientId(saved.get(1).clientId())
                    .grantToken(saved.get(1).grantToken()).build())).contains(saved.get(1));
        }
        String raw = bytesUnder(dir.resolve("enc"));
        for (String secret : secrets(saved)) {
            assertThat(raw).doesNotContain(secret);
        }
        assertThat(raw).contains("user3@example.com"); // the file was read: names are not encrypted
    }

    @Test
    void theCsvFileHoldsNoPlaintextSecretOfAnEncryptedStore() throws IOException {
        Path plainFile = dir.resolve("plain.txt");
        List<OAuthToken> plain = saveUsers(TokenStores.file(plainFile), 3);
        assertThat(Files.readString(plainFile)).contains(secrets(plain));

        Path file = dir.resolve("sdk_tokens.txt");
        List<OAuthToken> saved = saveUsers(TokenStores.file(file, TestKeys.keys("k1", k1)), 5);

        String content = Files.readString(file);
        assertThat(content).startsWith("id,user_name,client_id,client_secret,refresh_token,access_token,grant_token,"
                + "expiry_time,redirect_url,api_domain,encryption_key_id\n").contains(",v1:k1:");
        for (String secret : secrets(saved)) {
            assertThat(content).doesNotContain(secret);
        }
        assertThat(TokenStores.file(file, TestKeys.keys("k1", k1)).getTokens()).containsExactlyInAnyOrderElementsOf(saved);
    }

    @Test
    void anEncryptedFileKeepsTheDataCenterAndAccountReadableAndTheKeyIdLast() throws IOException {
        Path file = dir.resolve("dc_tokens.txt");
        TokenStore store = TokenStores.file(file, TestKeys.keys("k1", k1));
        List<OAuthToken> before = saveUsers(store, 2);
        String old = Files.readString(file);
        assertThat(old).startsWith("id,user_name,client_id,client_secret,refresh_token,access_token,grant_token,"
                + "expiry_time,redirect_url,api_domain,encryption_key_id\n");

        OAuthToken eu = store.saveToken(before.get(1).toBuilder().dataCenter("eu").account("user1@zoho.eu").build());

        String content = Files.readString(file);
        assertThat(content).startsWith("id,user_name,client_id,client_secret,refresh_token,access_token,grant_token,"
                + "expiry_time,redirect_url,api_domain,data_center,account,encryption_key_id\n")
                .contains(",eu,user1@zoho.eu,k1\n").contains(",,,k1\n");
        for (String secret : secrets(List.of(eu))) {
            assertThat(content).doesNotContain(secret);
        }
        assertThat(TokenStores.file(file, TestKeys.keys("k1", k1)).getTokens()).containsExactly(before.get(0), eu);
        // A file written before the columns existed still reads, with its keys.
        Path older = dir.resolve("older_tokens.txt");
        Files.writeString(older, old);
        assertThat(TokenStores.file(older, TestKeys.keys("k1", k1)).getTokens()).containsExactlyElementsOf(before);
    }

    @Test
    void rotationOnTheJpaStoreOldKeysReadSavesAndReencryptAllMoveToTheActiveKey() throws Exception {
        String url = h2Url("rot/db");
        List<OAuthToken> saved;
        try (TokenStore store = TokenStores.jpa(url, "sa", "", TestKeys.keys("k1", k1))) {
            saved = saveUsers(store, 250);
        }
        try (JpaTokenStore store = TokenStores.jpa(url, "sa", "", TestKeys.keys("k2", k2, "k1", k1))) {
            // Old rows read and are found by token (their digests are under k1).
            assertThat(store.findToken(OAuthToken.builder().accessToken(saved.get(7).accessToken()).build()))
                    .contains(saved.get(7));
            store.saveToken(saved.get(7).toBuilder().accessToken("SECRETnew").build());
            assertThat(keyIdCounts(url)).containsExactlyInAnyOrder("k1=249", "k2=1");

            assertThat(store.reencryptAll()).isEqualTo(249);
            assertThat(keyIdCounts(url)).containsExactly("k2=250");
            assertThat(store.reencryptAll()).isZero();
        }
        try (TokenStore onlyNew = TokenStores.jpa(url, "sa", "", TestKeys.keys("k2", k2))) {
            assertThat(onlyNew.getTokens()).hasSize(250);
            assertThat(onlyNew.findToken(OAuthToken.builder().accessToken(saved.get(9).accessToken()).build()))
                    .contains(saved.get(9));
            assertThat(onlyNew.findToken(OAuthToken.builder().accessToken("SECRETnew").build())).isPresent();
        }
    }

    private static List<String> keyIdCounts(String url) throws Exception {
        List<String> counts = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT encryption_key_id, COUNT(*) FROM tokenstore_token "
                     + "GROUP BY encryption_key_id")) {
            while (rs.next()) {
                counts.add(rs.getString(1) + "=" + rs.getLong(2));
            }
        }
        return counts;
    }

    @Test
    void aMissingKeyOrNoKeysOrAWrongKeyIsAClearErrorOnTheJpaStore() {
        String url = h2Url("err/db");
        OAuthToken saved;
        try (TokenStore store = TokenStores.jpa(url, "sa", "", TestKeys.keys("k1", k1))) {
            saved = store.saveToken(TestKeys.secretToken("alice"));
        }
        OAuthToken byUser = OAuthToken.builder().user("alice").build();
        try (TokenStore other = TokenStores.jpa(url, "sa", "", TestKeys.keys("k3", k2))) {
            assertThatThrownBy(() -> other.findToken(byUser))
                    .isInstanceOf(TokenStoreException.class)
                    .hasMessage("TOKENSTORE-0310: the token row " + saved.id() + " column client_secret of "
                            + "tokenstore_token is encrypted with the key 'k1', which is not among the configured "
                            + "keys [k3]; add the key 'k1' to tokenstore.encryption.keys (older keys stay listed "
                            + "after the active one until reencryptAll has run)");
        }
        try (TokenStore none = TokenStores.jpa(url, "sa", "")) {
            assertThatThrownBy(() -> none.getTokens())
                    .isInstanceOf(TokenStoreException.class)
                    .hasMessage("TOKENSTORE-0313: the token row " + saved.id() + " of tokenstore_token is "
                            + "encrypted with the key 'k1', but the store was opened without encryption keys; "
                            + "configure tokenstore.encryption.keys with that key");
            assertThatThrownBy(() -> ((JpaTokenStore) none).reencryptAll())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("TOKENSTORE-0314: reencryptAll: the JPA token store (H2) has no "
                            + "encryption keys");
        }
        try (TokenStore wrong = TokenStores.jpa(url, "sa", "", TestKeys.keys("k1", k2))) {
            assertThatThrownBy(() -> wrong.findTokenById(saved.id()))
                    .isInstanceOf(TokenStoreException.class)
                    .hasMessage("TOKENSTORE-0311: the token row " + saved.id() + " column client_secret of "
                            + "tokenstore_token cannot be decrypted with the key 'k1': the key with that id is not "
                            + "the one the value was encrypted with, or the stored value was altered");
        }
    }

    @Test
    void aPlaintextJpaStoreBecomesEncryptedAndStaysSearchable() {
        String url = h2Url("mig/db");
        List<OAuthToken> saved;
        try (TokenStore store = TokenStores.jpa(url, "sa", "")) {
            saved = saveUsers(store, 3);
        }
        try (JpaTokenStore store = TokenStores.jpa(url, "sa", "", TestKeys.keys("k1", k1))) {
            assertThat(store.findToken(OAuthToken.builder().accessToken(saved.get(1).accessToken()).build()))
                    .contains(saved.get(1));
            assertThat(store.reencryptAll()).isEqualTo(3);
            assertThat(store.findToken(OAuthToken.builder().accessToken(saved.get(1).accessToken()).build()))
                    .contains(saved.get(1));
            assertThat(store.getTokens()).containsExactlyInAnyOrderElementsOf(saved);
        }
    }

    @Test
    void theFileStoreRotatesAndFailsClearlyWithoutItsKey() throws IOException {
        Path file = dir.resolve("sdk_tokens.txt");
        List<OAuthToken> saved = saveUsers(TokenStores.file(file, TestKeys.keys("k1", k1)), 3);

        FileTokenStore rotated = TokenStores.file(file, TestKeys.keys("k2", k2, "k1", k1));
        assertThat(rotated.getTokens()).containsExactlyInAnyOrderElementsOf(saved);
        assertThat(rotated.reencryptAll()).isEqualTo(3);
        assertThat(Files.readString(file)).doesNotContain("v1:k1:").contains("v1:k2:");
        assertThat(TokenStores.file(file, TestKeys.keys("k2", k2)).getTokens()).containsExactlyInAnyOrderElementsOf(saved);

        assertThatThrownBy(() -> TokenStores.file(file).getTokens())
                .isInstanceOf(TokenStoreException.class)
                .hasMessage("TOKENSTORE-0313: " + file.toAbsolutePath() + " line 2 is encrypted with the key 'k2', "
                        + "but the store was opened without encryption keys; configure tokenstore.encryption.keys "
                        + "with that key");
        assertThatThrownBy(() -> TokenStores.file(file, TestKeys.keys("k1", k1)).getTokens())
                .hasMessage("TOKENSTORE-0310: " + file.toAbsolutePath() + " line 2 column client_secret is "
                        + "encrypted with the key 'k2', which is not among the configured keys [k1]; add the key "
                        + "'k2' to tokenstore.encryption.keys (older keys stay listed after the active one until "
                        + "reencryptAll has run)");
        assertThatThrownBy(() -> TokenStores.file(file, TestKeys.keys("k2", k1)).getTokens())
                .hasMessageStartingWith("TOKENSTORE-0311: " + file.toAbsolutePath() + " line 2 column client_secret");
    }

    @Test
    void aPlaintextFileIsReadAndEncryptedByTheNextSave() throws IOException {
        Path file = dir.resolve("sdk_tokens.txt");
        List<OAuthToken> saved = saveUsers(TokenStores.file(file), 2);
        FileTokenStore store = TokenStores.file(file, TestKeys.keys("k1", k1));

        assertThat(store.getTokens()).containsExactlyInAnyOrderElementsOf(saved);
        store.saveToken(TestKeys.secretToken("third"));
        assertThat(Files.readString(file)).doesNotContain(secrets(saved).get(0)).contains("v1:k1:");
    }

    @Test
    void aFileSaveEncryptsOnlyTheTokenItChangesAndRotationStillMovesEveryToken() throws IOException {
        Path file = dir.resolve("sdk_tokens.txt");
        FileTokenStore store = TokenStores.file(file, TestKeys.keys("k1", k1));
        List<OAuthToken> saved = saveUsers(store, 3);
        List<String> before = Files.readAllLines(file);

        OAuthToken changed = store.saveToken(TestKeys.secretToken("user1@example.com"));
        List<String> after = Files.readAllLines(file);
        // Unchanged rows keep their bytes (a fresh encryption would draw a new nonce); the saved one changed.
        assertThat(after.get(1)).isEqualTo(before.get(1));
        assertThat(after.get(3)).isEqualTo(before.get(3));
        assertThat(after.get(2)).isNotEqualTo(before.get(2));
        assertThat(TokenStores.file(file, TestKeys.keys("k1", k1)).getTokens())
                .containsExactly(saved.get(0), changed, saved.get(2));

        // reencryptAll encrypts every token afresh, with the active key; another store reads them all.
        FileTokenStore rotated = TokenStores.file(file, TestKeys.keys("k2", k2, "k1", k1));
        rotated.saveToken(TestKeys.secretToken("user3@example.com"));
        assertThat(Files.readString(file)).doesNotContain("v1:k1:");
        List<String> rotatedRows = Files.readAllLines(file);
        assertThat(rotated.reencryptAll()).isEqualTo(4);
        List<String> again = Files.readAllLines(file);
        for (int row = 1; row < again.size(); row++) {
            assertThat(again.get(row)).as("row " + row).isNotEqualTo(rotatedRows.get(row)).contains("v1:k2:");
        }
        assertThat(TokenStores.file(file, TestKeys.keys("k2", k2)).getTokens()).hasSize(4)
                .contains(saved.get(0), changed, saved.get(2));
    }

    @Test
    void keysAreNeverInAStoreDescription() {
        EncryptionKeys keys = TestKeys.keys("k1", k1);
        assertThat(TokenStores.file(dir.resolve("f"), keys).toString()).doesNotContain(k1);
        try (TokenStore store = TokenStores.jpa(h2Url("d/db"), "sa", "", keys)) {
            assertThat(store.toString()).doesNotContain(k1);
        }
    }
}
