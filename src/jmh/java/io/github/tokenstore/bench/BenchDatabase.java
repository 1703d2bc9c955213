package io.github.tokenstore.bench;

import io.github.tokenstore.TokenStores;
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
 *
 * <p>The library's table holds tokens in steady use: each was used within the last half hour (loaded
 * so, and marked again — H2: loaded again — when a later run finds it older), as in a running application, where a token's
 * first read in an hour records its use — a write the store batches on a thread of its own, off the read
 * path. The lookups measured are therefore reads only, at every size.
 */
enum BenchDatabase {
    H2, POSTGRESQL, MARIADB;

    private static final int BATCH = 5_000;
    /** Tokens used longer ago than this are marked used now when a run starts. */
    private static final long RECENT_MILLIS = 30 * 60_000L;

    String url(int tokens) {
        return switch (this) {
            case H2 -> "jdbc:h2:file:" + Path.of("target", "bench", "h2", "tokens-" + tokens).toAbsolutePath();
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

    /**
     * Makes the library's table hold tokens 0 to n-1, all used within the last half hour: creates it (by
     * opening a store) if it is missing, fills it unless it already holds exactly them, and marks older
     * uses as recent.
     */
    void prepareTokenTable(int n) throws SQLException {
        if (!hasTable(n)) {
            TokenStores.jpa(url(n), user(), password()).close();
        }
        long now = System.currentTimeMillis();
        try (Connection c = connect(n)) {
            // H2 rewrites its whole file for an update of every row (a million rows: tens of GB); it loads again.
            if (count(c, "tokenstore_token") != n || this == H2 && oldestUse(c) < now - RECENT_MILLIS) {
                load(c, n, now);
            } else {
                try (PreparedStatement mark = c.prepareStatement("UPDATE tokenstore_token SET last_used_at = ?"
                        + " WHERE last_used_at IS NULL OR last_used_at < ?")) {
                    mark.setLong(1, now);
                    mark.setLong(2, now - RECENT_MILLIS);
                    mark.executeUpdate();
                }
            }
        }
    }

    private static long oldestUse(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(MIN(last_used_at), 0) FROM tokenstore_token")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private boolean hasTable(int n) throws SQLException {
        try (Connection c = connect(n)) {
            count(c, "tokenstore_token");
            return true;
        } catch (SQLException missing) {
            return false;
        }
    }

    /** Replaces the table's rows with tokens 0 to n-1, in batches; ends the connection on H2 (compaction). */
    private void load(Connection c, int n, long now) throws SQLException {
        String sql = "INSERT INTO tokenstore_token (id, user_name, client_id, client_secret, refresh_token,"
                + " access_token, grant_token, expiry_time, redirect_url, api_domain, access_token_hash,"
                + " refresh_token_hash, grant_token_hash, created_at, updated_at, last_used_at, row_version)"
                + " VALUES (?, ?, ?, ?, ?, ?, NULL, ?, NULL, ?, ?, ?, NULL, ?, ?, ?, 0)";
        replaceRows(c, "tokenstore_token", sql, n, (insert, i) -> {
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
            insert.setLong(13, now);
        });
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
            replaceRows(c, "oauthtoken", "INSERT INTO oauthtoken VALUES (?, ?, ?, ?, ?, ?, NULL, ?, NULL, ?)", n,
                    (insert, i) -> {
                        insert.setString(1, Long.toString(i));
                        insert.setString(2, BenchTokens.user(i));
                        insert.setString(3, BenchTokens.CLIENT_ID);
                        insert.setString(4, BenchTokens.CLIENT_SECRET);
                        insert.setString(5, BenchTokens.refreshToken(i));
                        insert.setString(6, BenchTokens.accessToken(i));
                        insert.setString(7, Long.toString(BenchTokens.EXPIRY));
                        insert.setString(8, BenchTokens.API_DOMAIN);
                    });
        }
    }

    /** Sets the parameters of row {@code i}. */
    @FunctionalInterface
    private interface Row {
        void bind(PreparedStatement insert, long i) throws SQLException;
    }

    /**
     * Deletes the table's rows and inserts rows 0 to n-1 with {@code sql}, in batches of {@value #BATCH}
     * committed one by one, then updates the statistics ({@link #analyze}).
     */
    private void replaceRows(Connection c, String table, String sql, int n, Row row) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("DELETE FROM " + table);
        }
        try (PreparedStatement insert = c.prepareStatement(sql)) {
            for (long i = 0; i < n; i++) {
                row.bind(insert, i);
                insert.addBatch();
                if ((i + 1) % BATCH == 0) {
                    insert.executeBatch();
                    c.commit();
                }
            }
            insert.executeBatch();
            c.commit();
        }
        analyze(c, table);
    }

    /** Removes the rows a save-as-insert benchmark added (users named {@code new-…}). */
    void deleteInserted(int n, String table) throws SQLException {
        try (Connection c = connect(n); Statement s = c.createStatement()) {
            s.execute("DELETE FROM " + table + " WHERE user_name LIKE 'new-%'");
        }
    }

    /**
     * Updates the statistics after a load; H2 also rewrites its file, which batched loads leave several
     * times larger than the data (H2 compacts only at {@code SHUTDOWN COMPACT}; the connection ends).
     */
    private void analyze(Connection c, String table) throws SQLException {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            switch (this) {
                case H2 -> {
                    s.execute("ANALYZE TABLE " + table);
                    s.execute("SHUTDOWN COMPACT");
                }
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
