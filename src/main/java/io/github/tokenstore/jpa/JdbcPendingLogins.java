package io.github.tokenstore.jpa;

import io.github.tokenstore.core.CoreMessages;
import io.github.tokenstore.login.LoginFlow;
import io.github.tokenstore.login.PendingLogin;
import io.github.tokenstore.login.PendingLogins;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * {@link PendingLogins} in the table {@value #TABLE} of the JPA store's database, so that every node of a
 * cluster completes the logins the others started (no sticky sessions needed). Plain JDBC with bound
 * parameters, each call in its own auto-committed statement. A {@link #take} is one {@code DELETE}: of the
 * nodes taking the same state at once, only the one whose delete removed the row gets it. Each save also
 * removes the rows older than {@link LoginFlow#STATE_LIFETIME}. Thread-safe.
 */
public final class JdbcPendingLogins implements PendingLogins {

    /** The table, created by {@code V4__login_state.sql}. */
    public static final String TABLE = "tokenstore_login_state";
    /** The shipped script that creates it. */
    static final String SCRIPT = "V4__login_state.sql";

    private static final String COLUMNS = "state_hash, browser_hash, nonce, return_path, login_hint, consent_round,"
            + " created_at";

    private final DataSource dataSource;

    private JdbcPendingLogins(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The pending logins of this database; with {@link SchemaAction#CREATE} the table is created if it is
     * missing, with {@link SchemaAction#VALIDATE} its absence is a failure.
     *
     * @throws io.github.tokenstore.TokenStoreException if the table is missing ({@code VALIDATE}), cannot be
     *                                                  created, or the database fails
     */
    public static JdbcPendingLogins open(DataSource dataSource, SchemaAction action) {
        Objects.requireNonNull(dataSource, "dataSource");
        String product = "the database";
        try (Connection c = dataSource.getConnection()) {
            product = c.getMetaData().getDatabaseProductName();
            if (action != SchemaAction.NONE && !exists(c)) {
                if (action == SchemaAction.VALIDATE) {
                    throw JpaMessages.schemaMissing(TABLE, product);
                }
                JpaSchema.Database database = JpaSchema.Database.of(c.getMetaData());
                if (database == null) {
                    throw JpaMessages.schemaUnsupported(product, TABLE);
                }
                create(c, database);
            }
        } catch (SQLException | IOException e) {
            throw JpaMessages.schemaFailed(action.name().toLowerCase(Locale.ROOT), product, e);
        }
        return new JdbcPendingLogins(dataSource);
    }

    @Override
    public void save(PendingLogin login) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement purge = c.prepareStatement("DELETE FROM " + TABLE + " WHERE created_at < ?")) {
                purge.setLong(1, login.createdAt().minus(LoginFlow.STATE_LIFETIME).toEpochMilli());
                purge.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + TABLE + " (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, login.stateHash());
                insert.setString(2, login.browserHash());
                insert.setString(3, login.nonce());
                insert.setString(4, login.returnPath());
                insert.setString(5, login.loginHint());
                insert.setBoolean(6, login.consentRound());
                insert.setLong(7, login.createdAt().toEpochMilli());
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw CoreMessages.storeFailed("save a pending login", toString(), e);
        }
    }

    @Override
    public Optional<PendingLogin> take(String stateHash) {
        try (Connection c = dataSource.getConnection()) {
            PendingLogin found = null;
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE
                    + " WHERE state_hash = ?")) {
                select.setString(1, stateHash);
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        found = new PendingLogin(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getBoolean(6), Instant.ofEpochMilli(rs.getLong(7)));
                    }
                }
            }
            if (found == null) {
                return Optional.empty();
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + TABLE + " WHERE state_hash = ?")) {
                delete.setString(1, stateHash);
                // Single use across the cluster: only the node whose delete removed the row has the login.
                return delete.executeUpdate() == 1 ? Optional.of(found) : Optional.empty();
            }
        } catch (SQLException e) {
            throw CoreMessages.storeFailed("take a pending login", toString(), e);
        }
    }

    @Override
    public int removeStartedBefore(Instant cutoff) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM " + TABLE + " WHERE created_at < ?")) {
            delete.setLong(1, cutoff.toEpochMilli());
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw CoreMessages.storeFailed("remove expired pending logins", toString(), e);
        }
    }

    /** Whether the table is there, asked as JpaSchema asks: no failing statement in the caller's transaction. */
    static boolean exists(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        // Databases fold unquoted names differently: H2 to upper case, PostgreSQL to lower case.
        for (String table : List.of(TABLE, TABLE.toUpperCase(Locale.ROOT))) {
            try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), table, null)) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    static void create(Connection c, JpaSchema.Database database) throws SQLException, IOException {
        try {
            for (String statement : JpaSchema.statements(database.script(SCRIPT))) {
                try (Statement s = c.createStatement()) {
                    s.execute(statement);
                }
            }
        } catch (SQLException e) {
            // Another node may have created it at the same moment.
            if (!exists(c)) {
                throw e;
            }
        }
    }

    @Override
    public String toString() {
        return "PendingLogins[" + TABLE + "]";
    }
}
