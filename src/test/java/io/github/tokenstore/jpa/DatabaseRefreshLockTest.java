package io.github.tokenstore.jpa;

import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.UserSignature;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The database refresh lock's checks; its locking runs on PostgreSQL and MariaDB in DatabaseRefreshLockIT. */
class DatabaseRefreshLockTest {

    @Test
    void aDatabaseWithoutNamedLocksIsRefused() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:refresh-lock-test");

        assertThatThrownBy(() -> new DatabaseRefreshLock(h2, Duration.ofSeconds(1)))
                .isInstanceOf(TokenStoreException.class)
                .hasMessage("TOKENSTORE-0270: the database H2 offers no named lock for the cross-JVM refresh lock; "
                        + "use PostgreSQL, MariaDB or MySQL, or RefreshLock.inJvm() when a single JVM uses the store");
    }

    @Test
    void aDatabaseFailureWhileAcquiringIsTypedAndReleasesTheConnection() {
        boolean[] closed = {false};
        DataSource failing = failingPostgres(closed);
        DatabaseRefreshLock lock = new DatabaseRefreshLock(failing, Duration.ofSeconds(1));
        closed[0] = false;

        TokenStoreException e = catchThrowableOfType(TokenStoreException.class,
                () -> lock.acquire(new UserSignature("alice@example.com")));

        assertThat(e.getMessage()).isEqualTo("TOKENSTORE-0272: acquiring the refresh lock failed: SQLException "
                + "(SQL state 08006)");
        assertThat(closed[0]).as("the connection went back").isTrue();
    }

    @Test
    void argumentsAreCheckedByName() {
        assertThatThrownBy(() -> new DatabaseRefreshLock(null, Duration.ofSeconds(1)))
                .hasMessage("TOKENSTORE-0203: DatabaseRefreshLock: dataSource is null");
        assertThatThrownBy(() -> new DatabaseRefreshLock(failingPostgres(new boolean[1]), Duration.ZERO))
                .hasMessage("TOKENSTORE-0201: DatabaseRefreshLock: maxWait is PT0S; it must be positive");
    }

    /** A PostgreSQL look-alike whose statements fail with a connection failure. */
    private static DataSource failingPostgres(boolean[] closed) {
        DatabaseMetaData meta = (DatabaseMetaData) Proxy.newProxyInstance(getClass(DatabaseMetaData.class),
                new Class<?>[] {DatabaseMetaData.class}, (p, m, a) -> switch (m.getName()) {
                    case "getDatabaseProductName" -> "PostgreSQL";
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        Connection connection = (Connection) Proxy.newProxyInstance(getClass(Connection.class),
                new Class<?>[] {Connection.class}, (p, m, a) -> switch (m.getName()) {
                    case "getMetaData" -> meta;
                    case "setAutoCommit", "rollback" -> null;
                    case "close" -> {
                        closed[0] = true;
                        yield null;
                    }
                    case "createStatement", "prepareStatement" -> throw new SQLException("connection lost", "08006");
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        return (DataSource) Proxy.newProxyInstance(getClass(DataSource.class), new Class<?>[] {DataSource.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getConnection" -> connection;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private static ClassLoader getClass(Class<?> type) {
        return DatabaseRefreshLockTest.class.getClassLoader();
    }
}
