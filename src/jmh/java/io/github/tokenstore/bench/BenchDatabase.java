package io.github.tokenstore.bench;

import io.github.tokenstore.core.TokenHashes;
import io.github.tokenstore.testing.TestDatabases;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The databases of the benchmark, one data set per size (an H2 file, a PostgreSQL schema, a MariaDB
 * database), loaded once with batched inserts and reused by later runs.
 */
enum BenchDatabase {
    H2, POSTGRESQL, MARIADB;

    private static final int BATCH = 5_000;

    String url(int tokens) {
        return switch (this) {
            case H2 -> "jdbc:h2:file:" + Path.of("target", "bench", "h2-" + tokens).toAbsolutePath();
            case POSTGRESQL -> TestDatabases.POSTGRESQL.url() + "?currentSchema=bench_" + tokens + "&reWriteBatchedInserts=true";
            case MARIADB -> TestDatabases.MARIADB.url().replaceFirst("/[^/]*$", "/tokenstore_bench_" + tokens);
        };
    }

    String user() {
        return switch (this) {
            case H2 -> "sa";
            case POSTGRESQL -> TestDatabases.POSTGRESQL.user();
            case MARIADB -> TestDatabases.MARIADB.user();
        };
    }

    String password() {
        return switch (this) {
            case H2 -> "";
            case POSTGRESQL -> TestDatabases.POSTGRESQL.password();
            case MARIADB -> TestDatabases.MARIADB.password();
        };
    }

    Connection connect(int tokens) throws SQLException {
        return DriverManager.getConnection(url(tokens), user(), password());
    }

    /** Creates the schema or database of a data set if it is missing. */
    void createContainer(int tokens) throws SQLException {
        switch (this) {
            case H2 -> { }
            case POSTGRESQL -> {
                try (Connection c = DriverManager.getConnection(TestDatabases.POSTGRESQL.url(), user(), password());
                     Statement s = c.createStatement()) {
                    s.execute("CREATE SCHEMA IF NOT EXISTS bench_" + tokens);
                }
            }
            case MARIADB -> {
                try (Connection c = DriverManager.getConnection(TestDatabases.MARIADB.url(), user(), password());
                     Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE IF NOT EXISTS tokenstore_bench_" + tokens
                            + " CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin");
                }
            }
        }
    }

    /** Fills the library's table with tokens 0 to n-1, unless it already holds exactly them. */
    void loadTokenTable(int n) throws SQLException {
        try (Connection c = connect(n)) {
            if (count(c, "tokenstore_token") == n) {
                return;
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("DELETE FROM tokenstore_token");
            }
            String sql = "INSERT INTO tokenstore_token (id, user_name, client_id, client_secret, refresh_token,"
                    + " access_token, grant_token, expiry_time, redirect_url, api_domain, access_token_hash,"
                    + " refresh_token_hash, grant_token_hash, created_at, updated_at, row_version)"
                    + " VALUES (?, ?, ?, ?, ?, ?, NULL, ?, NULL, ?, ?, ?, NULL, ?, ?, 0)";
            try (PreparedStatement insert = c.prepareStatement(sql)) {
                for (long i = 0; i < n; i++) {
                    insert.setString(1, BenchTokens.id(i));
                    insert.setString(2, BenchTokens.user(i));
                    insert.setString(3, BenchTokens.CLIENT_ID);
                    insert.setString(4, BenchTokens.CLIENT_SECRET);
                    insert.setString(5, BenchTokens.refreshToken(i));
                    insert.setString(6, BenchTokens.accessToken(i));
                    insert.setLong(7, BenchTokens.EXPIRY);
                    insert.setString(8, BenchTokens.API_DOMAIN);
                    insert.setString(9, TokenHashes.of(BenchTokens.accessToken(i)));
                    insert.setString(10, TokenHashes.of(BenchTokens.refreshToken(i)));
                    insert.setLong(11, i);
                    insert.setLong(12, i);
                    insert.addBatch();
                    if ((i + 1) % BATCH == 0) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
                insert.executeBatch();
                c.commit();
            }
            analyze(c, "tokenstore_token");
        }
    }

    /** Creates and fills the article's {@code oauthtoken} table (no index but the key) for the baseline. */
    void loadSeedTable(int n) throws SQLException {
        try (Connection c = connect(n)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS oauthtoken (id varchar(10) NOT NULL, user_name varchar(255),"
                        + " client_id varchar(255), client_secret varchar(255), refresh_token varchar(255),"
                        + " access_token varchar(255), grant_token varchar(255), expiry_time varchar(20),"
                        + " redirect_url varchar(255), api_domain varchar(255), primary key (id))");
            }
            if (count(c, "oauthtoken") == n) {
                return;
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("DELETE FROM oauthtoken");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO oauthtoken VALUES (?, ?, ?, ?, ?, ?, NULL, ?, NULL, ?)")) {
                for (long i = 0; i < n; i++) {
                    insert.setString(1, Long.toString(i));
                    insert.setString(2, BenchTokens.user(i));
                    insert.setString(3, BenchTokens.CLIENT_ID);
                    insert.setString(4, BenchTokens.CLIENT_SECRET);
                    insert.setString(5, BenchTokens.refreshToken(i));
                    insert.setString(6, BenchTokens.accessToken(i));
                    insert.setString(7, Long.toString(BenchTokens.EXPIRY));
                    insert.setString(8, BenchTokens.API_DOMAIN);
                    insert.addBatch();
                    if ((i + 1) % BATCH == 0) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
                insert.executeBatch();
                c.commit();
            }
            analyze(c, "oauthtoken");
        }
    }

    /** Removes the rows a save-as-insert benchmark added (users named {@code new-…}). */
    void deleteInserted(int n, String table) throws SQLException {
        try (Connection c = connect(n); Statement s = c.createStatement()) {
            s.execute("DELETE FROM " + table + " WHERE user_name LIKE 'new-%'");
        }
    }

    private void analyze(Connection c, String table) throws SQLException {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            switch (this) {
                case H2 -> s.execute("ANALYZE TABLE " + table);
                case POSTGRESQL -> s.execute("ANALYZE " + table);
                case MARIADB -> s.execute("ANALYZE TABLE " + table);
            }
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
