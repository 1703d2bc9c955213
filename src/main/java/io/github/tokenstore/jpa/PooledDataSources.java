package io.github.tokenstore.jpa;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.tokenstore.core.CoreMessages;

import java.util.Locale;
import java.util.Map;

/** The connection pool (HikariCP) of the library's own persistence unit outside a server. */
public final class PooledDataSources {

    /** Connections the pool keeps at most, unless told otherwise. */
    public static final int DEFAULT_POOL_SIZE = 10;

    private PooledDataSources() {
    }

    /**
     * A pool on a JDBC URL. Connects once before it returns, so a wrong URL or password fails here.
     *
     * @throws io.github.tokenstore.TokenStoreException if the database cannot be reached
     * @throws IllegalArgumentException                 if {@code jdbcUrl} is null or {@code poolSize} < 1
     */
    public static HikariDataSource create(String jdbcUrl, String user, String password, int poolSize) {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            throw CoreMessages.nullArgument("jpa", "jdbcUrl");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize is " + poolSize + "; it must be at least 1");
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("tokenstore");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(2, poolSize));
        config.setConnectionTimeout(10_000);
        // Read committed everywhere (MariaDB defaults to repeatable read): no gap locks on the lookups of a
        // save, so concurrent saves of new users deadlock far less; row locks and unique keys do the rest.
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        driverProperties(jdbcUrl).forEach(config::addDataSourceProperty);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw JpaMessages.databaseUnreachable(redact(jdbcUrl), e);
        }
    }

    /**
     * The driver settings the pool adds, unless the URL sets them itself: MariaDB's server-side prepared
     * statements, so that each connection parses the store's few statements once instead of on every call
     * (the driver keeps 250 per connection).
     */
    static Map<String, String> driverProperties(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:mariadb:") && !jdbcUrl.toLowerCase(Locale.ROOT).contains("useserverprepstmts")) {
            return Map.of("useServerPrepStmts", "true");
        }
        return Map.of();
    }

    /**
     * The URL without its parameters ({@code ?…} or {@code ;…}), which may hold a password: what messages
     * show of a JDBC URL.
     */
    public static String redact(String jdbcUrl) {
        int cut = jdbcUrl.length();
        for (char c : new char[] {'?', ';'}) {
            int i = jdbcUrl.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return jdbcUrl.substring(0, cut);
    }
}
