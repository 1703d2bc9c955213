package io.github.tokenstore.cdi;

import io.github.tokenstore.TokenStoreException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every configuration and deployment problem of the CDI layer fails the deployment with its ID and its
 * whole message; several problems are reported together. Each test starts its own container.
 */
class CdiDeploymentErrorsTest {

    private static final String MISSING_DIR = "/nonexistent-tokenstore-dir";

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
    void datasourceNotFound_0110() {
        // Weld SE has no JNDI: any name is missing.
        assertProblem(Map.of("tokenstore.jpa.datasource", "java:comp/env/jdbc/tokens"),
                "TOKENSTORE-0110", "tokenstore.jpa.datasource=java:comp/env/jdbc/tokens cannot be found: "
                        + "NoInitialContextException; define the datasource in the server or correct "
                        + "tokenstore.jpa.datasource");
    }

    @Test
    void urlUnreachable_0112_hidesThePassword() {
        Throwable failure = Deployments.failure(Map.of(
                "tokenstore.jpa.url", "jdbc:h2:file:" + MISSING_DIR + "/tokens;IFEXISTS=TRUE",
                "tokenstore.jpa.user", "bob",
                "tokenstore.jpa.password", "pa55word"));
        TokenStoreException problem = (TokenStoreException) failure.getCause();

        assertThat(problem.messageId()).isEqualTo("TOKENSTORE-0112");
        assertThat(problem.getMessage()).isEqualTo("TOKENSTORE-0112: cannot connect to tokenstore.jpa.url=jdbc:h2:"
                + "file:" + MISSING_DIR + "/tokens as tokenstore.jpa.user=bob with tokenstore.jpa.password=(hidden): "
                + "JdbcSQLNonTransientConnectionException (SQL state 90146); check the URL and credentials, that the "
                + "database is up and that its JDBC driver is on the class path");
        assertThat(failure.getMessage()).doesNotContain("pa55word");
    }

    @Test
    void unknownJpaProvider_0113() {
        assertProblem(Map.of("tokenstore.jpa.provider", "org.example.NoSuchProvider"),
                "TOKENSTORE-0113", "tokenstore.jpa.provider=org.example.NoSuchProvider is not one of the JPA "
                        + "providers on the class path: org.hibernate.jpa.HibernatePersistenceProvider, "
                        + "org.eclipse.persistence.jpa.PersistenceProvider");
    }

    @Test
    void applicationEntityManagerAndUrl_0114() {
        TokenStoreException problem = Deployments.onlyProblem(Map.of("tokenstore.jpa.url", "jdbc:h2:mem:tokens"),
                ApplicationPersistence.class);

        assertThat(problem.messageId()).isEqualTo("TOKENSTORE-0114");
        assertThat(problem.getMessage()).isEqualTo("TOKENSTORE-0114: the application produces a @TokenStorage "
                + "EntityManager, which the JPA store uses, and tokenstore.jpa.url=jdbc:h2:mem:tokens is set too; "
                + "remove tokenstore.jpa.url or the producer");
    }

    @Test
    void schemaValidationOfAnEmptyDatabase_failsTheDeployment() {
        assertProblem(Map.of("tokenstore.jpa.url", "jdbc:h2:mem:empty", "tokenstore.jpa.schema", "validate"),
                "TOKENSTORE-0040", "the table tokenstore_token does not exist in H2; create it with the DDL "
                        + "shipped in the jar, or set tokenstore.jpa.schema=create");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Throwable failure = Deployments.failure(Map.of(
                "tokenstore.store", "mongo",
                "tokenstore.jpa.schema", "drop",
                "tokenstore.jpa.pool-size", "-1",
                "tokenstore.jpa.password", "pa55word"));

        assertThat(Deployments.problemMessages(failure)).containsExactly(
                "TOKENSTORE-0101: tokenstore.store=mongo is not one of jpa, file, memory",
                "TOKENSTORE-0109: tokenstore.jpa.password=(hidden) is set but tokenstore.jpa.url is not; a user "
                        + "and password go with a JDBC URL (a datasource brings its own), so set tokenstore.jpa.url "
                        + "or remove tokenstore.jpa.password",
                "TOKENSTORE-0102: tokenstore.jpa.schema=drop is not one of create, validate, none",
                "TOKENSTORE-0103: tokenstore.jpa.pool-size=-1 is not a whole number of at least 1");
        assertThat(failure.getMessage()).doesNotContain("pa55word");
    }

    private static void assertProblem(Map<String, String> config, String id, String text) {
        TokenStoreException problem = Deployments.onlyProblem(config);
        assertThat(problem.messageId()).isEqualTo(id);
        assertThat(problem.getMessage()).isEqualTo(id + ": " + text);
    }
}
