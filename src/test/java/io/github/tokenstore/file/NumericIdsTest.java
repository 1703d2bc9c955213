package io.github.tokenstore.file;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.security.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Numeric ids in the file store: what the Zoho SDK's own {@code FileStore} can add to, never reused. */
class NumericIdsTest {

    static final String SDK_HEADER = TokenCsv.HEADER;

    @TempDir
    Path dir;

    Path file() {
        return dir.resolve("sdk_tokens.txt");
    }

    FileTokenStore numeric() {
        return new FileTokenStore(file(), null, FileTokenStore.Ids.NUMERIC);
    }

    static OAuthToken token(String user) {
        return OAuthToken.builder().user(user).clientId("1000.CLIENT").clientSecret("secret")
                .refreshToken("1000.refresh." + user).accessToken("1000.access." + user)
                .expiresAt(Instant.ofEpochMilli(1_764_352_800_123L)).build();
    }

    /** The ids the SDK's FileStore reads: every line's first field through {@code Integer.parseInt}. */
    List<Integer> idsAsTheSdkParsesThem() throws Exception {
        List<String> lines = Files.readAllLines(file(), StandardCharsets.UTF_8);
        List<Integer> ids = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            ids.add(Integer.parseInt(line.substring(0, line.indexOf(','))));
        }
        return ids;
    }

    @Test
    void newTokensGetTheNextDecimalIdAndADeletedIdIsNeverGivenOutAgain() throws Exception {
        try (TokenStore store = numeric()) {
            assertThat(store.saveToken(token("a@zylker.example")).id()).isEqualTo("1");
            assertThat(store.saveToken(token("b@zylker.example")).id()).isEqualTo("2");
            OAuthToken c = store.saveToken(token("c@zylker.example"));
            assertThat(c.id()).isEqualTo("3");
            store.deleteToken(c.id());

            assertThat(store.saveToken(token("d@zylker.example")).id()).isEqualTo("4");
            assertThat(store.saveToken(token("a@zylker.example").toBuilder().accessToken("new").build()).id())
                    .as("an update keeps the id").isEqualTo("1");
        }
        assertThat(Files.readAllLines(file()).get(0)).isEqualTo(SDK_HEADER + ",tokenstore_last_id=4");
        assertThat(idsAsTheSdkParsesThem()).containsExactly(1, 2, 4);

        try (TokenStore again = numeric()) {
            again.deleteToken("4");
            assertThat(again.saveToken(token("e@zylker.example")).id()).as("the mark survives the JVM").isEqualTo("5");
        }
    }

    @Test
    void aFileTheSdksFileStoreWroteGoesOnAboveItsLargestId() throws Exception {
        Files.writeString(file(), SDK_HEADER + "\n"
                + "1,a@zylker.example,1000.CLIENT,secret,r1,a1,,1764352800123,,https://www.zohoapis.com\n"
                + "7,b@zylker.example,1000.CLIENT,secret,r7,a7,,1764352800123,,https://www.zohoapis.com\n");
        try (TokenStore store = numeric()) {
            assertThat(store.saveToken(token("c@zylker.example")).id()).isEqualTo("8");
            store.deleteToken("8");
            store.deleteToken("7");
            assertThat(store.saveToken(token("d@zylker.example")).id()).isEqualTo("9");
        }
        assertThat(idsAsTheSdkParsesThem()).containsExactly(1, 9);
    }

    @Test
    void theSdksFileStoreKeepsTheHeaderItReadAndAnIdItAddedIsNotGivenOutAgain() throws Exception {
        try (TokenStore store = numeric()) {
            store.saveToken(token("a@zylker.example"));
            store.saveToken(token("b@zylker.example"));
            store.deleteToken("2");
        }
        // The SDK's FileStore rewrites the file with the header it read and adds a row as max(id) + 1.
        Files.writeString(file(), Files.readString(file())
                + "2,sdk@zylker.example,1000.CLIENT,secret,r,a,,1764352800123,,https://www.zohoapis.com\n");

        try (TokenStore store = numeric()) {
            assertThat(store.findTokenById("2").orElseThrow().userSignature().name()).isEqualTo("sdk@zylker.example");
            assertThat(store.saveToken(token("c@zylker.example")).id()).isEqualTo("3");
        }
    }

    @Test
    void aUuidStoreKeepsTheMarkOfAFileThatHasOne() throws Exception {
        try (TokenStore store = numeric()) {
            store.saveToken(token("a@zylker.example"));
            store.saveToken(token("b@zylker.example"));
            store.deleteToken("2");
        }
        try (TokenStore uuid = new FileTokenStore(file())) {
            assertThat(uuid.saveToken(token("c@zylker.example")).id()).hasSize(36);
        }
        assertThat(Files.readAllLines(file()).get(0)).isEqualTo(SDK_HEADER + ",tokenstore_last_id=2");
        try (TokenStore store = numeric()) {
            assertThat(store.saveToken(token("d@zylker.example")).id()).isEqualTo("3");
        }
    }

    @Test
    void anEncryptedFileKeepsItsMarkToo() throws Exception {
        io.github.tokenstore.EncryptionKeys keys = TestKeys.keys("k1", TestKeys.newKey());
        try (TokenStore store = new FileTokenStore(file(), keys, FileTokenStore.Ids.NUMERIC)) {
            store.saveToken(token("a@zylker.example"));
            OAuthToken b = store.saveToken(token("b@zylker.example"));
            store.deleteToken(b.id());
        }
        assertThat(Files.readAllLines(file()).get(0))
                .isEqualTo(TokenCsv.ENCRYPTED_HEADER + ",tokenstore_last_id=2");
        try (TokenStore store = new FileTokenStore(file(), keys, FileTokenStore.Ids.NUMERIC)) {
            assertThat(store.findTokenById("1").orElseThrow().accessToken()).isEqualTo("1000.access.a@zylker.example");
            assertThat(store.saveToken(token("c@zylker.example")).id()).isEqualTo("3");
        }
    }

    @Test
    void theMarkFollowsTheLibrarysOwnColumns() throws Exception {
        try (TokenStore store = numeric()) {
            store.saveToken(token("a@zylker.example").toBuilder().dataCenter("eu").build());
        }
        assertThat(Files.readAllLines(file()).get(0)).isEqualTo(TokenCsv.EXTENDED_HEADER + ",tokenstore_last_id=1");
        try (TokenStore store = numeric()) {
            assertThat(store.findTokenById("1").orElseThrow().dataCenter()).isEqualTo("eu");
            assertThat(store.saveToken(token("b@zylker.example")).id()).isEqualTo("2");
        }
    }

    @Test
    void renumberingKeepsNumericIdsAndNumbersTheOthersAboveTheLargest() {
        List<OAuthToken> tokens = List.of(token("a").toBuilder().id("0b1c2d3e-0000-4000-8000-000000000000").build(),
                token("b").toBuilder().id("12").build(), token("c").toBuilder().id("not-a-number").build(),
                token("d").toBuilder().id("12").build(), token("e").toBuilder().id("99999999999").build());

        NumericIds.Numbered numbered = NumericIds.renumber(tokens, 0);

        assertThat(numbered.tokens()).extracting(OAuthToken::id).containsExactly("13", "12", "14", "15", "16");
        assertThat(numbered.lastId()).isEqualTo(16);
        assertThat(numbered.tokens().get(1)).isEqualTo(tokens.get(1));
    }

    @Test
    void theLargestIdTheSdkCanReadIsTheLast() throws Exception {
        Files.writeString(file(), SDK_HEADER + ",tokenstore_last_id=2147483647\n");
        try (TokenStore store = numeric()) {
            assertThatThrownBy(() -> store.saveToken(token("a@zylker.example")))
                    .isInstanceOf(TokenStoreException.class)
                    .hasMessage("TOKENSTORE-0951: numeric token ids: the next id would pass 2147483647, the largest"
                            + " the Zoho SDK's FileStore can read; export the tokens with TokenMigration export"
                            + " --numeric-ids to a new file, or use uuid ids");
        }
    }
}
