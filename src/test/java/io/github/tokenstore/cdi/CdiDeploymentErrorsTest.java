package io.github.tokenstore.cdi;

import io.github.tokenstore.TokenStoreException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration and deployment problems of the CDI layer fail the deployment with their IDs and whole
 * messages, several together: one container per path a problem takes (the keys read, the built-in store
 * opened, the application's beans). Each problem itself, with its whole message, is tested without a
 * container: {@code ConfigProblemsTest} (the keys) and {@code BuiltInStoreTest} (opening the store).
 */
class CdiDeploymentErrorsTest {

    private static final String MISSING_DIR = "/nonexistent-tokenstore-dir";

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
    void applicationEntityManagerAndUrl_0114() {
        TokenStoreException problem = Deployments.onlyProblem(Map.of("tokenstore.jpa.url", "jdbc:h2:mem:tokens"),
                ApplicationPersistence.class);

        assertThat(problem.messageId()).isEqualTo("TOKENSTORE-0114");
        assertThat(problem.getMessage()).isEqualTo("TOKENSTORE-0114: the application produces a @TokenStorage "
                + "EntityManager, which the JPA store uses, and tokenstore.jpa.url=jdbc:h2:mem:tokens is set too; "
                + "remove tokenstore.jpa.url or the producer");
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

}
