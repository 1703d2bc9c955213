package io.github.tokenstore.examples.portal;

import io.github.tokenstore.TokenStore;
import io.github.tokenstore.jpa.JpaTokenStore;
import io.github.tokenstore.jpa.SchemaAction;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.persistence.spi.PersistenceProviderResolverHolder;

import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The library's JPA token store on the server's default datasource, opened by hand until the CDI
 * extension (which will offer {@code @Inject TokenStore}, configured by MicroProfile Config) replaces it.
 *
 * <p>It opens the library's own persistence unit with whatever JPA provider the server offers (Hibernate
 * on WildFly, EclipseLink on Open Liberty) and creates the table if it is missing. Opened when the
 * application starts, so a store that cannot boot fails the deployment; closed when it stops.
 */
@ApplicationScoped
public class DefaultDataSourceStore {

    private static final Logger LOG = Logger.getLogger(DefaultDataSourceStore.class.getName());

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    private TokenStore store;
    private String provider;

    @PostConstruct
    void open() {
        // What JpaTokenStore.open(…, null, …) picks: the first provider the resolver lists.
        List<?> providers = PersistenceProviderResolverHolder.getPersistenceProviderResolver().getPersistenceProviders();
        provider = providers.isEmpty() ? "none" : providers.get(0).getClass().getName();
        store = JpaTokenStore.open(dataSource, SchemaAction.CREATE, null, null);
        LOG.info(() -> "Opened " + store + " with " + provider + " on java:comp/DefaultDataSource");
    }

    @PreDestroy
    void close() {
        if (store != null) {
            store.close();
        }
    }

    /** Opens the store at deployment rather than on the first request. */
    void openAtStartup(@Observes Startup startup) {
        store();
    }

    /** The store. */
    public TokenStore store() {
        return store;
    }

    /** The class name of the JPA provider the store runs on. */
    public String provider() {
        return provider;
    }

    /** The server's default datasource, for checks that go around the store. */
    public DataSource dataSource() {
        return dataSource;
    }
}
