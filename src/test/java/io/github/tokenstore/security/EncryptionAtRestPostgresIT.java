package io.github.tokenstore.security;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStores;
import io.github.tokenstore.testing.TestDatabases;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A {@code pg_dump} of an encrypted store's schema holds none of its secrets; a plaintext one does. */
class EncryptionAtRestPostgresIT {

    private static final String SCHEMA = "tokenstore_enc_it";

    @Test
    void aDumpOfTheEncryptedTableHoldsNoPlaintextSecret() throws Exception {
        String url = IsolatedDatabases.freshPostgresSchema(SCHEMA);
        List<OAuthToken> plain = new ArrayList<>();
        try (TokenStore store = TokenStores.jpa(url, TestDatabases.POSTGRESQL.user(),
                TestDatabases.POSTGRESQL.password())) {
            for (int i = 0; i < 3; i++) {
                plain.add(store.saveToken(TestKeys.secretToken("plain" + i)));
            }
        }
        String controlDump = dump();
        assertThat(controlDump).as("control: the dump shows a plaintext store's secrets")
                .contains(TestKeys.secretsOf(plain.get(0)));

        url = IsolatedDatabases.freshPostgresSchema(SCHEMA);
        List<OAuthToken> saved = new ArrayList<>();
        try (TokenStore store = TokenStores.jpa(url, TestDatabases.POSTGRESQL.user(),
                TestDatabases.POSTGRESQL.password(), TestKeys.keys("k1", TestKeys.newKey()))) {
            for (int i = 0; i < 10; i++) {
                saved.add(store.saveToken(TestKeys.secretToken("user" + i)));
            }
            assertThat(store.findToken(OAuthToken.builder().accessToken(saved.get(4).accessToken()).build()))
                    .contains(saved.get(4));
        }
        String dump = dump();
        assertThat(dump).contains("user4").contains("v1:k1:");
        for (OAuthToken t : saved) {
            for (String secret : TestKeys.secretsOf(t)) {
                assertThat(dump).doesNotContain(secret);
            }
        }
    }

    /** The database name of a {@code jdbc:postgresql://host:port/name?…} URL: the one the stores used. */
    private static String database(String url) {
        String path = url.substring(url.indexOf("//") + 2);
        String name = path.substring(path.indexOf('/') + 1);
        return name.contains("?") ? name.substring(0, name.indexOf('?')) : name;
    }

    private static String dump() throws IOException, InterruptedException {
        TestDatabases db = TestDatabases.POSTGRESQL;
        ProcessBuilder pb = new ProcessBuilder("pg_dump", "-h", "127.0.0.1", "-p", "5432", "-U", db.user(),
                "-d", database(db.url()), "-n", SCHEMA).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", db.password());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }
}
