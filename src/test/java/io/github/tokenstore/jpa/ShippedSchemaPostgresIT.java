package io.github.tokenstore.jpa;

import io.github.tokenstore.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * {@link ShippedSchemaContract} on PostgreSQL, in a schema of its own ({@code currentSchema}), so it never
 * touches the table the other tests use; the schema is dropped afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShippedSchemaPostgresIT extends ShippedSchemaContract {

    private static final TestDatabases DB = TestDatabases.POSTGRESQL;
    private static final String SCHEMA = "tokenstore_shipped_schema_it";

    @BeforeAll
    void reachable() {
        DB.require();
    }

    @Override
    protected DataSource emptySchema() throws SQLException {
        closePool();
        dropSchema();
        try (Connection c = DriverManager.getConnection(DB.url(), DB.user(), DB.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + SCHEMA);
        }
        String url = DB.url() + (DB.url().contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
        return pool(url, DB.user(), DB.password());
    }

    @Override
    protected JpaSchema.Database database() {
        return JpaSchema.Database.POSTGRESQL;
    }

    @AfterAll
    void dropSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(DB.url(), DB.user(), DB.password());
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }
}
