package io.github.tokenstore.migrate;


import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a Zoho SDK token table over JDBC: the {@code DBStore} MySQL/MariaDB table ({@code oauthtoken} by
 * default) or the SQLite {@code zohooauth.db} of Zoho's "Kaizen #192" article. Columns are found by name
 * ({@link ZohoColumns}), so the 10-column table of today's SDKs and the 9-column one of older SDKs (no
 * {@code api_domain}, {@code user_mail} or {@code user_name}) both read. Read only; one connection, closed
 * before this returns.
 */
final class ZohoSdkTable {

    /** The Zoho SDKs' default table name. */
    static final String DEFAULT_TABLE = "oauthtoken";
    /** Most rows read: an SDK keeps one row per user. */
    static final int MAX_ROWS = 100_000;
    /** A plain SQL name, used unquoted: never a value, and checked before it goes into SQL. */
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final int LOGIN_TIMEOUT_SECONDS = 10;
    private static final int QUERY_TIMEOUT_SECONDS = 60;

    private ZohoSdkTable() {
    }

    /**
     * The rows of a DBStore table.
     *
     * @throws IllegalArgumentException                 if the table name is not a plain SQL name
     * @throws io.github.tokenstore.TokenStoreException if there is no driver, the database cannot be read,
     *                                                  the table is missing, or it is not an SDK token table
     */
    static SourceTokens readDatabase(String jdbcUrl, String user, String password, String table) {
        String database = redact(jdbcUrl);
        return read(jdbcUrl, credentials(user, password), table, database, hint(jdbcUrl));
    }

    /**
     * The rows of the article's SQLite file, opened read only (a missing file would otherwise be created).
     *
     * @throws io.github.tokenstore.TokenStoreException as {@link #readDatabase}, and if the file does not exist
     */
    static SourceTokens readSqlite(Path file, String table) {
        if (!Files.isRegularFile(file)) {
            throw MigrationMessages.sourceFileMissing(file);
        }
        Properties properties = new Properties();
        // sqlite-jdbc's SQLiteConfig property for sqlite3_open_v2 flags: 1 = SQLITE_OPEN_READONLY.
        properties.setProperty("open_mode", "1");
        return read("jdbc:sqlite:" + file.toAbsolutePath(), properties, table, "the SQLite file " + file,
                "org.xerial:sqlite-jdbc");
    }

    static String checkTableName(String table) {
        if (table == null || !TABLE_NAME.matcher(table).matches()) {
            throw MigrationMessages.sourceTableNameInvalid(String.valueOf(table));
        }
        return table;
    }

    private static SourceTokens read(String url, Properties properties, String table, String database,
                                     String driverHint) {
        checkTableName(table);
        Driver driver;
        try {
            driver = DriverManager.getDriver(url);
        } catch (SQLException e) {
            throw MigrationMessages.sourceDriverMissing(redact(url), driverHint);
        }
        String source = "the table " + table + " in " + database;
        DriverManager.setLoginTimeout(LOGIN_TIMEOUT_SECONDS);
        try (Connection c = driver.connect(url, properties)) {
            if (c == null) {
                throw MigrationMessages.sourceDriverMissing(redact(url), driverHint);
            }
            c.setReadOnly(true);
            Map<String, String> columns = columns(c, table, database, source);
            String idColumn = columns.get(ZohoColumns.ID);
            StringBuilder sql = new StringBuilder("SELECT ");
            List<String> canonical = new ArrayList<>(columns.keySet());
            for (int i = 0; i < canonical.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(columns.get(canonical.get(i)));
            }
            sql.append(" FROM ").append(table);
            if (idColumn != null) {
                sql.append(" ORDER BY ").append(idColumn);
            }
            List<SourceRow> rows = new ArrayList<>();
            try (Statement s = c.createStatement()) {
                s.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                s.setMaxRows(MAX_ROWS + 1);
                s.setFetchSize(500);
                try (ResultSet rs = s.executeQuery(sql.toString())) {
                    int n = 0;
                    while (rs.next()) {
                        if (++n > MAX_ROWS) {
                            throw MigrationMessages.sourceTooLarge(source, MAX_ROWS, "rows");
                        }
                        Map<String, String> values = new HashMap<>();
                        for (int i = 0; i < canonical.size(); i++) {
                            values.put(canonical.get(i), rs.getString(i + 1));
                        }
                        String id = values.get(ZohoColumns.ID);
                        String where = id == null ? "row " + n : "row id=" + Report.printable(id, 40);
                        rows.add(new SourceRow(where, values, null));
                    }
                }
            }
            return new SourceTokens(source + " (" + canonical.size() + " columns: "
                    + String.join(",", columns.values()) + ")", rows);
        } catch (SQLException e) {
            throw MigrationMessages.sourceDatabaseUnreadable(source, e);
        }
    }

    /** The table's columns that a token source has, canonical name to the table's own spelling. */
    private static Map<String, String> columns(Connection c, String table, String database, String source)
            throws SQLException {
        Set<String> found = new LinkedHashSet<>();
        try (Statement s = c.createStatement()) {
            s.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            try (ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
                ResultSetMetaData meta = rs.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    found.add(meta.getColumnName(i));
                }
            }
        } catch (SQLException e) {
            if (!tableExists(c, table)) {
                throw MigrationMessages.sourceTableMissing(table, database);
            }
            throw e;
        }
        Map<String, String> byCanonical = new LinkedHashMap<>();
        for (String column : found) {
            String canonical = ZohoColumns.canonical(column);
            // Only plain names go into the SELECT, unquoted; a column that is not one is no SDK column anyway.
            if (TABLE_NAME.matcher(column).matches() && ZohoColumns.ALL.contains(canonical)
                    && !byCanonical.containsKey(canonical)) {
                byCanonical.put(canonical, column);
            }
        }
        Set<String> missing = new LinkedHashSet<>();
        if (!byCanonical.containsKey(ZohoColumns.USER_NAME)) {
            missing.add(ZohoColumns.USER_NAME + " or " + ZohoColumns.USER_MAIL);
        }
        for (String required : ZohoColumns.REQUIRED) {
            if (!byCanonical.containsKey(required)) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            throw MigrationMessages.sourceTableLayoutUnknown(table, database, found, missing);
        }
        // In the current layout's order, so the report reads the same for every source.
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String canonical : ZohoColumns.ALL) {
            if (byCanonical.containsKey(canonical)) {
                ordered.put(canonical, byCanonical.get(canonical));
            }
        }
        return ordered;
    }

    private static boolean tableExists(Connection c, String table) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        String escape = meta.getSearchStringEscape();
        for (String name : List.of(table, table.toLowerCase(Locale.ROOT), table.toUpperCase(Locale.ROOT))) {
            // _ is a wildcard in metadata patterns: escape it, or "oauth_token" would find "oauthXtoken".
            String pattern = escape == null || escape.isEmpty() ? name : name.replace("_", escape + "_");
            try (ResultSet rs = meta.getTables(c.getCatalog(), null, pattern, null)) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Properties credentials(String user, String password) {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        return p;
    }

    private static String hint(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:mariadb:")) {
            return "org.mariadb.jdbc:mariadb-java-client";
        }
        if (u.startsWith("jdbc:mysql:")) {
            return "com.mysql:mysql-connector-j";
        }
        if (u.startsWith("jdbc:sqlite:")) {
            return "org.xerial:sqlite-jdbc";
        }
        return "the database's JDBC driver";
    }

    /** The URL without its parameters, which may hold a password. */
    static String redact(String jdbcUrl) {
        int cut = jdbcUrl.length();
        for (char ch : new char[] {'?', ';'}) {
            int i = jdbcUrl.indexOf(ch);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return jdbcUrl.substring(0, cut);
    }
}
