package io.github.tokenstore.zoho;

import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStores;
import io.github.tokenstore.testing.TestDatabases;
import org.junit.jupiter.api.BeforeAll;

/** The bridge on the JPA store with MariaDB ({@link TestDatabases#MARIADB}). */
class ZohoSdkBridgeMariaDbIT extends ZohoSdkBridgeContract {

    @BeforeAll
    static void reachable() {
        TestDatabases.MARIADB.require();
    }

    @Override
    TokenStore createStore() {
        TestDatabases db = TestDatabases.MARIADB;
        return TokenStores.jpa(db.url(), db.user(), db.password());
    }
}
