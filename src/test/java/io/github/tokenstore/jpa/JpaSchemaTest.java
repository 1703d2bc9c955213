package io.github.tokenstore.jpa;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.TokenStores;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JpaSchemaTest {

    @TempDir
    Path dir;

    private JdbcDataSource h2(String name) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve(name).toAbsolutePath());
        ds.setUser("sa");
        return ds;
    }

    @Test
    void validateFailsOnAMissingTableAndNamesTheFix() {
        assertThatThrownBy(() -> JpaTokenStore.open(h2("empty"), SchemaAction.VALIDATE, null, null))
                .isInstanceOf(TokenStoreException.class)
                .hasMessage("TOKENSTORE-0040: the table tokenstore_token does not exist in H2; create it with the DDL "
                        + "shipped in the jar, or set tokenstore.jpa.schema=create");
    }

    @Test
    void validateNamesTheMissingColumns() throws Exception {
        JdbcDataSource ds = h2("old");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE tokenstore_token (id VARCHAR(64) PRIMARY KEY, user_name VARCHAR(255))");
        }

        assertThatThrownBy(() -> JpaTokenStore.open(ds, SchemaAction.CREATE, null, null))
                .isInstanceOf(TokenStoreException.class)
                .hasMessage("TOKENSTORE-0041: the table tokenstore_token in H2 lacks the columns [client_id, "
                        + "client_secret, refresh_token, access_token, grant_token, expiry_time, redirect_url, api_domain, "
                        + "access_token_hash, refresh_token_hash, grant_token_hash, created_at, updated_at, row_version, "
                        + "encryption_key_id, last_used_at, data_center, account, client_name, refused_at]; "
                        + "upgrade it with the DDL shipped in the jar");
    }

    @Test
    void createMakesTheTableOnceAndValidateThenPasses() {
        JdbcDataSource ds = h2("fresh");
        try (TokenStore store = JpaTokenStore.open(ds, SchemaAction.CREATE, null, null)) {
            store.saveToken(OAuthToken.builder().user("alice").accessToken("a").build());
        }
        try (TokenStore again = JpaTokenStore.open(ds, SchemaAction.CREATE, null, null);
             TokenStore validated = JpaTokenStore.open(ds, SchemaAction.VALIDATE, null, null)) {
            assertThat(again.getTokens()).hasSize(1);
            assertThat(validated.getTokens()).hasSize(1);
        }
    }

    @Test
    void theShippedScriptsHaveEveryColumnOfTheEntity() throws Exception {
        for (JpaSchema.Database db : JpaSchema.Database.values()) {
            for (int version = 0; version < JpaSchema.SCRIPTS.size(); version++) {
                String ddl = String.join("\n", JpaSchema.statements(db.script(JpaSchema.SCRIPTS.get(version))));
                for (String column : JpaSchema.COLUMNS_BY_VERSION.get(version)) {
                    assertThat(ddl).as(db + " V" + (version + 1) + " has " + column)
                            .containsPattern("(?m)(^\\s+|ADD COLUMN )" + column + "\\s");
                }
            }
        }
    }

    @Test
    void createUpgradesAVersion1TableAndKeepsItsTokens() throws Exception {
        JdbcDataSource ds = h2("v1");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String statement : JpaSchema.statements(JpaSchema.Database.H2.script(JpaSchema.SCRIPTS.get(0)))) {
                s.execute(statement);
            }
            s.execute("INSERT INTO tokenstore_token (id, user_name, access_token, access_token_hash, created_at, "
                    + "updated_at, row_version) VALUES ('id-1', 'alice', 'a', '"
                    + io.github.tokenstore.core.TokenHashes.of("a") + "', 5, 7, 0)");
        }
        assertThatThrownBy(() -> JpaTokenStore.open(ds, SchemaAction.VALIDATE, null, null))
                .isInstanceOf(TokenStoreException.class)
                .hasMessage("TOKENSTORE-0041: the table tokenstore_token in H2 lacks the columns [encryption_key_id, "
                        + "last_used_at, data_center, account, client_name, refused_at]; upgrade it with the DDL shipped "
                        + "in the jar");

        try (JpaTokenStore store = JpaTokenStore.open(ds, SchemaAction.CREATE, null, null);
             TokenStore validated = JpaTokenStore.open(ds, SchemaAction.VALIDATE, null, null)) {
            // The version-1 row counts as used at its last update (7), until it is read.
            assertThat(store.idleTokens(Instant.ofEpochMilli(7), 10)).isEmpty();
            assertThat(store.idleTokens(Instant.ofEpochMilli(8), 10)).extracting(OAuthToken::id).containsExactly("id-1");
            assertThat(store.findToken(OAuthToken.builder().accessToken("a").build()))
                    .map(t -> t.userSignature().name()).contains("alice");
            assertThat(validated.getTokens()).hasSize(1);
            assertThat(store.idleTokens(Instant.ofEpochMilli(8), 10)).isEmpty();
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT last_used_at FROM tokenstore_token")) {
            rs.next();
            assertThat(rs.getLong(1)).isGreaterThan(7);
        }
    }

    @Test
    void createUpgradesAVersion2TableToVersion3AndItsRowsKeepTheDefaultDataCenter() throws Exception {
        JdbcDataSource ds = h2("v2");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String script : JpaSchema.SCRIPTS.subList(0, 2)) {
                for (String statement : JpaSchema.statements(JpaSchema.Database.H2.script(script))) {
                    s.execute(statement);
                }
            }
            s.execute("INSERT INTO tokenstore_token (id, user_name, access_token, access_token_hash, created_at, "
                    + "updated_at, row_version, last_used_at) VALUES ('id-1', 'alice', 'a', '"
                    + io.github.tokenstore.core.TokenHashes.of("a") + "', 5, 7, 0, 7)");
        }
        assertThatThrownBy(() -> JpaTokenStore.open(ds, SchemaAction.VALIDATE, null, null))
                .isInstanceOf(TokenStoreException.class)
                .hasMessage("TOKENSTORE-0041: the table tokenstore_token in H2 lacks the columns [data_center, "
                        + "account, client_name, refused_at]; upgrade it with the DDL shipped in the jar");

        try (JpaTokenStore store = JpaTokenStore.open(ds, SchemaAction.CREATE, null, null);
             TokenStore validated = JpaTokenStore.open(ds, SchemaAction.VALIDATE, null, null)) {
            OAuthToken old = validated.findTokenById("id-1").orElseThrow();
            assertThat(old.dataCenter()).as("NULL: the configured default data center").isNull();
            assertThat(old.account()).isNull();
            OAuthToken eu = store.saveToken(old.toBuilder().dataCenter("eu").account("alice@zoho.eu").build());
            assertThat(eu.id()).isEqualTo("id-1");
            assertThat(validated.findTokenById("id-1")).contains(eu);
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT data_center, account FROM tokenstore_token")) {
            rs.next();
            assertThat(rs.getString(1) + " " + rs.getString(2)).isEqualTo("eu alice@zoho.eu");
        }
    }

    @Test
    void createUpgradesAVersion4TableToVersion5AndItsRowsBelongToTheDefaultClient() throws Exception {
        JdbcDataSource ds = h2("v4");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String script : JpaSchema.SCRIPTS.subList(0, 4)) {
                for (String statement : JpaSchema.statements(JpaSchema.Database.H2.script(script))) {
                    s.execute(statement);
                }
            }
            s.execute("INSERT INTO tokenstore_token (id, user_name, access_token, access_token_hash, created_at, "
                    + "updated_at, row_version, last_used_at) VALUES ('id-1', 'alice', 'a', '"
                    + io.github.tokenstore.core.TokenHashes.of("a") + "', 5, 7, 0, 7)");
        }
        assertThatThrownBy(() -> JpaTokenStore.open(ds, SchemaAction.VALIDATE, null, null))
                .isInstanceOf(TokenStoreException.class)
                .hasMessage("TOKENSTORE-0041: the table tokenstore_token in H2 lacks the columns [client_name, "
                        + "refused_at]; upgrade it with the DDL shipped in the jar");

        try (JpaTokenStore store = JpaTokenStore.open(ds, SchemaAction.CREATE, null, null);
             TokenStore validated = JpaTokenStore.open(ds, SchemaAction.VALIDATE, null, null)) {
            OAuthToken old = validated.findToken(OAuthToken.builder().user("alice").build()).orElseThrow();
            assertThat(old.id()).isEqualTo("id-1");
            assertThat(old.client()).as("no client: the default client's").isNull();
            assertThat(old.refusedAt()).isNull();
            OAuthToken salesforce = store.saveToken(OAuthToken.builder().user("alice").client("salesforce")
                    .accessToken("sf").build());
            assertThat(salesforce.id()).as("unique (user, client): a second row for alice").isNotEqualTo("id-1");
            OAuthToken zoho = store.saveToken(old.toBuilder().client("zoho")
                    .refusedAt(Instant.ofEpochMilli(9)).build());
            assertThat(zoho.id()).as("the old row takes the default client's name").isEqualTo("id-1");
            assertThat(validated.getTokens()).containsExactly(zoho, salesforce);
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            try (var rs = s.executeQuery("SELECT client_name, refused_at FROM tokenstore_token WHERE id = 'id-1'")) {
                rs.next();
                assertThat(rs.getString(1) + " " + rs.getLong(2)).isEqualTo("zoho 9");
            }
            s.execute("INSERT INTO tokenstore_token (id, user_name, created_at, updated_at, row_version) "
                    + "VALUES ('id-2', 'bob', 1, 1, 0)");
            assertThatThrownBy(() -> s.execute("INSERT INTO tokenstore_token (id, user_name, created_at, updated_at, "
                    + "row_version) VALUES ('id-3', 'bob', 1, 1, 0)"))
                    .as("one row per user without a client: the column is '' rather than NULL")
                    .isInstanceOf(java.sql.SQLException.class);
            assertThatThrownBy(() -> s.execute("INSERT INTO tokenstore_token (id, user_name, client_name, created_at, "
                    + "updated_at, row_version) VALUES ('id-4', 'alice', 'zoho', 1, 1, 0)"))
                    .isInstanceOf(java.sql.SQLException.class);
        }
    }

    @Test
    void createAddsTheChangeTableToAVersion5SchemaAndValidateWithoutItRecordsNoChanges() throws Exception {
        JdbcDataSource ds = h2("v5");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String script : JpaSchema.SCRIPTS.subList(0, 5)) {
                for (String statement : JpaSchema.statements(JpaSchema.Database.H2.script(script))) {
                    s.execute(statement);
                }
            }
        }
        try (JpaTokenStore validated = JpaTokenStore.open(ds, SchemaAction.VALIDATE, null, null)) {
            assertThat(validated.recordsChanges()).as("a V5 schema still validates; it has no feed").isFalse();
            validated.saveToken(OAuthToken.builder().user("alice").accessToken("a").build());
        }
        try (JpaTokenStore store = JpaTokenStore.open(ds, SchemaAction.CREATE, null, null)) {
            assertThat(store.recordsChanges()).isTrue();
            assertThat(store.changesAfter(0, 10)).isEmpty();
            store.saveToken(OAuthToken.builder().user("alice").accessToken("a2").build());
            assertThat(store.changesAfter(0, 10)).extracting(c -> c.user().name()).containsExactly("alice");
        }
    }

    @Test
    void anUnknownProviderIsAClearError() {
        assertThatThrownBy(() -> JpaTokenStore.open(h2("p"), SchemaAction.CREATE, "com.example.NoSuchProvider", null))
                .isInstanceOf(TokenStoreException.class)
                .hasMessage("TOKENSTORE-0044: the JPA provider com.example.NoSuchProvider is not on the class path");
    }

    @Test
    void anUnreachableDatabaseIsAClearErrorWithoutTheUrlParameters() {
        assertThatThrownBy(() -> TokenStores.jpa("jdbc:postgresql://127.0.0.1:1/none?password=hunter2", "u", "hunter2"))
                .isInstanceOf(TokenStoreException.class)
                .hasMessageStartingWith("TOKENSTORE-0045: cannot connect to jdbc:postgresql://127.0.0.1:1/none: ")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void theEntityNeverShowsItsSecrets() {
        TokenEntity entity = new TokenEntity("id-1", 0);
        entity.apply(OAuthToken.builder().user("alice").clientSecret("S").accessToken("A").refreshToken("R")
                .expiresAt(Instant.EPOCH).build(), 0);

        assertThat(entity.toString()).isEqualTo("TokenEntity[id=id-1, user=alice, client=null, version=0]");
    }
}
