package io.github.tokenstore.cdi.internal;

import io.github.tokenstore.jpa.SchemaAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TokenStoreConfigTest {

    @TempDir
    Path workingDirectory;

    private TokenStoreConfig read(Map<String, String> values) {
        return TokenStoreConfig.read(key -> Optional.ofNullable(values.get(key)), workingDirectory);
    }

    @Test
    void noKeysMeanTheJpaStoreOnAnH2FileInTheWorkingDirectory() {
        TokenStoreConfig config = read(Map.of());

        assertThat(config.problems()).isEmpty();
        assertThat(config.store()).isEqualTo(TokenStoreConfig.Store.JPA);
        assertThat(config.directory()).isEqualTo(workingDirectory.toAbsolutePath());
        assertThat(config.defaultH2Url())
                .isEqualTo("jdbc:h2:file:" + workingDirectory.toAbsolutePath().resolve("tokenstore"));
        assertThat(config.defaultH2User()).isEqualTo("sa");
        assertThat(config.filePath()).isEqualTo(workingDirectory.toAbsolutePath().resolve("sdk_tokens.txt"));
        assertThat(config.schema()).isEqualTo(SchemaAction.CREATE);
        assertThat(config.poolSize()).isEqualTo(10);
        assertThat(config.datasource()).isEmpty();
        assertThat(config.url()).isEmpty();
        assertThat(config.user()).isEmpty();
        assertThat(config.password()).isEmpty();
        assertThat(config.provider()).isEmpty();
    }

    @Test
    void namesAreReadWhateverTheirCaseAndSurroundingSpaces() {
        TokenStoreConfig config = read(Map.of("tokenstore.store", " File ", "tokenstore.jpa.schema", "VALIDATE",
                "tokenstore.jpa.pool-size", " 3 "));

        assertThat(config.problems()).isEmpty();
        assertThat(config.store()).isEqualTo(TokenStoreConfig.Store.FILE);
        assertThat(config.schema()).isEqualTo(SchemaAction.VALIDATE);
        assertThat(config.poolSize()).isEqualTo(3);
    }

    @Test
    void relativeFilePathsAndTheDefaultsLiveInTheConfiguredDirectory(@TempDir Path elsewhere) {
        TokenStoreConfig config = read(Map.of("tokenstore.directory", elsewhere.toString(),
                "tokenstore.store", "file", "tokenstore.file.path", "tokens.csv"));

        assertThat(config.problems()).isEmpty();
        assertThat(config.filePath()).isEqualTo(elsewhere.resolve("tokens.csv"));
        assertThat(config.defaultH2Url()).isEqualTo("jdbc:h2:file:" + elsewhere.resolve("tokenstore"));
    }

    @Test
    void blankValuesCountAsUnset() {
        TokenStoreConfig config = read(Map.of("tokenstore.store", " ", "tokenstore.jpa.url", ""));

        assertThat(config.problems()).isEmpty();
        assertThat(config.store()).isEqualTo(TokenStoreConfig.Store.JPA);
        assertThat(config.url()).isEmpty();
    }

    @Test
    void whereTheFileMustBeIsCheckedOnlyForTheFileStore() {
        TokenStoreConfig config = read(Map.of("tokenstore.store", "memory",
                "tokenstore.file.path", "/nonexistent-tokenstore-dir/tokens.csv"));

        assertThat(config.problems()).isEmpty();
    }

    @Test
    void toStringNeverShowsThePasswordOrUrlParameters() {
        TokenStoreConfig config = read(Map.of("tokenstore.jpa.url", "jdbc:h2:mem:x;PASSWORD=urlsecret",
                "tokenstore.jpa.user", "bob", "tokenstore.jpa.password", "pa55word"));

        assertThat(config.toString()).isEqualTo("TokenStoreConfig[store=jpa, directory="
                + workingDirectory.toAbsolutePath()
                + ", filePath=" + workingDirectory.toAbsolutePath().resolve("sdk_tokens.txt")
                + ", datasource=null, url=jdbc:h2:mem:x, user=bob, password=(hidden), schema=CREATE, poolSize=10, "
                + "provider=null, crmCallUser=null, oauth=null, encryptionKeys=null, revokeOnDelete=false, "
                + "cleanupIdleAfter=null, cleanupInterval=PT6H, problems=0]");
    }

    @Test
    void toStringNeverShowsTheClientSecret() {
        TokenStoreConfig config = read(Map.of("tokenstore.user", "ana@zylker.example",
                "tokenstore.oauth.client-id", "1000.CLIENT", "tokenstore.oauth.client-secret", "s3cret"));

        assertThat(config.problems()).isEmpty();
        assertThat(config.configuredUser()).contains(new io.github.tokenstore.UserSignature("ana@zylker.example"));
        assertThat(config.toString()).contains("crmCallUser=UserSignature[ana@zylker.example]")
                .contains("clientId=1000.CLIENT, clientSecret=(hidden)").doesNotContain("s3cret");
    }

    @Test
    void theFileStoresIdsAreUuidsUnlessNumericIsAsked() {
        assertThat(read(Map.of()).fileIds()).isEqualTo(io.github.tokenstore.file.FileTokenStore.Ids.UUID);
        TokenStoreConfig numeric = read(Map.of("tokenstore.file.ids", " Numeric "));

        assertThat(numeric.problems()).isEmpty();
        assertThat(numeric.fileIds()).isEqualTo(io.github.tokenstore.file.FileTokenStore.Ids.NUMERIC);
        assertThat(read(Map.of("tokenstore.file.ids", "uuid")).fileIds())
                .isEqualTo(io.github.tokenstore.file.FileTokenStore.Ids.UUID);
    }

    @Test
    void anotherValueForTheFileStoresIdsIsAProblem() {
        TokenStoreConfig config = read(Map.of("tokenstore.file.ids", "sequential\n"));

        assertThat(config.problems()).singleElement().satisfies(p -> assertThat(p).hasMessage(
                "TOKENSTORE-0950: tokenstore.file.ids is 'sequential?'; allowed: uuid (the default: random ids) or"
                        + " numeric (decimal ids that the Zoho SDK's FileStore can add to)"));
    }
}
