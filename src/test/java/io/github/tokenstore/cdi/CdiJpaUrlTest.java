package io.github.tokenstore.cdi;

import io.github.tokenstore.TokenStore;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tokenstore.jpa.url}, user, password, pool size and provider (EclipseLink, Open Liberty's, where
 * the first found would be Hibernate): the JPA store on that database, not the default one.
 */
@EnableWeld
class CdiJpaUrlTest {

    @RegisterExtension
    static final TestConfig CONFIG = TestConfig.of(
            "tokenstore.store", "jpa",
            "tokenstore.jpa.url", "jdbc:h2:file:{dir}/configured",
            "tokenstore.jpa.user", "tokens",
            "tokenstore.jpa.password", "s3cret",
            "tokenstore.jpa.pool-size", "2",
            "tokenstore.jpa.schema", "create",
            "tokenstore.jpa.provider", "org.eclipse.persistence.jpa.PersistenceProvider");

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Containers.weld()).build();

    @Test
    void keepsTokensInTheConfiguredDatabase() throws SQLException {
        TokenStore store = weld.select(TokenStore.class).get();
        store.saveToken(Tokens.of("ana@example.com"));
        store.saveToken(Tokens.of("ben@example.com"));

        try (Connection c = DriverManager.getConnection(
                "jdbc:h2:file:" + CONFIG.directory().resolve("configured"), "tokens", "s3cret");
             ResultSet rs = c.createStatement().executeQuery(
                     "select user_name from tokenstore_token order by user_name")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("ana@example.com");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("ben@example.com");
            assertThat(rs.next()).isFalse();
        }
        assertThat(CONFIG.directory().resolve("tokenstore.mv.db")).doesNotExist();
    }
}
