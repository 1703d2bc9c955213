package io.github.tokenstore.jpa;

import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.core.CoreMessages;
import io.github.tokenstore.core.TokenHashes;
import io.github.tokenstore.spi.RefreshLock;
import io.github.tokenstore.spi.RefreshLockTimeoutException;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * A {@link RefreshLock} in the database that the JVMs share: a named lock per user, held on a connection
 * of its own for the length of one refresh.
 *
 * <ul>
 *   <li>PostgreSQL: a transaction-scoped advisory lock ({@code pg_advisory_xact_lock}) with
 *       {@code lock_timeout} as the bounded wait; releasing rolls the (empty) transaction back.</li>
 *   <li>MariaDB and MySQL: {@code GET_LOCK} / {@code RELEASE_LOCK}.</li>
 * </ul>
 * Both die with the connection, so a JVM that dies mid-refresh never leaves the lock held. A named lock
 * rather than a row lock on the token: the refresh saves the token through the store on another
 * connection, which a row lock held here would block. Other databases (H2) have no such lock; the
 * constructor fails for them (a single JVM needs none: use {@link RefreshLock#inJvm()}).
 *
 * <p>Each held lock takes one connection from the data source, on top of the store's own: size the
 * pool for it. Thread-safe.
 */
public final class DatabaseRefreshLock implements RefreshLock {

    /** Default longest wait for another JVM's refresh: three default request timeouts. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(30);

    private static final String OWNER = "DatabaseRefreshLock";
    /** SQL state of PostgreSQL's lock_not_available (lock_timeout expired). */
    private static final String PG_LOCK_NOT_AVAILABLE = "55P03";

    private enum Dialect { POSTGRESQL, MYSQL }

    private final DataSource dataSource;
    private final Duration maxWait;
    private final Dialect dialect;

    /**
     * A lock on {@code dataSource}'s database.
     *
     * @param maxWait how long {@link #acquire} waits for another JVM's refresh before it fails; positive
     * @throws IllegalArgumentException if an argument is null or {@code maxWait} is not positive
     * @throws TokenStoreException      if the database cannot be reached or has no named locks
     */
    public DatabaseRefreshLock(DataSource dataSource, Duration maxWait) {
        if (dataSource == null) {
            throw CoreMessages.oauthArgumentNull(OWNER, "dataSource");
        }
        if (maxWait == null) {
            throw CoreMessages.oauthArgumentNull(OWNER, "maxWait");
        }
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw CoreMessages.oauthDurationInvalid(OWNER, "maxWait", maxWait, "it must be positive");
        }
        this.dataSource = dataSource;
        this.maxWait = maxWait;
        this.dialect = detect(dataSource);
    }

    /**
     * Waits at most the configured time until this JVM holds the user's lock.
     *
     * @throws RefreshLockTimeoutException ({@code TOKENSTORE-0271}) if the wait ran out
     * @throws TokenStoreException          {@code TOKENSTORE-0272} if the database failed
     */
    @Override
    public Lease acquire(UserSignature user) {
        return acquire(user, null);
    }

    /**
     * As {@link #acquire(UserSignature)}, for the user's token of one OAuth client: a lock of its own per
     * user and client; {@code client} {@code null} takes the same lock as {@link #acquire(UserSignature)}.
     */
    @Override
    public Lease acquire(UserSignature user, String client) {
        if (user == null) {
            throw CoreMessages.oauthArgumentNull(OWNER + ".acquire", "user");
        }
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            throw JpaMessages.refreshLockFailed("acquiring", e);
        }
        try {
            return dialect == Dialect.POSTGRESQL ? acquirePostgres(c, user, client) : acquireMysql(c, user, client);
        } catch (SQLException e) {
            closeQuietly(c);
            throw JpaMessages.refreshLockFailed("acquiring", e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    @Override
    public String toString() {
        return "DatabaseRefreshLock[" + dialect + ", maxWait=" + maxWait + "]";
    }

    private Lease acquirePostgres(Connection c, UserSignature user, String client) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            // SET LOCAL: the timeout ends with this transaction and never leaks into the pooled connection.
            s.execute("SET LOCAL lock_timeout = '" + maxWait.toMillis() + "ms'");
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            ps.setLong(1, postgresKey(user, client));
            ps.execute();
        } catch (SQLException e) {
            c.rollback();
            c.setAutoCommit(true);
            if (PG_LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                c.close();
                throw new RefreshLockTimeoutException(user, maxWait);
            }
            throw e;
        }
        return new ConnectionLease(c, () -> {
            // The rollback ends the transaction and with it the advisory lock.
            c.rollback();
            c.setAutoCommit(true);
        });
    }

    private Lease acquireMysql(Connection c, UserSignature user, String client) throws SQLException {
        String name = mysqlName(user, client);
        Object got;
        try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(?, ?)")) {
            ps.setString(1, name);
            ps.setBigDecimal(2, BigDecimal.valueOf(maxWait.toMillis(), 3));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                got = rs.getObject(1);
            }
        }
        if (got == null || ((Number) got).intValue() != 1) {
            c.close();
            if (got == null) {
                throw JpaMessages.refreshLockFailed("acquiring", null);
            }
            throw new RefreshLockTimeoutException(user, maxWait);
        }
        return new ConnectionLease(c, () -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT RELEASE_LOCK(?)")) {
                ps.setString(1, name);
                ps.executeQuery().close();
            }
        });
    }

    /** A 64-bit advisory-lock key for the user: the start of a SHA-256 digest, namespaced. */
    static long postgresKey(UserSignature user, String client) {
        return Long.parseUnsignedLong(TokenHashes.of("tokenstore-refresh:" + lockSubject(user, client))
                .substring(0, 16), 16);
    }

    /** A lock name within MySQL's 64 characters. */
    static String mysqlName(UserSignature user, String client) {
        return "tokenstore-refresh-" + TokenHashes.of(lockSubject(user, client)).substring(0, 40);
    }

    /**
     * What a lock is named after: the user's name, as before named clients (so JVMs of both versions exclude
     * each other on the tokens without a client), and for a named client the name and the client after a
     * separator no user name holds (no user name holds a NUL character).
     */
    private static String lockSubject(UserSignature user, String client) {
        return client == null ? user.name() : user.name() + '\u0000' + client;
    }

    private static Dialect detect(DataSource dataSource) {
        String product;
        try (Connection c = dataSource.getConnection()) {
            product = c.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw JpaMessages.databaseUnreachable("the refresh lock's data source", e);
        }
        String p = product == null ? "" : product.toLowerCase(java.util.Locale.ROOT);
        if (p.contains("postgres")) {
            return Dialect.POSTGRESQL;
        }
        if (p.contains("mariadb") || p.contains("mysql")) {
            return Dialect.MYSQL;
        }
        throw JpaMessages.refreshLockUnsupported(product);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // Already failing; the first failure is the one reported.
        }
    }

    @FunctionalInterface
    private interface SqlAction {
        void run() throws SQLException;
    }

    /** Releases once, then returns the connection; a failed release still closes it, which frees the lock. */
    private static final class ConnectionLease implements Lease {
        private static final System.Logger LOG = System.getLogger(DatabaseRefreshLock.class.getName());
        private final Connection connection;
        private final SqlAction release;
        private final AtomicBoolean released = new AtomicBoolean();

        ConnectionLease(Connection connection, SqlAction release) {
            this.connection = connection;
            this.release = release;
        }

        @Override
        public void close() {
            if (!released.compareAndSet(false, true)) {
                return;
            }
            try {
                release.run();
            } catch (SQLException e) {
                LOG.log(System.Logger.Level.WARNING, JpaMessages.refreshLockReleaseFailed(e));
                // A pool would otherwise hand the session, and the lock it holds, to the next borrower.
                try {
                    connection.abort(Runnable::run);
                } catch (SQLException | RuntimeException ignored) {
                    // Closing below is all that is left.
                }
            } finally {
                closeQuietly(connection);
            }
        }
    }
}
