package io.github.tokenstore.cdi.internal;

import com.zaxxer.hikari.HikariDataSource;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.file.FileTokenStore;
import io.github.tokenstore.jpa.JpaTokenStore;
import io.github.tokenstore.jpa.PooledDataSources;
import io.github.tokenstore.memory.InMemoryTokenStore;
import jakarta.persistence.spi.PersistenceProvider;
import jakarta.persistence.spi.PersistenceProviderResolverHolder;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Opens the built-in store a {@link TokenStoreConfig} describes, doing at once everything that can fail
 * (finding and connecting to the database, the schema action, reading the token file), so that a
 * deployment fails with a clear message instead of the first call.
 *
 * <p>Which database the JPA store uses, in this order: {@link TokenStoreConfig#JPA_URL}; else
 * {@link TokenStoreConfig#JPA_DATASOURCE}; else the server's {@code java:comp/DefaultDataSource} if a
 * JNDI lookup finds it (in a Jakarta EE server); else an H2 file database in
 * {@link TokenStoreConfig#directory()} (Java SE, or a servlet container without a default datasource).
 * A store on a datasource from JNDI works outside the caller's JTA transaction
 * ({@link OutsideTransactionTokenStore}).
 */
public final class BuiltInStore {

    /** Finds a JNDI name; {@link #DEFAULT} asks the {@link InitialContext}. */
    @FunctionalInterface
    public interface Jndi {
        /** The object bound to {@code name}. */
        Object lookup(String name) throws NamingException;

        /** The platform's JNDI; without a provider (Java SE) every lookup fails. */
        Jndi DEFAULT = name -> {
            InitialContext context = new InitialContext();
            try {
                return context.lookup(name);
            } finally {
                context.close();
            }
        };
    }

    /**
     * The store, or why there is none.
     *
     * @param dataSource the JPA store's own database (a URL's pool or a JNDI datasource) for the refresh
     *                   lock; {@code null} for other stores
     */
    public record Opening(TokenStore store, List<TokenStoreException> problems, DataSource dataSource) {

        Opening(TokenStore store, List<TokenStoreException> problems) {
            this(store, problems, null);
        }

        static Opening failed(TokenStoreException problem) {
            return new Opening(null, List.of(problem));
        }
    }

    private static final System.Logger LOG = System.getLogger(BuiltInStore.class.getName());

    static final String TRANSACTION_REGISTRY = "java:comp/TransactionSynchronizationRegistry";
    public static final String MANAGED_EXECUTOR = "java:comp/DefaultManagedExecutorService";

    private BuiltInStore() {
    }

    /**
     * Opens the configured store. A configuration with problems opens nothing.
     *
     * @param clock the time of saves and uses (the extension's {@code Clock} bean)
     * @return the open store, or the problems that prevent it
     */
    public static Opening open(TokenStoreConfig config, Jndi jndi, Clock clock) {
        if (!config.problems().isEmpty()) {
            return new Opening(null, config.problems());
        }
        switch (config.store()) {
            case MEMORY:
                // Nothing is at rest: tokenstore.encryption.keys does not apply.
                return new Opening(new InMemoryTokenStore(clock), List.of());
            case FILE:
                // The file store records no times.
                return openFile(config);
            default:
                return openJpa(config, jndi, clock);
        }
    }

    private static Opening openFile(TokenStoreConfig config) {
        TokenStore store = new FileTokenStore(config.filePath(), config.encryptionKeys().orElse(null), config.fileIds());
        try {
            // Reads an existing file now: a foreign or corrupt one fails the deployment.
            store.getTokens();
            return new Opening(store, List.of());
        } catch (TokenStoreException e) {
            return Opening.failed(e);
        }
    }

    private static Opening openJpa(TokenStoreConfig config, Jndi jndi, Clock clock) {
        String provider = config.provider().orElse(null);
        if (provider != null) {
            List<String> available = providers();
            if (!available.contains(provider)) {
                return Opening.failed(CdiMessages.unknownJpaProvider(provider, available));
            }
        }
        if (config.url().isPresent()) {
            String url = config.url().get();
            return openPool(config, url, false, config.user().orElse(null), config.password().orElse(null), clock);
        }
        if (config.datasource().isPresent()) {
            return openConfiguredDataSource(config, jndi, config.datasource().get(), clock);
        }
        DataSource serverDefault;
        try {
            serverDefault = (DataSource) jndi.lookup(TokenStoreConfig.DEFAULT_DATASOURCE);
        } catch (NamingException | ClassCastException notInAServer) {
            return openPool(config, config.defaultH2Url(), true, config.defaultH2User(), "", clock);
        }
        return openDataSource(config, jndi, serverDefault, TokenStoreConfig.DEFAULT_DATASOURCE, true, clock);
    }

    private static Opening openConfiguredDataSource(TokenStoreConfig config, Jndi jndi, String name, Clock clock) {
        DataSource dataSource;
        try {
            dataSource = (DataSource) jndi.lookup(name);
        } catch (NamingException | ClassCastException e) {
            return Opening.failed(CdiMessages.datasourceNotFound(name, e));
        }
        if (dataSource == null) {
            return Opening.failed(CdiMessages.datasourceNotFound(name, null));
        }
        return openDataSource(config, jndi, dataSource, name, false, clock);
    }

    private static Opening openDataSource(TokenStoreConfig config, Jndi jndi, DataSource dataSource, String name,
                                          boolean defaulted, Clock clock) {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(10)) {
                throw new SQLException("the connection is not valid");
            }
            warnIfInMemory(connection, name);
        } catch (SQLException | RuntimeException e) {
            return Opening.failed(CdiMessages.datasourceUnreachable(name, defaulted, e));
        }
        TokenStore store;
        try {
            store = JpaTokenStore.open(dataSource, config.schema(), config.provider().orElse(null), null,
                    config.encryptionKeys().orElse(null), clock);
        } catch (RuntimeException e) {
            return Opening.failed(startFailure(config, e));
        }
        return new Opening(outsideTransactions(store, jndi), List.of(), dataSource);
    }

    /**
     * WildFly's default datasource, ExampleDS, is an in-memory H2 database: it works, but every token is
     * gone after a restart. Say so once, at deployment.
     */
    static void warnIfInMemory(Connection connection, String name) throws SQLException {
        String url = connection.getMetaData().getURL();
        String database = inMemoryDatabase(url);
        if (database != null) {
            LOG.log(System.Logger.Level.WARNING, CdiMessages.inMemoryDatasource(name, database));
        }
    }

    /** The database product if {@code url} names an in-memory database, else {@code null}. */
    static String inMemoryDatabase(String url) {
        if (url == null) {
            return null;
        }
        if (url.startsWith("jdbc:h2:mem:")) {
            return "H2";
        }
        if (url.startsWith("jdbc:derby:memory:")) {
            return "Derby";
        }
        if (url.startsWith("jdbc:hsqldb:mem:")) {
            return "HSQLDB";
        }
        return null;
    }

    /**
     * A store on a datasource from JNDI, kept out of JTA transactions if the server has them (see
     * {@link OutsideTransactionTokenStore}); as it is where there is no transaction registry or managed
     * executor (Java SE, or a server without Jakarta Concurrency).
     */
    private static TokenStore outsideTransactions(TokenStore store, Jndi jndi) {
        Object registry;
        Object executor;
        try {
            registry = jndi.lookup(TRANSACTION_REGISTRY);
            executor = jndi.lookup(MANAGED_EXECUTOR);
        } catch (NamingException noJtaOrNoExecutor) {
            return store;
        }
        if (registry instanceof TransactionSynchronizationRegistry jta && executor instanceof ExecutorService tasks) {
            return new OutsideTransactionTokenStore(store,
                    () -> jta.getTransactionStatus() != Status.STATUS_NO_TRANSACTION, tasks,
                    OutsideTransactionTokenStore.DEFAULT_WAIT);
        }
        return store;
    }

    private static Opening openPool(TokenStoreConfig config, String url, boolean defaulted, String user,
                                    String password, Clock clock) {
        HikariDataSource pool;
        try {
            pool = PooledDataSources.create(url, user, password, config.poolSize());
        } catch (TokenStoreException e) {
            boolean passwordGiven = !defaulted && password != null;
            return Opening.failed(CdiMessages.urlUnreachable(PooledDataSources.redact(url), defaulted,
                    defaulted ? null : user, passwordGiven, e.getCause()));
        }
        try {
            return new Opening(JpaTokenStore.open(pool, config.schema(), config.provider().orElse(null), pool,
                    config.encryptionKeys().orElse(null), clock),
                    List.of(), pool);
        } catch (RuntimeException e) {
            pool.close();
            return Opening.failed(startFailure(config, e));
        }
    }

    /**
     * The store's own failures keep their IDs; anything else is the JPA provider failing to boot the unit
     * (a class-loading or mapping problem in a server, say), which must not escape as an anonymous
     * exception.
     */
    private static TokenStoreException startFailure(TokenStoreConfig config, RuntimeException e) {
        if (e instanceof TokenStoreException known) {
            return known;
        }
        String provider = config.provider().orElseGet(() -> providers().isEmpty() ? "(none)" : providers().get(0));
        return CdiMessages.persistenceUnitFailed(provider, e);
    }

    /** The JPA providers on the class path, by class name. */
    private static List<String> providers() {
        return PersistenceProviderResolverHolder.getPersistenceProviderResolver().getPersistenceProviders()
                .stream().map(PersistenceProvider::getClass).map(Class::getName).toList();
    }
}
