package io.github.tokenstore.cdi.internal;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.naming.NameNotFoundException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tokenstore.encryption.keys} on the server's datasource (JNDI played by a map): the rows hold no
 * secret in plaintext, and the store reads them back.
 */
class BuiltInStoreEncryptionTest {

    static final Clock CLOCK = Clock.systemUTC();

    @TempDir
    Path directory;

    @Test
    void theServersDatasourceHoldsCiphertext() throws SQLException {
        JdbcDataSource serverDefault = new JdbcDataSource();
        serverDefault.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        Map<String, String> values = Map.of("tokenstore.encryption.keys", "k1:" + key);
        TokenStoreConfig config = TokenStoreConfig.read(k -> Optional.ofNullable(values.get(k)), directory);
        assertThat(config.toString()).contains("encryptionKeys=EncryptionKeys[active=k1, ids=[k1]]")
                .doesNotContain(key);

        BuiltInStore.Opening opening = BuiltInStore.open(config, name -> {
            if (name.equals("java:comp/DefaultDataSource")) {
                return serverDefault;
            }
            throw new NameNotFoundException(name);
        }, CLOCK);

        assertThat(opening.problems()).isEmpty();
        try (TokenStore store = opening.store()) {
            OAuthToken saved = store.saveToken(OAuthToken.builder().user("ana").clientSecret("secret-of-ana")
                    .refreshToken("refresh-of-ana").accessToken("access-of-ana").grantToken("grant-of-ana")
                    .expiresAt(Instant.ofEpochMilli(1_800_000_000_000L)).build());
            assertThat(store.findToken(OAuthToken.builder().accessToken("access-of-ana").build())).contains(saved);
        }
        List<String> raw = rawValues(serverDefault);
        assertThat(raw).contains("ana", "k1");
        assertThat(raw).noneMatch(v -> v.contains("-of-ana"));
    }

    private static List<String> rawValues(JdbcDataSource dataSource) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.createStatement().executeQuery("select * from tokenstore_token")) {
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    values.add(String.valueOf(rs.getObject(i)));
                }
            }
        }
        return values;
    }
}
