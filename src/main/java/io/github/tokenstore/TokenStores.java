package io.github.tokenstore;

import com.zaxxer.hikari.HikariDataSource;
import io.github.tokenstore.file.FileTokenStore;
import io.github.tokenstore.jpa.JpaTokenStore;
import io.github.tokenstore.jpa.PooledDataSources;
import io.github.tokenstore.jpa.SchemaAction;
import io.github.tokenstore.memory.InMemoryTokenStore;
import jakarta.persistence.EntityManagerFactory;

import java.nio.file.Path;

/**
 * Plain-Java factories of every built-in store, for applications without CDI, tools and tests.
 * Close a store when done with it ({@code try (TokenStore store = TokenStores.jpa(…)) { … }}).
 *
 * <p>Each factory returns its store's own class, with or without encryption keys: {@link #inMemory()} an
 * {@link InMemoryTokenStore}, both {@code file} factories a {@link FileTokenStore}, every {@code jpa} factory
 * a {@link JpaTokenStore}; assign it to a {@link TokenStore} unless you need the store's own methods (such as
 * {@code reencryptAll()}).
 */
public final class TokenStores {

    private TokenStores() {
    }

    /** A new, empty store in the heap. */
    public static InMemoryTokenStore inMemory() {
        return new InMemoryTokenStore();
    }

    /**
     * A store in a CSV file with the Zoho Java SDK's layout; the file is created on the first save.
     *
     * @throws IllegalArgumentException if {@code file} is null
     */
    public static FileTokenStore file(Path file) {
        return new FileTokenStore(file);
    }

    /**
     * A store in a CSV file with the client secret and the tokens encrypted with {@code keys}
     * (AES-256-GCM; the Zoho SDK cannot read such a file). A plaintext file is read, and encrypted by the
     * next save. {@link FileTokenStore#reencryptAll()} re-encrypts with the active key; so does every save.
     *
     * @param keys the keys, the active one first; {@code null} stores in plaintext
     * @throws IllegalArgumentException if {@code file} is null
     */
    public static FileTokenStore file(Path file, EncryptionKeys keys) {
        return new FileTokenStore(file, keys);
    }

    /**
     * A store on an application's resource-local {@code EntityManagerFactory}, whose persistence unit
     * lists {@link io.github.tokenstore.jpa.TokenEntity} and whose database has its table. Closing the
     * store leaves the factory open.
     *
     * @throws IllegalArgumentException if {@code emf} is null
     */
    public static JpaTokenStore jpa(EntityManagerFactory emf) {
        return new JpaTokenStore(emf);
    }

    /**
     * A store on a JDBC database with the library's own persistence unit and a connection pool of
     * {@value PooledDataSources#DEFAULT_POOL_SIZE} connections; the table is created if it is missing.
     * Needs a JPA provider (Hibernate ORM 6.6 or EclipseLink 4) and the JDBC driver on the class path.
     *
     * @throws TokenStoreException if the database cannot be reached or its table cannot be created
     */
    public static JpaTokenStore jpa(String jdbcUrl, String user, String password) {
        return jpa(jdbcUrl, user, password, null);
    }

    /**
     * As {@link #jpa(String, String, String)}, with the client secret and the tokens stored encrypted with
     * {@code keys} (AES-256-GCM) and looked up by keyed digests. Rows stored in plaintext before are read,
     * and encrypted by their next save or {@link JpaTokenStore#reencryptAll()}, which also moves rows of
     * older keys to the active one.
     *
     * @param keys the keys, the active one first; {@code null} stores in plaintext
     * @throws TokenStoreException if the database cannot be reached or its table cannot be created
     */
    public static JpaTokenStore jpa(String jdbcUrl, String user, String password, EncryptionKeys keys) {
        HikariDataSource pool = PooledDataSources.create(jdbcUrl, user, password, PooledDataSources.DEFAULT_POOL_SIZE);
        try {
            return JpaTokenStore.open(pool, SchemaAction.CREATE, null, pool, keys);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }
}
