package io.github.tokenstore.testing;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The real databases of the integration tests. Each is read from system properties or environment
 * variables, with the defaults that {@code .ci/run} sets up. A database that cannot be reached skips its
 * tests on a developer's machine, and fails them in CI ({@code CI=true}).
 * <p>
 * The build runs the integration tests in two JVMs at once; each has its own default database, so that one
 * JVM's tests never drop the tables another's are using: {@code tokenstore_test} for the first (and for a
 * test started alone), {@code tokenstore_test_<n>} for the n-th (the system property
 * {@value #FORK_PROPERTY}, which the pom sets from failsafe's fork number). A URL given by
 * {@code TOKENSTORE_PG_URL} or {@code TOKENSTORE_MARIADB_URL} is used as it is, by every JVM: run such a
 * build with {@code -Dtest.forks=1}.
 */
public enum TestDatabases {

    POSTGRESQL("TOKENSTORE_PG", "jdbc:postgresql://127.0.0.1:5432/" + database()),
    MARIADB("TOKENSTORE_MARIADB", "jdbc:mariadb://127.0.0.1:3306/" + database());

    /** The system property naming the test JVM's number, 1 for the first. */
    public static final String FORK_PROPERTY = "tokenstore.test.fork";

    private final String prefix;
    private final String defaultUrl;

    TestDatabases(String prefix, String defaultUrl) {
        this.prefix = prefix;
        this.defaultUrl = defaultUrl;
    }

    public String url() {
        return setting("URL", defaultUrl);
    }

    public String user() {
        return setting("USER", "tokenstore");
    }

    public String password() {
        return setting("PASSWORD", "tokenstore");
    }

    /** Fails (CI) or skips (elsewhere) the calling test if the database cannot be reached. */
    public void require() {
        try (Connection c = DriverManager.getConnection(url(), user(), password())) {
            c.isValid(5);
        } catch (SQLException e) {
            String message = name() + " is not reachable at " + url() + " as " + user() + " (" + e.getMessage()
                    + "); run .ci/run, or set " + prefix + "_URL/_USER/_PASSWORD";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message, e);
            }
            Assumptions.abort(message);
        }
    }

    /** Drops the store's tables (tokens, pending logins, token changes), so a test starts from an empty database. */
    public void dropTable() throws SQLException {
        try (Connection c = DriverManager.getConnection(url(), user(), password());
             var s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS tokenstore_token");
            s.execute("DROP TABLE IF EXISTS tokenstore_login_state");
            s.execute("DROP TABLE IF EXISTS tokenstore_token_change");
        }
    }

    /** The default database of this JVM: {@code tokenstore_test}, or {@code tokenstore_test_<n>} for fork n > 1. */
    private static String database() {
        String fork = System.getProperty(FORK_PROPERTY, "1");
        if (!fork.matches("[1-9][0-9]?")) {
            throw new IllegalStateException(FORK_PROPERTY + " must be a fork number from 1 to 99, not " + fork);
        }
        return fork.equals("1") ? "tokenstore_test" : "tokenstore_test_" + fork;
    }

    private String setting(String name, String fallback) {
        String key = prefix + "_" + name;
        String value = System.getProperty(key, System.getenv(key));
        return value == null ? fallback : value;
    }
}
