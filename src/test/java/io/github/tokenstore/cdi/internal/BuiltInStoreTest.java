package io.github.tokenstore.cdi.internal;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.spi.IdleTokens;
import io.github.tokenstore.testing.MutableClock;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.naming.NameNotFoundException;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which store the configuration opens, with JNDI played by a map (Java SE has none). */
class BuiltInStoreTest {

    static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    /** The extension's Clock bean; here a clock that stands still. */
    final MutableClock CLOCK = new MutableClock(T0);

    @TempDir
    Path directory;

    private TokenStoreConfig config(Map<String, String> values) {
        return TokenStoreConfig.read(key -> Optional.ofNullable(values.get(key)), directory);
    }

    private static BuiltInStore.Jndi jndi(Map<String, Object> names) {
        return name -> {
            Object bound = names.get(name);
            if (bound == null) {
                throw new NameNotFoundException(name);
            }
            return bound;
        };
    }

    private static JdbcDataSource h2(String url) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        return dataSource;
    }

    @Test
    void inAServerTheDefaultDatasourceHoldsTheTokens() throws SQLException {
        JdbcDataSource serverDefault = h2("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

        BuiltInStore.Opening opening = BuiltInStore.open(config(Map.of()),
                jndi(Map.of("java:comp/DefaultDataSource", serverDefault)), CLOCK);

        assertThat(opening.problems()).isEmpty();
        try (TokenStore store = opening.store()) {
            store.saveToken(OAuthToken.builder().user("ana").accessToken("a").build());
            assertThat(rows(serverDefault)).isEqualTo(1);
        }
        assertThat(directory.resolve("tokenstore.mv.db")).doesNotExist();
    }

    @Test
    void anInMemoryDefaultDatasourceIsWorthAWarning_0120() {
        List<String> warnings = new ArrayList<>();
        Logger logger = Logger.getLogger(BuiltInStore.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            BuiltInStore.open(config(Map.of()), jndi(Map.of("java:comp/DefaultDataSource",
                    h2("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"))), CLOCK).store().close();
            assertThat(warnings).containsExactly("TOKENSTORE-0120: java:comp/DefaultDataSource is an in-memory H2 "
                    + "database: the tokens kept there are lost when the server stops, and users must log in again. "
                    + "Point java:comp/DefaultDataSource at a real database, or set tokenstore.jpa.datasource or "
                    + "tokenstore.jpa.url");

            warnings.clear();
            BuiltInStore.open(config(Map.of()), jndi(Map.of("java:comp/DefaultDataSource",
                    h2("jdbc:h2:file:" + directory.resolve("server-db")))), CLOCK).store().close();
            assertThat(warnings).isEmpty();
        } finally {
            logger.removeHandler(handler);
        }
    }

    @Test
    void aConfiguredDatasourceIsLookedUpByItsName() throws SQLException {
        JdbcDataSource tokens = h2("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JdbcDataSource serverDefault = h2("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

        BuiltInStore.Opening opening = BuiltInStore.open(
                config(Map.of("tokenstore.jpa.datasource", "java:app/jdbc/tokens")),
                jndi(Map.of("java:app/jdbc/tokens", tokens, "java:comp/DefaultDataSource", serverDefault)), CLOCK);

        try (TokenStore store = opening.store()) {
            store.saveToken(OAuthToken.builder().user("ana").accessToken("a").build());
        }
        assertThat(rows(tokens)).isEqualTo(1);
    }

    @Test
    void withoutJndiTheTokensGoToAnH2FileInTheDirectory() {
        BuiltInStore.Opening opening = BuiltInStore.open(config(Map.of()), jndi(Map.of()), CLOCK);

        try (TokenStore store = opening.store()) {
            assertThat(store.toString()).isEqualTo("the JPA token store (H2)");
        }
        assertThat(directory.resolve("tokenstore.mv.db")).isRegularFile();
    }

    @Test
    void aConfiguredDatasourceThatGivesNoConnectionIsAProblem_0111() {
        JdbcDataSource broken = h2("jdbc:h2:file:/nonexistent-tokenstore-dir/db;IFEXISTS=TRUE");

        BuiltInStore.Opening opening = BuiltInStore.open(
                config(Map.of("tokenstore.jpa.datasource", "java:app/jdbc/tokens")),
                jndi(Map.of("java:app/jdbc/tokens", broken)), CLOCK);

        assertThat(opening.store()).isNull();
        assertThat(opening.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.messageId()).isEqualTo("TOKENSTORE-0111");
            assertThat(problem.getMessage()).isEqualTo("TOKENSTORE-0111: "
                    + "tokenstore.jpa.datasource=java:app/jdbc/tokens gives no connection: "
                    + "JdbcSQLNonTransientConnectionException (SQL state 90146); check that the database is up and "
                    + "the datasource's settings");
        });
    }

    @Test
    void aServerDefaultDatasourceThatGivesNoConnectionIsAProblem_0111() {
        DataSource broken = h2("jdbc:h2:file:/nonexistent-tokenstore-dir/db;IFEXISTS=TRUE");

        BuiltInStore.Opening opening = BuiltInStore.open(config(Map.of()),
                jndi(Map.of("java:comp/DefaultDataSource", broken)), CLOCK);

        assertThat(opening.problems()).extracting(TokenStoreException::getMessage).containsExactly(
                "TOKENSTORE-0111: the server's default datasource java:comp/DefaultDataSource "
                        + "(tokenstore.jpa.datasource is not set) gives no connection: "
                        + "JdbcSQLNonTransientConnectionException (SQL state 90146); "
                        + "check that the database is up and the datasource's settings");
    }

    @Test
    void aProviderThatCannotBootTheUnitIsAProblem_0118() {
        // Three connections (the check and the schema action on the token and change tables), then none: Hibernate
        // cannot tell the dialect.
        JdbcDataSource h2 = h2("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        AtomicInteger connections = new AtomicInteger();
        DataSource failsFourth = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && connections.incrementAndGet() > 3) {
                        throw new SQLException("no more connections", "08001");
                    }
                    return method.invoke(h2, args);
                });

        BuiltInStore.Opening opening = BuiltInStore.open(
                config(Map.of("tokenstore.jpa.datasource", "java:app/jdbc/tokens",
                        "tokenstore.jpa.provider", "org.hibernate.jpa.HibernatePersistenceProvider")),
                jndi(Map.of("java:app/jdbc/tokens", failsFourth)), CLOCK);

        assertThat(opening.store()).isNull();
        assertThat(opening.problems()).extracting(TokenStoreException::getMessage).containsExactly(
                "TOKENSTORE-0118: the JPA provider org.hibernate.jpa.HibernatePersistenceProvider cannot start the "
                        + "token store's persistence unit: HibernateException; see the cause, or choose "
                        + "another provider with tokenstore.jpa.provider");
    }

    @Test
    void aForeignTokenFileFailsAtOpeningNotAtTheFirstCall() throws IOException {
        Path file = Files.writeString(directory.resolve("sdk_tokens.txt"), "name,email\nana,ana@example.com\n");

        BuiltInStore.Opening opening =
                BuiltInStore.open(config(Map.of("tokenstore.store", "file")), jndi(Map.of()), CLOCK);

        assertThat(opening.store()).isNull();
        assertThat(opening.problems()).extracting(TokenStoreException::messageId).containsExactly("TOKENSTORE-0031");
        assertThat(Files.readString(file)).isEqualTo("name,email\nana,ana@example.com\n");
    }

    private static int rows(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.createStatement().executeQuery("select count(*) from tokenstore_token")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void theStoresReadTheTimeFromTheGivenClock() {
        for (String store : List.of("memory", "jpa")) {
            try (TokenStore opened = BuiltInStore.open(config(Map.of("tokenstore.store", store)), jndi(Map.of()),
                    CLOCK).store()) {
                opened.deleteTokens();
                opened.saveToken(OAuthToken.builder().user("ana").accessToken("a").build());
                IdleTokens idle = ScheduledCleanup.idleTokens(opened);

                assertThat(idle.idleTokens(T0, 10)).as(store + ": used at the clock's time, not before").isEmpty();
                CLOCK.advance(Duration.ofMillis(1));
                assertThat(idle.idleTokens(CLOCK.instant(), 10)).as(store + ": unused since the clock's time")
                        .extracting(t -> t.userSignature().name()).containsExactly("ana");
            }
        }
    }

    // ---- problems of opening the store, which fail the deployment (CdiDeploymentErrorsTest shows the path)

    @Test
    void aDatasourceThatCannotBeFound_0110() {
        // Java SE has no JNDI: any name is missing.
        BuiltInStore.Opening opening = BuiltInStore.open(
                config(Map.of("tokenstore.jpa.datasource", "java:comp/env/jdbc/tokens")), BuiltInStore.Jndi.DEFAULT,
                CLOCK);

        assertThat(opening.store()).isNull();
        assertThat(opening.problems()).extracting(TokenStoreException::getMessage).containsExactly(
                "TOKENSTORE-0110: tokenstore.jpa.datasource=java:comp/env/jdbc/tokens cannot be found: "
                        + "NoInitialContextException; define the datasource in the server or correct "
                        + "tokenstore.jpa.datasource");
    }

    @Test
    void anUnknownJpaProvider_0113() {
        BuiltInStore.Opening opening = BuiltInStore.open(
                config(Map.of("tokenstore.jpa.provider", "org.example.NoSuchProvider")), jndi(Map.of()), CLOCK);

        assertThat(opening.store()).isNull();
        assertThat(opening.problems()).extracting(TokenStoreException::getMessage).containsExactly(
                "TOKENSTORE-0113: tokenstore.jpa.provider=org.example.NoSuchProvider is not one of the JPA "
                        + "providers on the class path: org.hibernate.jpa.HibernatePersistenceProvider, "
                        + "org.eclipse.persistence.jpa.PersistenceProvider");
    }

    @Test
    void schemaValidationOfAnEmptyDatabase_0040() {
        BuiltInStore.Opening opening = BuiltInStore.open(config(Map.of("tokenstore.jpa.url",
                "jdbc:h2:mem:built-in-empty", "tokenstore.jpa.schema", "validate")), jndi(Map.of()), CLOCK);

        assertThat(opening.store()).isNull();
        assertThat(opening.problems()).extracting(TokenStoreException::getMessage).containsExactly(
                "TOKENSTORE-0040: the table tokenstore_token does not exist in H2; create it with the DDL "
                        + "shipped in the jar, or set tokenstore.jpa.schema=create");
    }
}
