package io.github.tokenstore.cdi;

import io.github.tokenstore.CrmCall;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.TokenUser;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.oauth.TokenService;
import io.github.tokenstore.spi.TokenUserResolver;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The {@code @CrmCall} layer's problems (0500-0599) that need the container: the refresh lock, the
 * application's beans, {@code @TokenUser} parameters, the missing OAuth keys; and configuration problems
 * fail the deployment together with the store's. Each test starts its own container. The problems of the
 * {@code tokenstore.oauth.*} values themselves: {@code ConfigProblemsTest}.
 */
class CrmCallDeploymentErrorsTest {

    private static final Map<String, String> CLIENT = Map.of("tokenstore.store", "memory",
            "tokenstore.oauth.client-id", "1000.CLIENT", "tokenstore.oauth.client-secret", "s3cret-value");

    private static Map<String, String> client(String... keysAndValues) {
        Map<String, String> values = new HashMap<>(CLIENT);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return values;
    }

    @Test
    void databaseRefreshLockWithoutADatabase_0506() {
        assertProblem(client("tokenstore.oauth.refresh-lock", "database"), "TOKENSTORE-0506",
                "tokenstore.oauth.refresh-lock=database, but the store is not the built-in JPA store on a JDBC URL "
                        + "or datasource; use PostgreSQL or MariaDB/MySQL through the built-in JPA store, or "
                        + "refresh-lock=auto or jvm");
    }

    @Test
    void databaseRefreshLockOnH2_0506() {
        Map<String, String> config = client("tokenstore.oauth.refresh-lock", "database",
                "tokenstore.jpa.url", "jdbc:h2:mem:crmcall-lock;DB_CLOSE_DELAY=-1");
        config.remove("tokenstore.store");
        TokenStoreException problem = Deployments.onlyProblem(config);

        assertThat(problem.messageId()).isEqualTo("TOKENSTORE-0506");
        assertThat(problem.getMessage()).isEqualTo("TOKENSTORE-0506: tokenstore.oauth.refresh-lock=database, but "
                + "the lock cannot be had: TOKENSTORE-0270: the database H2 offers no named lock for the cross-JVM "
                + "refresh lock; use PostgreSQL, MariaDB or MySQL, or RefreshLock.inJvm() when a single JVM uses "
                + "the store; use PostgreSQL or MariaDB/MySQL through the built-in JPA store, or refresh-lock=auto "
                + "or jvm");
    }

    /** A resolver. */
    @ApplicationScoped
    static class FirstResolver implements TokenUserResolver {
        @Override
        public Optional<UserSignature> resolve(Method method) {
            return Optional.empty();
        }
    }

    /** Another resolver. */
    @ApplicationScoped
    static class SecondResolver implements TokenUserResolver {
        @Override
        public Optional<UserSignature> resolve(Method method) {
            return Optional.empty();
        }
    }

    @Test
    void twoResolvers_0508() {
        TokenStoreException problem = Deployments.onlyProblem(CLIENT, FirstResolver.class, SecondResolver.class);

        assertThat(problem.getMessage()).isEqualTo("TOKENSTORE-0508: several application beans implement "
                + "TokenUserResolver: io.github.tokenstore.cdi.CrmCallDeploymentErrorsTest$FirstResolver, "
                + "io.github.tokenstore.cdi.CrmCallDeploymentErrorsTest$SecondResolver; keep one, or select one "
                + "with @Alternative and @Priority");
    }

    /** {@code @TokenUser} on an {@code int}. */
    @ApplicationScoped
    static class WrongType {
        @CrmCall
        public void contacts(@TokenUser int user) {
        }
    }

    /** {@code @TokenUser} twice. */
    @ApplicationScoped
    static class Twice {
        @CrmCall
        public void contacts(@TokenUser String user, @TokenUser UserSignature other) {
        }
    }

    @Test
    void tokenUserOnAWrongParameter_0509() {
        assertThat(Deployments.onlyProblem(CLIENT, WrongType.class).getMessage()).isEqualTo("TOKENSTORE-0509: "
                + "@TokenUser on io.github.tokenstore.cdi.CrmCallDeploymentErrorsTest$WrongType#contacts(int) is on "
                + "parameter 1 of type int; annotate one parameter of type String or UserSignature");
        assertThat(Deployments.onlyProblem(CLIENT, Twice.class).getMessage()).isEqualTo("TOKENSTORE-0509: "
                + "@TokenUser on io.github.tokenstore.cdi.CrmCallDeploymentErrorsTest$Twice#contacts(String, "
                + "UserSignature) is on two parameters, 1 and 2; annotate one parameter of type String or "
                + "UserSignature");
    }

    @Test
    void oauthProblemsAreReportedWithTheStoresProblems() {
        Throwable failure = Deployments.failure(Map.of("tokenstore.store", "mongo",
                "tokenstore.oauth.client-id", "1000.CLIENT", "tokenstore.oauth.client-secret", "s3cret-value",
                "tokenstore.oauth.data-center", "MARS", "tokenstore.oauth.expiry-skew", "soon"));

        assertThat(Deployments.problemMessages(failure)).extracting(m -> m.substring(0, 15))
                .containsExactly("TOKENSTORE-0101", "TOKENSTORE-0500", "TOKENSTORE-0501");
        assertThat(failure.getMessage()).doesNotContain("s3cret-value");
    }

    /** A @CrmCall method in an application without the OAuth keys. */
    @ApplicationScoped
    static class Unconfigured {
        @CrmCall(user = "ana@zylker.example")
        public String contacts() {
            return "called";
        }
    }

    @Test
    void withoutTheOAuthKeysTheStoreWorksAndACrmCallFailsNamingTheMethod_0522() {
        Config config = TestConfig.register(Map.of("tokenstore.store", "memory"));
        try (WeldContainer container = Containers.weld(Unconfigured.class).initialize()) {
            Throwable failure = catchThrowable(() -> container.select(Unconfigured.class).get().contacts());

            assertThat(failure).isInstanceOf(TokenStoreException.class).hasMessage("TOKENSTORE-0522: the @CrmCall "
                    + "method io.github.tokenstore.cdi.CrmCallDeploymentErrorsTest$Unconfigured#contacts() needs the "
                    + "OAuth client, which is not configured: set tokenstore.oauth.client-id and "
                    + "tokenstore.oauth.client-secret");
            assertThat(catchThrowable(() -> container.select(TokenService.class).get()))
                    .hasMessageContaining("TOKENSTORE-0522: TokenService needs the OAuth client");
        } finally {
            TestConfig.release(config);
        }
    }

    private static void assertProblem(Map<String, String> config, String id, String text) {
        TokenStoreException problem = Deployments.onlyProblem(config);
        assertThat(problem.messageId()).isEqualTo(id);
        assertThat(problem.getMessage()).isEqualTo(id + ": " + text);
    }
}
