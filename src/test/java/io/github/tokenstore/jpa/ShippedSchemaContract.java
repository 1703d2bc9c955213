package io.github.tokenstore.jpa;

import com.zaxxer.hikari.HikariDataSource;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import jakarta.persistence.EntityManagerFactory;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.jpa.HibernatePersistenceProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped SQL scripts and the entity agree on one database: a schema made by the scripts alone (run
 * statement by statement, or by Flyway from {@code classpath:io/github/tokenstore/db/<database>}) passes
 * the store's {@code validate}, holds a round trip, and passes Hibernate's own schema validation
 * ({@code hibernate.hbm2ddl.auto=validate}: every mapped column exists with a compatible type).
 */
abstract class ShippedSchemaContract {

    static final String HIBERNATE = HibernatePersistenceProvider.class.getName();

    private HikariDataSource pool;

    /** The database's data source, its schema empty of the store's table and Flyway's history. */
    protected abstract DataSource emptySchema() throws SQLException;

    protected abstract JpaSchema.Database database();

    /** A pool of two connections on {@code url}, closed after the test (and before the next one is made). */
    protected DataSource pool(String url, String user, String password) {
        closePool();
        pool = PooledDataSources.create(url, user, password, 2);
        return pool;
    }

    @AfterEach
    void closePool() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }

    /** Runs every shipped script, one statement per {@code ;}, as a DBA or a migration tool would. */
    protected void runScripts(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection()) {
            for (String script : JpaSchema.SCRIPTS) {
                for (String statement : JpaSchema.statements(database().script(script))) {
                    try (Statement s = c.createStatement()) {
                        s.execute(statement);
                    }
                }
            }
        }
    }

    static OAuthToken sample() {
        return OAuthToken.builder().user("zoë@zylker.example").clientId("1000.CLIENT").clientSecret("s€cret")
                .refreshToken("1000.r".repeat(1365)).accessToken("1000.a" + "x".repeat(OAuthToken.MAX_TOKEN_LENGTH - 6))
                .grantToken("1000.g").expiresAt(Instant.ofEpochMilli(1_900_000_000_123L))
                .redirectUrl("https://app.zylker.example/oauth?x=" + "u".repeat(1900))
                .apiDomain("https://www.zohoapis.eu").dataCenter("eu").account("zoë@zylker.example").build();
    }

    static void roundTrip(DataSource ds) {
        try (JpaTokenStore store = JpaTokenStore.open(ds, SchemaAction.VALIDATE, HIBERNATE, null)) {
            OAuthToken saved = store.saveToken(sample());
            assertThat(saved.toBuilder().id(null).build()).isEqualTo(sample());
            assertThat(store.findToken(OAuthToken.builder().user("zoë@zylker.example").build())).contains(saved);
            assertThat(store.findToken(OAuthToken.builder().clientId("1000.CLIENT").refreshToken(sample().refreshToken())
                    .build())).contains(saved);
            assertThat(store.findTokenById(saved.id())).contains(saved);
            // The V3 columns hold their longest values.
            OAuthToken longest = store.saveToken(OAuthToken.builder().user("longest").accessToken("a")
                    .dataCenter("d".repeat(OAuthToken.MAX_DATA_CENTER_LENGTH))
                    .account("é".repeat(OAuthToken.MAX_NAME_LENGTH)).build());
            assertThat(store.findTokenById(longest.id())).contains(longest);
            // The V6 table takes the change of each save, in order, by the identity the database gives.
            assertThat(store.recordsChanges()).isTrue();
            assertThat(store.changesAfter(0, 10)).extracting(c -> c.user().name() + " " + c.kind())
                    .containsExactly("zoë@zylker.example SAVED", "longest SAVED");
            store.deleteToken(longest.id());
            assertThat(store.changesAfter(0, 10)).hasSize(3).extracting(c -> c.position()).isSorted();
        }
    }

    /** Hibernate's schema validation of the store's persistence unit; throws if a column is missing or of another type. */
    static void hibernateValidates(DataSource ds) {
        EntityManagerFactory emf = new HibernatePersistenceProvider().createContainerEntityManagerFactory(
                new TokenStorePersistenceUnit(HIBERNATE, ds), Map.of("hibernate.hbm2ddl.auto", "validate"));
        emf.close();
    }

    @Test
    void aSchemaMadeByTheScriptsAlonePassesValidateAndHoldsARoundTrip() throws Exception {
        DataSource ds = emptySchema();
        runScripts(ds);

        roundTrip(ds);
    }

    @Test
    void hibernatesOwnSchemaValidationPassesOnTheScriptsSchema() throws Exception {
        DataSource ds = emptySchema();
        runScripts(ds);

        hibernateValidates(ds);
    }

    @Test
    void flywayRunsTheScriptsAsTheyAreFromTheClassPath() throws Exception {
        DataSource ds = emptySchema();

        MigrateResult result = Flyway.configure().dataSource(ds)
                .locations("classpath:" + database().script("").replaceAll("/$", ""))
                .load().migrate();

        assertThat(result.migrationsExecuted).isEqualTo(JpaSchema.SCRIPTS.size());
        assertThat(result.targetSchemaVersion).isEqualTo(Integer.toString(JpaSchema.SCRIPTS.size()));
        hibernateValidates(ds);
        roundTrip(ds);
    }
}
