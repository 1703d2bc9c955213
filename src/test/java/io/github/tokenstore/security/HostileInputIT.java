package io.github.tokenstore.security;

import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStores;
import io.github.tokenstore.testing.TestDatabases;
import org.junit.jupiter.api.Test;

/** The hostile corpus through JPA on PostgreSQL and MariaDB, encrypted and not. */
class HostileInputIT {

    @Test
    void postgresql() throws Exception {
        TestDatabases db = TestDatabases.POSTGRESQL;
        String url = IsolatedDatabases.freshPostgresSchema("tokenstore_hostile_it");
        try (TokenStore store = TokenStores.jpa(url, db.user(), db.password())) {
            HostileInputTest.report("jpa postgresql", HostileInput.run(store,
                    () -> TokenStores.jpa(url, db.user(), db.password())));
        }
    }

    @Test
    void mariadb() throws Exception {
        TestDatabases db = TestDatabases.MARIADB;
        String url = IsolatedDatabases.freshMariaDb("hostile_it");
        var keys = TestKeys.keys("k1", TestKeys.newKey());
        try (TokenStore store = TokenStores.jpa(url, db.user(), db.password())) {
            HostileInputTest.report("jpa mariadb", HostileInput.run(store,
                    () -> TokenStores.jpa(url, db.user(), db.password())));
        }
        String fresh = IsolatedDatabases.freshMariaDb("hostile_enc_it");
        try (TokenStore store = TokenStores.jpa(fresh, db.user(), db.password(), keys)) {
            HostileInputTest.report("jpa mariadb encrypted", HostileInput.run(store,
                    () -> TokenStores.jpa(fresh, db.user(), db.password(), keys)));
        }
    }
}
