package io.github.tokenstore.migrate;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStores;
import io.github.tokenstore.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;

import static io.github.tokenstore.migrate.SdkTokens.CLIENT;
import static io.github.tokenstore.migrate.SdkTokens.EXPIRY;
import static io.github.tokenstore.migrate.SdkTokens.access;
import static io.github.tokenstore.migrate.SdkTokens.refresh;
import static io.github.tokenstore.migrate.SdkTokens.secret;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command on a real MariaDB table made the way the Zoho Java SDK's DBStore expects it: the "MySQL
 * Query" of the SDK's README (Java SDK for CRM API v8, versions/5.0.0; the DBStore creates no table itself)
 * and, for the older SDKs, the nine-column one of the v5 SDK's versions/1.0.0 README. Rows are inserted with
 * the columns of the DBStore's own insert. The tables are dropped afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZohoDbStoreImportIT {

    private static final TestDatabases DB = TestDatabases.MARIADB;
    private static final String CURRENT = "oauthtoken";
    private static final String OLDER = "oauthtoken_sdk5";

    @TempDir
    Path dir;

    @BeforeAll
    void createTheSdkTables() throws SQLException {
        DB.require();
        dropTables();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE oauthtoken (\n"
                    + "  id varchar(10) NOT NULL,\n"
                    + "  user_name varchar(255),\n"
                    + "  client_id varchar(255),\n"
                    + "  client_secret varchar(255),\n"
                    + "  refresh_token varchar(255),\n"
                    + "  access_token varchar(255),\n"
                    + "  grant_token varchar(255),\n"
                    + "  expiry_time varchar(20),\n"
                    + "  redirect_url varchar(255),\n"
                    + "  api_domain varchar(255),\n"
                    + "  primary key (id)\n"
                    + ")");
            s.execute("CREATE TABLE oauthtoken_sdk5 (\n"
                    + "  id varchar(10) NOT NULL,\n"
                    + "  user_name varchar(255),\n"
                    + "  client_id varchar(255),\n"
                    + "  client_secret varchar(255),\n"
                    + "  refresh_token varchar(255),\n"
                    + "  access_token varchar(255),\n"
                    + "  grant_token varchar(255),\n"
                    + "  expiry_time varchar(20),\n"
                    + "  redirect_url varchar(255),\n"
                    + "  primary key (id)\n"
                    + ")");
            insert(c, CURRENT, true, "1", "alice@zylker.example", refresh("alice"), access("alice"), EXPIRY);
            insert(c, CURRENT, true, "2", "bob@zylker.example", refresh("bob"), access("bob"), EXPIRY);
            insert(c, CURRENT, true, "3", "carol@zylker.example", null, null, EXPIRY);
            // The DBStore's max(id)+1 ids let one user end up in two rows.
            insert(c, CURRENT, true, "4", "dave@zylker.example", refresh("dave1"), access("dave1"), EXPIRY);
            insert(c, CURRENT, true, "5", "dave@zylker.example", refresh("dave2"), access("dave2"), EXPIRY);
            insert(c, OLDER, false, "1", "erin@zylker.example", refresh("erin"), access("erin"), EXPIRY);
        }
    }

    @AfterAll
    void dropTables() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + CURRENT);
            s.execute("DROP TABLE IF EXISTS " + OLDER);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(DB.url(), DB.user(), DB.password());
    }

    /** The columns of the DBStore's insert; the nine-column SDK has no api_domain. */
    private static void insert(Connection c, String table, boolean apiDomain, String id, String user, String refresh,
                               String access, long expiry) throws SQLException {
        String columns = "id,user_name,client_id,client_secret,refresh_token,access_token,grant_token,expiry_time,"
                + "redirect_url" + (apiDomain ? ",api_domain" : "");
        try (PreparedStatement p = c.prepareStatement("insert into " + table + "(" + columns + ") values(?,?,?,?,?,?,?,?,?"
                + (apiDomain ? ",?" : "") + ")")) {
            p.setString(1, id);
            p.setString(2, user);
            p.setString(3, CLIENT);
            p.setString(4, secret(user));
            p.setString(5, refresh);
            p.setString(6, access);
            p.setString(7, null);
            p.setString(8, Long.toString(expiry));
            p.setString(9, "https://app.zylker.example/oauth");
            if (apiDomain) {
                p.setString(10, "https://www.zohoapis.com");
            }
            p.executeUpdate();
        }
    }

    private String[] source(String... more) {
        String[] base = {"import", "--db", DB.url(), "--db-user", DB.user(), "--db-password-env", "ZOHO_DB_PASSWORD"};
        return ZohoSdkFileImportTest.concat(base, more);
    }

    private Map<String, String> env() {
        return Map.of("ZOHO_DB_PASSWORD", DB.password());
    }

    @Test
    void theDbStoreTableGoesIntoJpaOnceWithItsRejectedRowsListed() {
        String url = "jdbc:h2:file:" + dir.resolve("tokens").toAbsolutePath();

        Cli dry = Cli.run(env(), source("--into-jpa", url, "--jpa-user", "sa", "--dry-run"));
        Cli first = Cli.run(env(), source("--into-jpa", url, "--jpa-user", "sa"));
        Cli second = Cli.run(env(), source("--into-jpa", url, "--jpa-user", "sa"));

        assertThat(dry.summary()).isEqualTo("imported 2, updated 0, skipped 0, rejected 3 (dry run: nothing was written)");
        assertThat(first.exitCode()).isEqualTo(TokenMigration.ROWS_REJECTED);
        assertThat(first.out()).startsWith("source: the table oauthtoken in " + DB.url() + " (10 columns: id,user_name,"
                + "client_id,client_secret,refresh_token,access_token,grant_token,expiry_time,redirect_url,api_domain), "
                + "5 rows\n");
        assertThat(first.out()).contains(
                "row id=3  rejected  user=carol@zylker.example clientId=" + CLIENT + ": TOKENSTORE-0420: the row has no "
                        + "access, refresh or grant token; nothing to import\n",
                "row id=4  rejected  user=dave@zylker.example clientId=" + CLIENT + ": TOKENSTORE-0423: the user "
                        + "'dave@zylker.example' is also in row id=5; none of these rows is imported: keep one and run again\n",
                "row id=5  rejected  user=dave@zylker.example clientId=" + CLIENT + ": TOKENSTORE-0423: the user "
                        + "'dave@zylker.example' is also in row id=4; none of these rows is imported: keep one and run again\n");
        assertThat(first.summary()).isEqualTo("imported 2, updated 0, skipped 0, rejected 3");
        assertThat(second.summary()).isEqualTo("imported 0, updated 0, skipped 2, rejected 3");
        try (TokenStore store = TokenStores.jpa(url, "sa", null)) {
            assertThat(store.getTokens()).extracting(t -> t.toBuilder().id(null).build()).containsExactly(
                    token("alice@zylker.example", "alice", "https://www.zohoapis.com"),
                    token("bob@zylker.example", "bob", "https://www.zohoapis.com"));
        }
        assertThat(dry.all() + first.all() + second.all()).doesNotContain(
                SdkTokens.secretsOf("alice@zylker.example", "bob@zylker.example", "carol@zylker.example",
                        "dave@zylker.example", "alice", "bob", "dave1", "dave2"));
    }

    @Test
    void theOlderNineColumnTableGoesIntoTheFileStore() {
        Path file = dir.resolve("tokens.csv");

        Cli cli = Cli.run(env(), source("--table", OLDER, "--into-file", file.toString()));

        assertThat(cli.exitCode()).isEqualTo(TokenMigration.OK);
        assertThat(cli.summary()).isEqualTo("imported 1, updated 0, skipped 0, rejected 0");
        try (TokenStore store = TokenStores.file(file)) {
            assertThat(store.getTokens()).extracting(t -> t.toBuilder().id(null).build())
                    .containsExactly(token("erin@zylker.example", "erin", null));
        }
        assertThat(Cli.run(env(), source("--table", OLDER, "--into-file", file.toString())).summary())
                .isEqualTo("imported 0, updated 0, skipped 1, rejected 0");
    }

    @Test
    void aWrongPasswordIsAClearErrorWithoutThePassword() {
        Cli cli = Cli.run(Map.of("ZOHO_DB_PASSWORD", "not-the-password-4711"), source("--into-memory"));

        assertThat(cli.exitCode()).isEqualTo(TokenMigration.SOURCE_FAILED);
        assertThat(cli.err()).startsWith("TOKENSTORE-0404: cannot read the table oauthtoken in " + DB.url() + ": ")
                .endsWith("; check the JDBC URL, user, password and that the database runs\n")
                .doesNotContain("not-the-password-4711");
    }

    @Test
    void aMissingTableIsAClearError() {
        Cli cli = Cli.run(env(), source("--table", "no_such_oauthtoken", "--into-memory"));

        assertThat(cli.exitCode()).isEqualTo(TokenMigration.SOURCE_FAILED);
        assertThat(cli.err()).isEqualTo("TOKENSTORE-0405: the table no_such_oauthtoken does not exist in " + DB.url()
                + "; name the Zoho SDK's token table with --table\n");
    }

    private static OAuthToken token(String user, String key, String apiDomain) {
        return OAuthToken.builder().user(user).clientId(CLIENT).clientSecret(secret(user)).refreshToken(refresh(key))
                .accessToken(access(key)).expiresAt(Instant.ofEpochMilli(EXPIRY))
                .redirectUrl("https://app.zylker.example/oauth").apiDomain(apiDomain).build();
    }
}
