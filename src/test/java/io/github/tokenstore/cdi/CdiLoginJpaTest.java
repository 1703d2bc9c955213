package io.github.tokenstore.cdi;

import io.github.tokenstore.web.FakeExchange;
import io.github.tokenstore.web.LoginPages;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** With the built-in JPA store, started logins wait in its database (tokenstore_login_state), for every node. */
@EnableWeld
class CdiLoginJpaTest {

    static final String URL = "jdbc:h2:mem:cdi-login-jpa;DB_CLOSE_DELAY=-1";

    @RegisterExtension
    static final TestConfig CONFIG = TestConfig.of("tokenstore.jpa.url", URL, "tokenstore.jpa.user", "sa",
            "tokenstore.jpa.password", "pw",
            "tokenstore.oauth.client-id", "1000.CLIENT", "tokenstore.oauth.client-secret", "s3cret",
            "tokenstore.oauth.redirect-uri", "https://app.example/tokenstore/callback",
            "tokenstore.oauth.accounts-url", "http://127.0.0.1:9");

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Containers.weld()).build();

    @Test
    void aStartedLoginIsKeptInTheStoresDatabase() throws Exception {
        FakeExchange login = new FakeExchange("");
        weld.select(LoginPages.class).get().start(login);

        assertThat(login.location).startsWith("http://127.0.0.1:9/oauth/v2/auth?");
        try (Connection c = DriverManager.getConnection(URL, "sa", "pw");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM tokenstore_login_state")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }
}
