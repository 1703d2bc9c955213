package io.github.tokenstore.jpa;

import io.github.tokenstore.testing.TestDatabases;

class JpaPostgresTokenStoreIT extends RealDatabaseContract {

    JpaPostgresTokenStoreIT() {
        super(TestDatabases.POSTGRESQL);
    }
}
