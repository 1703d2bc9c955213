package io.github.tokenstore.jpa;

import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.core.TokenChanges;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Creates or checks the {@code tokenstore_token} table with the DDL shipped in the jar, so the schema a
 * store creates is exactly the one docs/stores.md shows and DBAs can run by hand.
 */
public final class JpaSchema {

    /** The table of {@link TokenEntity}. */
    public static final String TABLE = "tokenstore_token";
    /** The script that creates the change feed's table ({@link TokenChanges#TABLE}). */
    static final String CHANGES_SCRIPT = "V6__token_changes.sql";
    /** The shipped scripts, in order; each database has its own folder. Never edit one: add the next. */
    static final List<String> SCRIPTS = List.of("V1__create_tokenstore_token.sql",
            "V2__encryption_and_last_use.sql", "V3__data_center_and_account.sql", JdbcPendingLogins.SCRIPT,
            "V5__client_and_refusal.sql", CHANGES_SCRIPT);
    /** The columns each script adds, by the script's index in {@link #SCRIPTS}. */
    static final List<List<String>> COLUMNS_BY_VERSION = List.of(
            List.of("id", "user_name", "client_id", "client_secret", "refresh_token",
                    "access_token", "grant_token", "expiry_time", "redirect_url", "api_domain", "access_token_hash",
                    "refresh_token_hash", "grant_token_hash", "created_at", "updated_at", "row_version"),
            List.of("encryption_key_id", "last_used_at"),
            List.of("data_center", "account"),
            // V4 adds no column here: it creates the pending logins' table (JdbcPendingLogins.TABLE).
            List.of(),
            // V5 also replaces the unique user by the unique (user, client).
            List.of("client_name", "refused_at"),
            // V6 adds no column here either: it creates the change feed's table (TokenChanges.TABLE).
            List.of());
    /** Every column of the current schema. */
    static final List<String> COLUMNS = COLUMNS_BY_VERSION.stream().flatMap(List::stream).toList();

    private JpaSchema() {
    }

    /** The databases the jar ships DDL for, by the folder name under {@code io/github/tokenstore/db/}. */
    public enum Database {
        H2("h2"), POSTGRESQL("postgresql"), MARIADB("mariadb");

        private final String folder;

        Database(String folder) {
            this.folder = folder;
        }

        /** The resource path of a script for this database. */
        public String script(String name) {
            return "io/github/tokenstore/db/" + folder + "/" + name;
        }

        /** The database a connection talks to, or {@code null} if the jar has no DDL for it. */
        static Database of(DatabaseMetaData meta) throws SQLException {
            String product = meta.getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("h2")) {
                return H2;
            }
            if (product.contains("postgresql")) {
                return POSTGRESQL;
            }
            if (product.contains("mariadb")) {
                return MARIADB;
            }
            return null;
        }
    }

    /**
     * Applies {@code action} to the database behind {@code dataSource}: {@code CREATE} runs every shipped
     * script whose columns are all missing, in order (a new table gets V1, V2, V3 and V5, a version-1 table V2, V3
     * and V5, and so on; V4, the pending logins' table, and V6, the change feed's, are made apart if missing);
     * {@code VALIDATE} checks that every column of every version is there.
     *
     * @return the database's product name, for messages
     * @throws TokenStoreException if the table is missing or incomplete ({@code VALIDATE}), or a version is
     *                             only partly there, or the database has no shipped DDL ({@code CREATE}), or
     *                             the database fails
     */
    static String apply(DataSource dataSource, SchemaAction action) {
        String product = "the database";
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            product = meta.getDatabaseProductName();
            if (action == SchemaAction.NONE) {
                return product;
            }
            Set<String> missing = missingColumns(c);
            if (missing.isEmpty()) {
                createLoginTable(c, action);
                return product;
            }
            boolean tableMissing = missing.size() == COLUMNS.size();
            boolean partlyThere = COLUMNS_BY_VERSION.stream()
                    .anyMatch(v -> v.stream().anyMatch(missing::contains) && !missing.containsAll(v));
            if (action == SchemaAction.VALIDATE || partlyThere) {
                throw tableMissing ? JpaMessages.schemaMissing(TABLE, product)
                        : JpaMessages.schemaColumnsMissing(TABLE, product, missing);
            }
            Database database = Database.of(meta);
            if (database == null) {
                throw JpaMessages.schemaUnsupported(product, TABLE);
            }
            for (int version = 0; version < SCRIPTS.size(); version++) {
                List<String> columns = COLUMNS_BY_VERSION.get(version);
                if (!columns.isEmpty() && missing.containsAll(columns)) {
                    run(c, database, version);
                }
            }
            createLoginTable(c, action);
            return product;
        } catch (SQLException | IOException e) {
            throw JpaMessages.schemaFailed(action.name().toLowerCase(Locale.ROOT), product, e);
        }
    }

    /**
     * With {@code CREATE}, the pending logins' table (V4) and the change feed's (V6) if missing and the jar has
     * DDL for the database.
     */
    private static void createLoginTable(Connection c, SchemaAction action) throws SQLException, IOException {
        Database database = Database.of(c.getMetaData());
        if (action == SchemaAction.CREATE && database != null && !JdbcPendingLogins.exists(c)) {
            JdbcPendingLogins.create(c, database);
        }
        if (action == SchemaAction.CREATE && database != null && !exists(c, TokenChanges.TABLE)) {
            try {
                for (String statement : statements(database.script(CHANGES_SCRIPT))) {
                    try (Statement s = c.createStatement()) {
                        s.execute(statement);
                    }
                }
            } catch (SQLException e) {
                // Another node may have created it at the same moment.
                if (!exists(c, TokenChanges.TABLE)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Whether the database behind {@code dataSource} has the change feed's table: without it (a schema managed
     * by hand and not yet upgraded to V6) the store records no changes.
     *
     * @throws TokenStoreException if the database fails
     */
    static boolean hasChangeTable(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return exists(c, TokenChanges.TABLE);
        } catch (SQLException e) {
            throw JpaMessages.schemaFailed("validate", "the database", e);
        }
    }

    /** Whether {@code table} is there, asked of the metadata: no failing statement in anyone's transaction. */
    static boolean exists(Connection c, String table) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        // Databases fold unquoted names differently: H2 to upper case, PostgreSQL to lower case.
        for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
            try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), name, null)) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void run(Connection c, Database database, int version) throws SQLException, IOException {
        try {
            for (String statement : statements(database.script(SCRIPTS.get(version)))) {
                try (Statement s = c.createStatement()) {
                    s.execute(statement);
                }
            }
        } catch (SQLException e) {
            // Another node may have run the same version at the same moment: fine if its columns are there now.
            Set<String> missing = missingColumns(c);
            if (COLUMNS_BY_VERSION.get(version).stream().anyMatch(missing::contains)) {
                throw e;
            }
        }
    }

    /** The statements of a shipped script, without comments. */
    static List<String> statements(String resource) throws IOException {
        String text;
        try (InputStream in = JpaSchema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing resource " + resource);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder sql = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.strip().startsWith("--")) {
                sql.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String statement : sql.toString().split(";")) {
            if (!statement.isBlank()) {
                statements.add(statement.strip());
            }
        }
        return statements;
    }

    /** The columns of {@link #COLUMNS} the table lacks; all of them if there is no table. */
    private static Set<String> missingColumns(Connection c) throws SQLException {
        Set<String> missing = new LinkedHashSet<>(COLUMNS);
        DatabaseMetaData meta = c.getMetaData();
        // Databases fold unquoted names differently: H2 to upper case, PostgreSQL to lower case.
        for (String table : List.of(TABLE, TABLE.toUpperCase(Locale.ROOT))) {
            try (ResultSet rs = meta.getColumns(c.getCatalog(), c.getSchema(), table, null)) {
                while (rs.next()) {
                    missing.remove(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        return missing;
    }
}
