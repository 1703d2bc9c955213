package io.github.tokenstore.jpa;

import com.zaxxer.hikari.HikariDataSource;
import io.github.tokenstore.EncryptionKeys;

import java.time.Clock;

/**
 * What {@code TokenStores.jpa(url, user, password, keys)} opens, on a clock the test moves: the library's
 * own persistence unit on a pool of the JDBC URL, the table created if missing.
 */
final class UrlStores {

    private UrlStores() {
    }

    static JpaTokenStore open(String url, String user, String password, EncryptionKeys keys, Clock clock) {
        HikariDataSource pool = PooledDataSources.create(url, user, password, PooledDataSources.DEFAULT_POOL_SIZE);
        try {
            return JpaTokenStore.open(pool, SchemaAction.CREATE, null, pool, keys, clock);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }
}
