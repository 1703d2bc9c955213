package io.github.tokenstore.jpa;

import io.github.tokenstore.TokenStore;
import io.github.tokenstore.testing.DurableTokenStoreContract;
import io.github.tokenstore.testing.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.sql.SQLException;

/** The contract on JPA with a real database server, starting from a dropped table. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RealDatabaseContract extends DurableTokenStoreContract {

    private final TestDatabases db;

    RealDatabaseContract(TestDatabases db) {
        this.db = db;
    }

    @BeforeAll
    void freshTable() throws SQLException {
        db.require();
        db.dropTable();
    }

    @Override
    protected TokenStore createStore() {
        return UrlStores.open(db.url(), db.user(), db.password(), null, clock);
    }

    @Override
    protected TokenStore reopenStore() {
        return createStore();
    }
}
