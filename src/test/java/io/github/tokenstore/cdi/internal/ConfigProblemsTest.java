package io.github.tokenstore.cdi.internal;

import io.github.tokenstore.TokenStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every configuration problem that reading the keys finds, tested as the pure function it is: the
 * {@code tokenstore.*} values in, {@link TokenStoreConfig#problems()} out, each with its ID and whole message,
 * several at once. No container starts: the {@code Cdi*ErrorsTest} and {@code CrmCallDeploymentErrorsTest}
 * classes start Weld only to show that these problems fail the deployment, all together.
 */
class ConfigProblemsTest {

    private static final String MISSING_DIR = "/nonexistent-tokenstore-dir";
    private static final String KEYS = "tokenstore.encryption.keys";
    /** 32 bytes 1…32 and 33…64 in base64: valid AES-256 keys. */
    private static final String K1 = key(1);
    private static final String K2 = key(33);
    private static final Map<String, String> CLIENT = Map.of("tokenstore.store", "memory",
            "tokenstore.oauth.client-id", "1000.CLIENT", "tokenstore.oauth.client-secret", "s3cret-value");

    /** The {@code tokenstore.directory} of each test, as the deployment tests give one. */
    @TempDir
    Path directory;

    private List<TokenStoreException> problems(Map<String, String> values) {
        Map<String, String> withDirectory = new HashMap<>(values);
        withDirectory.putIfAbsent("tokenstore.directory", directory.toString());
        return TokenStoreConfig.read(key -> Optional.ofNullable(withDirectory.get(key)), directory).problems();
    }

    private TokenStoreException onlyProblem(Map<String, String> values) {
        List<TokenStoreException> problems = problems(values);
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }

    private void assertProblem(Map<String, String> values, String id, String text) {
        TokenStoreException problem = onlyProblem(values);
        assertThat(problem.messageId()).isEqualTo(id);
        assertThat(problem.getMessage()).isEqualTo(id + ": " + text);
    }

    /** As {@link #assertProblem}, and no message of the problem or its causes shows the key material. */
    private void assertKeysProblem(String keys, String material, String id, String text) {
        TokenStoreException problem = onlyProblem(Map.of(KEYS, keys));
        assertThat(problem.messageId()).isEqualTo(id);
        assertThat(problem.getMessage()).isEqualTo(id + ": " + text);
        for (Throwable t = problem; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(material).doesNotContain(keys);
            assertThat(t.toString()).doesNotContain(material);
        }
    }

    private static Map<String, String> client(String... keysAndValues) {
        Map<String, String> values = new HashMap<>(CLIENT);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return values;
    }

    private static String key(int first) {
        byte[] bytes = new byte[32];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (first + i);
        }
        return Base64.getEncoder().encodeToString(bytes);
    }

    // ---- the store (0101-0109)

    @Test
    void unknownStore_0101() {
        assertProblem(Map.of("tokenstore.store", "mongo"),
                "TOKENSTORE-0101", "tokenstore.store=mongo is not one of jpa, file, memory");
    }

    @Test
    void unknownSchemaAction_0102() {
        assertProblem(Map.of("tokenstore.jpa.schema", "drop"),
                "TOKENSTORE-0102", "tokenstore.jpa.schema=drop is not one of create, validate, none");
    }

    @Test
    void poolSizeNotAPositiveNumber_0103() {
        assertProblem(Map.of("tokenstore.jpa.pool-size", "ten"),
                "TOKENSTORE-0103", "tokenstore.jpa.pool-size=ten is not a whole number of at least 1");
        assertProblem(Map.of("tokenstore.jpa.pool-size", "0"),
                "TOKENSTORE-0103", "tokenstore.jpa.pool-size=0 is not a whole number of at least 1");
    }

    @Test
    void filePathNotAPath_0104() {
        assertProblem(Map.of("tokenstore.store", "file", "tokenstore.file.path", "tokens\0.csv"),
                "TOKENSTORE-0104", "tokenstore.file.path=tokens\0.csv is not a valid path (Nul character not "
                        + "allowed); give the path of the token file");
    }

    @Test
    void filePathIsADirectory_0105() {
        assertProblem(Map.of("tokenstore.store", "file", "tokenstore.file.path", "."),
                "TOKENSTORE-0105", "tokenstore.file.path=. is a directory; give the path of the token file, "
                        + "e.g. ./sdk_tokens.txt");
    }

    @Test
    void filePathInAMissingDirectory_0106() {
        assertProblem(Map.of("tokenstore.store", "file", "tokenstore.file.path", MISSING_DIR + "/tokens.csv"),
                "TOKENSTORE-0106", "tokenstore.file.path=" + MISSING_DIR + "/tokens.csv is in " + MISSING_DIR
                        + ", which is not an existing directory; create the directory or give a path in an "
                        + "existing one");
    }

    @Test
    void directoryMissing_0107() {
        assertProblem(Map.of("tokenstore.directory", MISSING_DIR),
                "TOKENSTORE-0107", "tokenstore.directory=" + MISSING_DIR + " is not an existing directory; "
                        + "create it or give an existing one");
    }

    @Test
    void datasourceAndUrl_0108() {
        assertProblem(Map.of("tokenstore.jpa.datasource", "java:comp/env/jdbc/tokens",
                        "tokenstore.jpa.url", "jdbc:h2:mem:tokens;PASSWORD=secret"),
                "TOKENSTORE-0108", "tokenstore.jpa.datasource=java:comp/env/jdbc/tokens and "
                        + "tokenstore.jpa.url=jdbc:h2:mem:tokens are both set; set one: a datasource's JNDI name "
                        + "or a JDBC URL");
    }

    @Test
    void userWithoutUrl_0109() {
        assertProblem(Map.of("tokenstore.jpa.user", "bob"),
                "TOKENSTORE-0109", "tokenstore.jpa.user=bob is set but tokenstore.jpa.url is not; a user and "
                        + "password go with a JDBC URL (a datasource brings its own), so set tokenstore.jpa.url or "
                        + "remove tokenstore.jpa.user");
    }

    @Test
    void passwordWithoutUrl_0109_hidesThePassword() {
        assertProblem(Map.of("tokenstore.jpa.password", "pa55word"),
                "TOKENSTORE-0109", "tokenstore.jpa.password=(hidden) is set but tokenstore.jpa.url is not; a user "
                        + "and password go with a JDBC URL (a datasource brings its own), so set tokenstore.jpa.url "
                        + "or remove tokenstore.jpa.password");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThat(problems(Map.of("tokenstore.store", "mongo", "tokenstore.jpa.schema", "drop",
                "tokenstore.jpa.pool-size", "-1", "tokenstore.jpa.password", "pa55word")))
                .extracting(TokenStoreException::getMessage).containsExactly(
                        "TOKENSTORE-0101: tokenstore.store=mongo is not one of jpa, file, memory",
                        "TOKENSTORE-0109: tokenstore.jpa.password=(hidden) is set but tokenstore.jpa.url is not; a "
                                + "user and password go with a JDBC URL (a datasource brings its own), so set "
                                + "tokenstore.jpa.url or remove tokenstore.jpa.password",
                        "TOKENSTORE-0102: tokenstore.jpa.schema=drop is not one of create, validate, none",
                        "TOKENSTORE-0103: tokenstore.jpa.pool-size=-1 is not a whole number of at least 1");
    }

    // ---- the OAuth client and @CrmCall (0500-0507)

    @Test
    void unknownDataCenter_0500() {
        assertProblem(client("tokenstore.oauth.data-center", "MARS"), "TOKENSTORE-0500",
                "tokenstore.oauth.data-center=MARS is not one of US, EU, IN, AU, JP, CN, CA, SA, UK; or set "
                        + "tokenstore.oauth.accounts-url");
    }

    @Test
    void durationNotIso8601_0501() {
        assertProblem(client("tokenstore.oauth.refresh-ahead", "5 minutes"), "TOKENSTORE-0501",
                "tokenstore.oauth.refresh-ahead=5 minutes is not an ISO-8601 duration, e.g. PT5M or PT30S");
    }

    @Test
    void durationBreaksItsRule_0502() {
        assertProblem(client("tokenstore.oauth.connect-timeout", "PT0S"), "TOKENSTORE-0502",
                "tokenstore.oauth.connect-timeout=PT0S: it must be positive");
        assertProblem(client("tokenstore.oauth.refresh-ahead", "PT10S"), "TOKENSTORE-0502",
                "tokenstore.oauth.refresh-ahead=PT10S: it must be at least tokenstore.oauth.expiry-skew (PT30S)");
    }

    @Test
    void unknownRefreshLock_0503() {
        assertProblem(client("tokenstore.oauth.refresh-lock", "redis"), "TOKENSTORE-0503",
                "tokenstore.oauth.refresh-lock=redis is not one of auto, database, jvm");
    }

    @Test
    void accountsUrlNotAPlainHttpUrl_0504() {
        assertProblem(client("tokenstore.oauth.accounts-url", "ftp://accounts.example"), "TOKENSTORE-0504",
                "tokenstore.oauth.accounts-url=ftp://accounts.example is not an absolute http or https URL without "
                        + "user info, query or fragment, e.g. https://accounts.zoho.eu");
    }

    @Test
    void clientIdOrSecretMissing_0505_neverShowsTheSecret() {
        assertProblem(Map.of("tokenstore.oauth.client-secret", "s3cret-value"), "TOKENSTORE-0505",
                "tokenstore.oauth.client-id is not set, but other tokenstore.oauth.* keys are: the OAuth client "
                        + "needs tokenstore.oauth.client-id and tokenstore.oauth.client-secret; set them, or remove "
                        + "the tokenstore.oauth.* keys");
        assertProblem(Map.of("tokenstore.oauth.data-center", "EU"), "TOKENSTORE-0505",
                "tokenstore.oauth.client-id and tokenstore.oauth.client-secret are not set, but other "
                        + "tokenstore.oauth.* keys are: the OAuth client needs tokenstore.oauth.client-id and "
                        + "tokenstore.oauth.client-secret; set them, or remove the tokenstore.oauth.* keys");
    }

    @Test
    void configuredUserInvalid_0507() {
        assertProblem(client("tokenstore.user", "ana\0"), "TOKENSTORE-0507",
                "tokenstore.user is not a valid user name: TOKENSTORE-0003: userSignature.name holds a NUL "
                        + "character at index 3; NUL cannot be stored verbatim by every store");
    }

    @Test
    void oauthProblemsComeWithTheStoresProblems() {
        assertThat(problems(Map.of("tokenstore.store", "mongo", "tokenstore.oauth.client-id", "1000.CLIENT",
                "tokenstore.oauth.client-secret", "s3cret-value", "tokenstore.oauth.data-center", "MARS",
                "tokenstore.oauth.refresh-ahead", "5 minutes"))).extracting(TokenStoreException::messageId)
                .containsExactly("TOKENSTORE-0101", "TOKENSTORE-0500", "TOKENSTORE-0501");
    }

    // ---- the idle-token clean-up (0320, 0501, 0502, 0703)

    @Test
    void idleAfterNotADuration_0320() {
        assertProblem(Map.of("tokenstore.cleanup.idle-after", "90 days"), "TOKENSTORE-0320",
                "tokenstore.cleanup.idle-after is 90 days; it must be a positive ISO-8601 duration of at least one "
                        + "hour, e.g. P90D");
    }

    @Test
    void idleAfterShorterThanAnHour_0320() {
        assertProblem(Map.of("tokenstore.cleanup.idle-after", "PT59M"), "TOKENSTORE-0320",
                "tokenstore.cleanup.idle-after is PT59M; it must be a positive ISO-8601 duration of at least one "
                        + "hour, e.g. P90D");
    }

    @Test
    void cleanupIntervalNotADuration_0501() {
        assertProblem(Map.of("tokenstore.cleanup.idle-after", "P90D", "tokenstore.cleanup.interval", "6h"),
                "TOKENSTORE-0501", "tokenstore.cleanup.interval=6h is not an ISO-8601 duration, e.g. PT5M or PT30S");
    }

    @Test
    void cleanupIntervalNotPositive_0502() {
        assertProblem(Map.of("tokenstore.cleanup.idle-after", "P90D", "tokenstore.cleanup.interval", "PT0S"),
                "TOKENSTORE-0502", "tokenstore.cleanup.interval=PT0S: it must be positive");
    }

    @Test
    void intervalWithoutIdleAfter_0703() {
        assertProblem(Map.of("tokenstore.cleanup.interval", "PT1H"), "TOKENSTORE-0703",
                "tokenstore.cleanup.interval=PT1H is set but tokenstore.cleanup.idle-after is not, and without it no "
                        + "clean-up runs; set tokenstore.cleanup.idle-after (e.g. P90D) or remove "
                        + "tokenstore.cleanup.interval");
    }

    // ---- encryption keys (0301-0303): never the key material

    @Test
    void anEntryWithoutKeyId_0301() {
        assertKeysProblem("k1:" + K1 + "," + K2, K2, "TOKENSTORE-0301",
                "tokenstore.encryption.keys: entry 2 is not <key-id>:<base64 key>; a key id is 1 to 32 characters "
                        + "of A-Z, a-z, 0-9, '.', '_' and '-'");
    }

    @Test
    void aKeyThatIsNotBase64_0302() {
        assertKeysProblem("k1:s3cret*not*base64", "s3cret", "TOKENSTORE-0302",
                "tokenstore.encryption.keys: the key 'k1' is not base64; an AES-256 key is 32 random bytes in "
                        + "base64 (openssl rand -base64 32)");
    }

    @Test
    void aKeyOfTheWrongLength_0302() {
        String short16 = Base64.getEncoder()
                .encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        assertKeysProblem("old:" + short16, short16, "TOKENSTORE-0302",
                "tokenstore.encryption.keys: the key 'old' has 16 bytes, not 32; an AES-256 key is 32 random bytes "
                        + "in base64 (openssl rand -base64 32)");
    }

    @Test
    void aKeyIdGivenTwice_0303() {
        assertKeysProblem("k1:" + K1 + ",k1:" + K2, K2, "TOKENSTORE-0303",
                "tokenstore.encryption.keys: the key id 'k1' is given twice; every key needs its own id");
    }

    @Test
    void encryptionKeyProblemsComeWithTheOtherProblems() {
        assertThat(problems(Map.of("tokenstore.store", "mongo", KEYS, "k1:" + K1 + ",k1:" + K2)))
                .extracting(TokenStoreException::getMessage).containsExactly(
                        "TOKENSTORE-0101: tokenstore.store=mongo is not one of jpa, file, memory",
                        "TOKENSTORE-0303: tokenstore.encryption.keys: the key id 'k1' is given twice; every key "
                                + "needs its own id");
    }

    // ---- revoke-on-delete (0701, 0702)

    @Test
    void notABoolean_0701() {
        TokenStoreException problem = onlyProblem(Map.of("tokenstore.revoke-on-delete", "yes"));

        assertThat(problem.messageId()).isEqualTo("TOKENSTORE-0701");
        assertThat(problem.getMessage()).isEqualTo("TOKENSTORE-0701: tokenstore.revoke-on-delete=yes is not true or "
                + "false");
    }

    @Test
    void revokeOnDeleteWithoutTheOAuthClient_0702() {
        assertProblem(Map.of("tokenstore.revoke-on-delete", "true"), "TOKENSTORE-0702",
                "tokenstore.revoke-on-delete=true, but the OAuth client is not configured, so nothing could revoke: "
                        + "set tokenstore.oauth.client-id and tokenstore.oauth.client-secret, or remove "
                        + "tokenstore.revoke-on-delete");
        assertThat(TokenStoreConfig.read(key -> Optional.ofNullable(Map.of("tokenstore.revoke-on-delete", "true")
                .get(key)), directory, true).problems()).as("beside the application's own TokenService").isEmpty();
    }
}
