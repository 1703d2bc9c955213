package io.github.tokenstore.jpa;

import com.zaxxer.hikari.HikariDataSource;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.testing.DurableTokenStoreContract;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The contract on EclipseLink 4, Open Liberty's JPA provider (the other H2 tests run on Hibernate). */
class JpaEclipseLinkH2TokenStoreTest extends DurableTokenStoreContract {

    static final String ECLIPSELINK = "org.eclipse.persistence.jpa.PersistenceProvider";

    @TempDir
    Path dir;

    @Override
    protected TokenStore createStore() {
        HikariDataSource pool = PooledDataSources.create("jdbc:h2:file:" + dir.resolve("el").toAbsolutePath(), "sa", "", 4);
        return JpaTokenStore.open(pool, SchemaAction.CREATE, ECLIPSELINK, pool, null, clock);
    }

    @Override
    protected TokenStore reopenStore() {
        return createStore();
    }
}
