package io.github.tokenstore.jpa;

import io.github.tokenstore.testing.TestDatabases;

class JpaMariaDbTokenStoreIT extends RealDatabaseContract {

    JpaMariaDbTokenStoreIT() {
        super(TestDatabases.MARIADB);
    }
}
