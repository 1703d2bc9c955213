package io.github.tokenstore.security;

import io.github.tokenstore.testing.TestDatabases;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A fresh, empty place for the store's table on the test databases, so these ITs neither see nor disturb
 * the table other ITs use: a PostgreSQL schema of its own; on MariaDB the test database's table, dropped.
 */
public final class IsolatedDatabases {

    private IsolatedDatabases() {
    }

    /** A JDBC URL whose connections use a new, empty PostgreSQL schema {@code schema}. */
    public static String freshPostgresSchema(String schema) throws SQLException {
        TestDatabases db = TestDatabases.POSTGRESQL;
        db.require();
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
        }
        return db.url() + (db.url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** The MariaDB test database with the store's table dropped. */
    public static String freshMariaDb() throws SQLException {
        TestDatabases db = TestDatabases.MARIADB;
        db.require();
        db.dropTable();
        return db.url();
    }
}
