package io.github.tokenstore.security;

import io.github.tokenstore.testing.TestDatabases;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A fresh, empty place for the store's table on the test databases, so these ITs neither see nor disturb
 * the table other ITs use: a PostgreSQL schema or a MariaDB database of its own.
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

    /**
     * A JDBC URL of a new, empty MariaDB database {@code tokenstore_bench_<name>}: the only database names
     * besides {@code tokenstore_test} that {@code .ci/run} lets the test user create, so that other ITs
     * dropping the shared test table cannot disturb these.
     */
    public static String freshMariaDb(String name) throws SQLException {
        TestDatabases db = TestDatabases.MARIADB;
        db.require();
        String database = "tokenstore_bench_" + name;
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database);
            s.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin");
        }
        int slash = db.url().lastIndexOf('/');
        int query = db.url().indexOf('?', slash);
        return db.url().substring(0, slash + 1) + database + (query < 0 ? "" : db.url().substring(query));
    }
}
