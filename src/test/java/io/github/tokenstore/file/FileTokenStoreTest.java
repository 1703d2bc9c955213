package io.github.tokenstore.file;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.TokenStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What only the file store does: the SDK layout, quoting, permissions, bad files, other processes. */
class FileTokenStoreTest {

    private static final String HEADER =
            "id,user_name,client_id,client_secret,refresh_token,access_token,grant_token,expiry_time,redirect_url,api_domain";

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("sdk_tokens.txt");
    }

    @Test
    void writesTheZohoSdkLayoutWithBareValuesWhereNoQuotingIsNeeded() throws IOException {
        TokenStore store = TokenStores.file(file());
        OAuthToken saved = store.saveToken(OAuthToken.builder().user("alice@zylker.example").clientId("1000.C")
                .clientSecret("s3").refreshToken("1000.r").accessToken("1000.a")
                .expiresAt(Instant.ofEpochMilli(1764352800123L)).redirectUrl("https://p.example/cb")
                .apiDomain("https://www.zohoapis.com").build());

        assertThat(Files.readString(file())).isEqualTo(HEADER + "\n" + saved.id()
                + ",alice@zylker.example,1000.C,s3,1000.r,1000.a,,1764352800123,https://p.example/cb,https://www.zohoapis.com\n");
    }

    @Test
    void quotesValuesWithCommasQuotesAndLineBreaks() throws IOException {
        TokenStore store = TokenStores.file(file());
        OAuthToken saved = store.saveToken(OAuthToken.builder().user("a,b").accessToken("say \"hi\"\r\nbye").build());

        assertThat(Files.readString(file())).isEqualTo(HEADER + "\n" + saved.id()
                + ",\"a,b\",,,,\"say \"\"hi\"\"\r\nbye\",,,,\n");
    }

    @Test
    void readsAnExistingSdkFileIncludingTheOlderUserMailHeaderAndCrlfLines() throws IOException {
        Files.writeString(file(), HEADER.replace("user_name", "user_mail") + "\r\n"
                + "1,alice@zylker.example,1000.C,s3,1000.r,1000.a,,1764352800123,https://p.example/cb,https://www.zohoapis.com\r\n"
                + "\r\n"
                + "2,bob@zylker.example,1000.C,s3,1000.r2,,,,,\r\n");
        TokenStore store = TokenStores.file(file());

        OAuthToken alice = store.findToken(OAuthToken.builder().user("alice@zylker.example").build()).orElseThrow();
        assertThat(alice.id()).isEqualTo("1");
        assertThat(alice.expiresAt()).isEqualTo(Instant.ofEpochMilli(1764352800123L));
        assertThat(store.findToken(OAuthToken.builder().clientId("1000.C").refreshToken("1000.r2").build()))
                .map(OAuthToken::id).contains("2");
    }

    @Test
    void theDataCenterAndAccountColumnsAreWrittenOnlyWhileATokenHasOne() throws IOException {
        TokenStore store = TokenStores.file(file());
        OAuthToken alice = store.saveToken(OAuthToken.builder().user("alice").accessToken("a1").build());
        assertThat(Files.readString(file())).as("no token has them: the SDK's own layout")
                .isEqualTo(HEADER + "\n" + alice.id() + ",alice,,,,a1,,,,\n");

        OAuthToken bob = store.saveToken(OAuthToken.builder().user("bob").accessToken("b1").dataCenter("eu")
                .account("bob,\"the\" builder@zoho.example").build());
        assertThat(Files.readString(file())).isEqualTo(HEADER + ",data_center,account\n"
                + alice.id() + ",alice,,,,a1,,,,,,\n"
                + bob.id() + ",bob,,,,b1,,,,,eu,\"bob,\"\"the\"\" builder@zoho.example\"\n");
        assertThat(TokenStores.file(file()).getTokens()).containsExactly(alice, bob);

        OAuthToken bobAgain = store.saveToken(bob.toBuilder().dataCenter(null).account(null).build());
        assertThat(Files.readString(file())).as("back to the SDK's layout")
                .isEqualTo(HEADER + "\n" + alice.id() + ",alice,,,,a1,,,,\n" + bob.id() + ",bob,,,,b1,,,,\n");
        assertThat(TokenStores.file(file()).getTokens()).containsExactly(alice, bobAgain);
    }

    @Test
    void readsAFileWithTheDataCenterAndAccountColumns() throws IOException {
        Files.writeString(file(), HEADER + ",data_center,account\r\n"
                + "1,alice,1000.C,s3,1000.r,1000.a,,1764352800123,https://p.example/cb,https://www.zohoapis.eu,eu,"
                + "alice@zoho.eu\r\n"
                + "2,bob,1000.C,s3,1000.r2,,,,,,,\r\n");

        TokenStore store = TokenStores.file(file());

        OAuthToken alice = store.findTokenById("1").orElseThrow();
        assertThat(alice.dataCenter()).isEqualTo("eu");
        assertThat(alice.account()).isEqualTo("alice@zoho.eu");
        assertThat(alice.apiDomain()).isEqualTo("https://www.zohoapis.eu");
        OAuthToken bob = store.findTokenById("2").orElseThrow();
        assertThat(bob.dataCenter()).isNull();
        assertThat(bob.account()).isNull();
    }

    @Test
    void aBadDataCenterInTheFileIsAValueRuleErrorThatDoesNotShowTheValue() throws IOException {
        Files.writeString(file(), HEADER + ",data_center,account\n1,alice,c,s,r,a,,,u,d,Europe/Paris,\n");

        assertThatThrownBy(() -> TokenStores.file(file()).getTokens())
                .isInstanceOf(TokenStoreException.class)
                .hasMessage("TOKENSTORE-0033: " + file() + " line 2: TOKENSTORE-0970: dataCenter (12 characters) is "
                        + "not a data center location code: 1 to 16 characters of a-z, 0-9 and '-' (e.g. eu, as in "
                        + "Zoho's location= parameter); the file was left as it is (fix or move it)");
        Files.writeString(file(), HEADER + ",data_center,account\n1,alice,c,s,r,a,,,u,d,eu\n");
        assertThatThrownBy(() -> TokenStores.file(file()).getTokens())
                .hasMessage("TOKENSTORE-0030: " + file() + " line 2: expected 12 fields, found 11; "
                        + "the file was left as it is (fix or move it)");
    }

    @Test
    void createsTheFileReadableByItsOwnerOnly() throws IOException {
        TokenStores.file(file()).saveToken(OAuthToken.builder().user("alice").accessToken("a").build());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("sdk_tokens.txt.lock"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aForeignFileIsAnErrorAndIsLeftAsItIs() throws IOException {
        String foreign = "name,email\nAlice,alice@zylker.example\n";
        Files.writeString(file(), foreign);
        TokenStore store = TokenStores.file(file());

        assertThatThrownBy(() -> store.saveToken(OAuthToken.builder().user("bob").accessToken("a").build()))
                .isInstanceOf(TokenStoreException.class)
                .hasMessage("TOKENSTORE-0031: " + file() + " line 1: the header 'name,email' is not the token file header '"
                        + HEADER + "'; the file was left as it is (is it the right file?)");
        assertThat(Files.readString(file())).isEqualTo(foreign);
    }

    @Test
    void aRecordWithTheWrongNumberOfFieldsNamesItsLine() throws IOException {
        String corrupt = HEADER + "\n1,alice,c,s,r,a,,1,u,d\n2,bob,c\n";
        Files.writeString(file(), corrupt);
        TokenStore store = TokenStores.file(file());

        assertThatThrownBy(store::getTokens)
                .isInstanceOf(TokenStoreException.class)
                .hasMessage("TOKENSTORE-0030: " + file() + " line 3: expected 10 fields, found 3; "
                        + "the file was left as it is (fix or move it)");
        assertThatThrownBy(store::deleteTokens).hasMessageStartingWith("TOKENSTORE-0030: ");
        assertThat(Files.readString(file())).isEqualTo(corrupt);
    }

    @Test
    void anUnclosedQuoteNamesTheLineItStartsOn() throws IOException {
        Files.writeString(file(), HEADER + "\n1,\"alice,c,s,r,a,,1,u,d\n\n");

        assertThatThrownBy(() -> TokenStores.file(file()).getTokens())
                .hasMessage("TOKENSTORE-0030: " + file() + " line 2: a quoted value in field 2 is never closed; "
                        + "the file was left as it is (fix or move it)");
    }

    @Test
    void aBadExpiryDuplicateIdsAndInvalidValuesAreErrors() throws IOException {
        Files.writeString(file(), HEADER + "\n1,alice,c,s,r,a,,soon,u,d\n");
        assertThatThrownBy(() -> TokenStores.file(file()).getTokens())
                .hasMessage("TOKENSTORE-0030: " + file() + " line 2: expiry_time is not a number of epoch milliseconds; "
                        + "the file was left as it is (fix or move it)");

        Files.writeString(file(), HEADER + "\n1,alice,c,s,r,a,,,u,d\n1,bob,c,s,r,a,,,u,d\n");
        assertThatThrownBy(() -> TokenStores.file(file()).getTokens())
                .hasMessage("TOKENSTORE-0032: " + file() + " line 3: the id of line 2 appears again; "
                        + "the file was left as it is (fix or move it)");

        Files.writeString(file(), HEADER + "\n1,alice,c,s,r,a\u0000b,,,u,d\n");
        assertThatThrownBy(() -> TokenStores.file(file()).getTokens())
                .hasMessage("TOKENSTORE-0033: " + file() + " line 2: TOKENSTORE-0003: accessToken holds a NUL character "
                        + "at index 1; NUL cannot be stored verbatim by every store; the file was left as it is (fix or move it)");
    }

    @Test
    void aFileThatIsNotUtf8IsAnError() throws IOException {
        Files.write(file(), (HEADER + "\n1,al\u00e9,c,s,r,a,,,u,d\n").getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> TokenStores.file(file()).getTokens())
                .hasMessage("TOKENSTORE-0030: " + file() + " line 1: the file is not UTF-8 text; "
                        + "the file was left as it is (fix or move it)");
    }

    @Test
    void errorsNeverShowTheFilesSecrets() throws IOException {
        Files.writeString(file(), HEADER + "\n1,alice,c,TOP-SECRET,REFRESH-SECRET,ACCESS-SECRET\n");

        assertThatThrownBy(() -> TokenStores.file(file()).getTokens())
                .hasMessageNotContaining("SECRET");
    }

    @Test
    void aChangeMadeByAnotherStoreInstanceIsSeen() {
        TokenStore one = TokenStores.file(file());
        TokenStore two = TokenStores.file(file());
        one.saveToken(OAuthToken.builder().user("alice").accessToken("a1").build());
        assertThat(two.getTokens()).hasSize(1);

        one.saveToken(OAuthToken.builder().user("alice").accessToken("a2").build());

        assertThat(two.findToken(OAuthToken.builder().user("alice").build())).map(OAuthToken::accessToken).contains("a2");
    }

    @Test
    void writersInOtherProcessesLoseNothing() throws Exception {
        int perProcess = 40;
        List<Process> processes = new ArrayList<>();
        for (String prefix : List.of("p1-", "p2-")) {
            processes.add(new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                    FileStoreWriter.class.getName(), file().toString(), prefix, Integer.toString(perProcess))
                    .inheritIO().start());
        }
        TokenStore store = TokenStores.file(file());
        for (int i = 0; i < perProcess; i++) {
            store.saveToken(OAuthToken.builder().user("me-" + i).accessToken("a").build());
        }
        for (Process p : processes) {
            assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue()).isZero();
        }

        assertThat(store.getTokens()).hasSize(3 * perProcess);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
