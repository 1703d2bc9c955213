package io.github.tokenstore.jpa;

import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStores;
import io.github.tokenstore.testing.TestDatabases;
import io.github.tokenstore.testing.DurableTokenStoreContract;
import org.junit.jupiter.api.BeforeAll;

import java.sql.SQLException;

class JpaMariaDbTokenStoreIT extends DurableTokenStoreContract {

    private static final TestDatabases DB = TestDatabases.MARIADB;

    @BeforeAll
    static void freshTable() throws SQLException {
        DB.require();
        DB.dropTable();
    }

    @Override
    protected TokenStore createStore() {
        return TokenStores.jpa(DB.url(), DB.user(), DB.password());
    }

    @Override
    protected TokenStore reopenStore() {
        return TokenStores.jpa(DB.url(), DB.user(), DB.password());
    }
}
