package io.github.tokenstore.migrate;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;

import static io.github.tokenstore.migrate.SdkTokens.CLIENT;
import static io.github.tokenstore.migrate.SdkTokens.EXPIRY;
import static io.github.tokenstore.migrate.SdkTokens.access;
import static io.github.tokenstore.migrate.SdkTokens.refresh;
import static io.github.tokenstore.migrate.SdkTokens.secret;
import static org.assertj.core.api.Assertions.assertThat;

/** The command on the SQLite zohooauth.db of Zoho's "Kaizen #192" article, made the way the article makes it. */
class ArticleSqliteImportTest {

    @TempDir
    Path dir;

    /** The article's CustomStoreSQLite.__init__ table and save_token insert (values as Python passes them: text). */
    private Path zohooauthDb(String... users) throws Exception {
        Path db = dir.resolve("zohooauth.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE  oauthtoken (id varchar(10) NOT NULL,user_name varchar(255), client_id "
                    + "varchar(255), client_secret varchar(255), refresh_token varchar(255), access_token "
                    + "varchar(255), grant_token varchar(255), expiry_time varchar(20), redirect_url varchar("
                    + "255), api_domain varchar(255), primary key (id))");
            try (PreparedStatement insert = c.prepareStatement("insert into oauthtoken (id,user_name,client_id,"
                    + "client_secret,refresh_token,access_token,grant_token,expiry_time,redirect_url,api_domain) "
                    + "values (?,?,?,?,?,?,?,?,?,?);")) {
                int id = 1;
                for (String user : users) {
                    insert.setString(1, Integer.toString(id++));
                    insert.setString(2, user);
                    insert.setString(3, CLIENT);
                    insert.setString(4, secret(user));
                    insert.setString(5, refresh(user));
                    insert.setString(6, access(user));
                    insert.setString(7, null);
                    insert.setString(8, Long.toString(EXPIRY));
                    insert.setString(9, "https://app.zylker.example/oauth");
                    insert.setString(10, "https://www.zohoapis.com");
                    insert.executeUpdate();
                }
            }
        }
        return db;
    }

    @Test
    void theArticlesDatabaseGoesIntoJpaOnceAndIsNeverWritten() throws Exception {
        Path db = zohooauthDb("alice@zylker.example", "bob@zylker.example");
        byte[] before = Files.readAllBytes(db);
        String url = "jdbc:h2:file:" + dir.resolve("tokens").toAbsolutePath();

        Cli first = Cli.run("import", "--sqlite", db.toString(), "--into-jpa", url, "--jpa-user", "sa");
        Cli second = Cli.run("import", "--sqlite", db.toString(), "--into-jpa", url, "--jpa-user", "sa");

        assertThat(first.exitCode()).isEqualTo(TokenMigration.OK);
        assertThat(first.out()).startsWith("source: the table oauthtoken in the SQLite file " + db + " (10 columns: "
                + "id,user_name,client_id,client_secret,refresh_token,access_token,grant_token,expiry_time,"
                + "redirect_url,api_domain), 2 rows\n");
        assertThat(first.out()).contains("row id=1  imported  user=alice@zylker.example clientId=" + CLIENT + ": ");
        assertThat(first.summary()).isEqualTo("imported 2, updated 0, skipped 0, rejected 0");
        assertThat(second.summary()).isEqualTo("imported 0, updated 0, skipped 2, rejected 0");
        try (TokenStore store = TokenStores.jpa(url, "sa", null)) {
            assertThat(store.findToken(OAuthToken.builder().user("bob@zylker.example").build())).get()
                    .isEqualTo(OAuthToken.builder().id(store.getTokens().get(1).id()).user("bob@zylker.example")
                            .clientId(CLIENT).clientSecret(secret("bob@zylker.example"))
                            .refreshToken(refresh("bob@zylker.example")).accessToken(access("bob@zylker.example"))
                            .expiresAt(Instant.ofEpochMilli(EXPIRY)).redirectUrl("https://app.zylker.example/oauth")
                            .apiDomain("https://www.zohoapis.com").build());
        }
        assertThat(Files.readAllBytes(db)).isEqualTo(before);
        assertThat(first.all() + second.all()).doesNotContain(SdkTokens.secretsOf("alice@zylker.example", "bob@zylker.example"));
    }

    @Test
    void aMissingDatabaseFileIsAClearErrorAndIsNotCreated() {
        Path db = dir.resolve("zohooauth.db");

        Cli cli = Cli.run("import", "--sqlite", db.toString(), "--into-memory");

        assertThat(cli.exitCode()).isEqualTo(TokenMigration.SOURCE_FAILED);
        assertThat(cli.err()).isEqualTo("TOKENSTORE-0401: the source file " + db + " does not exist\n");
        assertThat(db).doesNotExist();
    }

    @Test
    void aMissingTableIsAClearError() throws Exception {
        Path db = zohooauthDb();

        Cli cli = Cli.run("import", "--sqlite", db.toString(), "--table", "zoho_tokens", "--into-memory");

        assertThat(cli.exitCode()).isEqualTo(TokenMigration.SOURCE_FAILED);
        assertThat(cli.err()).isEqualTo("TOKENSTORE-0405: the table zoho_tokens does not exist in the SQLite file "
                + db + "; name the Zoho SDK's token table with --table\n");
    }

    @Test
    void aTableOfAnotherLayoutIsAClearError() throws Exception {
        Path db = zohooauthDb();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE tokens (id varchar(10), email varchar(255), token varchar(255))");
        }

        Cli cli = Cli.run("import", "--sqlite", db.toString(), "--table", "tokens", "--into-memory");

        assertThat(cli.exitCode()).isEqualTo(TokenMigration.SOURCE_FAILED);
        assertThat(cli.err()).isEqualTo("TOKENSTORE-0406: the table tokens in the SQLite file " + db + " has the "
                + "columns [id, email, token], which are not a Zoho SDK token table: it lacks [user_name or user_mail, "
                + "client_id, refresh_token, access_token, grant_token, expiry_time]\n");
    }

    @Test
    void aTableNameThatIsNoPlainSqlNameIsRefusedBeforeAnySql() throws Exception {
        Path db = zohooauthDb();

        Cli cli = Cli.run("import", "--sqlite", db.toString(), "--table", "oauthtoken; DROP TABLE oauthtoken",
                "--into-memory");

        assertThat(cli.exitCode()).isEqualTo(TokenMigration.USAGE);
        assertThat(cli.err()).isEqualTo("TOKENSTORE-0407: the table name 'oauthtoken; DROP TABLE oauthtoken' is not "
                + "a plain SQL name: letters, digits and _, not starting with a digit, at most 64 characters\n");
    }

    @Test
    void aDatabaseWithoutItsDriverNamesTheDriverToAdd() {
        Cli cli = Cli.run("import", "--db", "jdbc:nosuchdb://127.0.0.1/zohooauth?password=hunter2", "--into-memory");

        assertThat(cli.exitCode()).isEqualTo(TokenMigration.SOURCE_FAILED);
        assertThat(cli.err()).isEqualTo("TOKENSTORE-0408: no JDBC driver on the class path accepts "
                + "jdbc:nosuchdb://127.0.0.1/zohooauth; add the database's JDBC driver\n");
    }
}
