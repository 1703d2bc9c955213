package io.github.tokenstore.jpa;

import io.github.tokenstore.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * {@link ShippedSchemaContract} on MariaDB, in the test database (the test user may create no other); it
 * drops the store's table and Flyway's history table before each test and at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShippedSchemaMariaDbIT extends ShippedSchemaContract {

    private static final TestDatabases DB = TestDatabases.MARIADB;

    @BeforeAll
    void reachable() {
        DB.require();
    }

    @Override
    protected DataSource emptySchema() throws SQLException {
        closePool();
        dropTables();
        return pool(DB.url(), DB.user(), DB.password());
    }

    @Override
    protected JpaSchema.Database database() {
        return JpaSchema.Database.MARIADB;
    }

    @AfterAll
    void dropTables() throws SQLException {
        DB.dropTable();
        try (var c = java.sql.DriverManager.getConnection(DB.url(), DB.user(), DB.password());
             var s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS flyway_schema_history");
        }
    }
}
