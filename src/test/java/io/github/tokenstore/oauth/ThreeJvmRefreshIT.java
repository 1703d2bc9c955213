package io.github.tokenstore.oauth;

import com.zaxxer.hikari.HikariDataSource;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.core.TokenHashes;
import io.github.tokenstore.jpa.JpaTokenStore;
import io.github.tokenstore.jpa.PooledDataSources;
import io.github.tokenstore.jpa.SchemaAction;
import io.github.tokenstore.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three JVMs (separate processes) share one database and one expired token: exactly one call reaches the
 * token endpoint and every JVM ends with the new token. Runs on the integration-test databases
 * ({@link TestDatabases}: PostgreSQL and MariaDB as {@code .ci/run} sets them up).
 */
class ThreeJvmRefreshIT {

    static final String USER = "three-jvms@example.com";
    static final int JVMS = 3;
    static final long WAIT = 60;
    /**
     * How long a child JVM may take to boot Hibernate and say READY: three boot at once, which on a loaded
     * two-core machine took over 80 s.
     */
    static final long BOOT = 240;

    final List<Process> processes = new ArrayList<>();
    FakeAccountsServer server;

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void threeJvmsRefreshAnExpiredTokenOnce(TestDatabases database) throws Exception {
        database.require();
        HikariDataSource pool = PooledDataSources.create(database.url(), database.user(), database.password(), 2);
        try (TokenStore store = JpaTokenStore.open(pool, SchemaAction.CREATE, null, pool)) {
            store.deleteTokens();
            store.saveToken(OAuthToken.builder().user(USER).clientId("1000.CLIENT").refreshToken("refresh-1")
                    .accessToken("access-old").expiresAt(Instant.now().minusSeconds(60)).build());
            server = new FakeAccountsServer();
            server.hold = new java.util.concurrent.CountDownLatch(1);

            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            List<Writer> stdins = new ArrayList<>();
            for (int i = 0; i < JVMS; i++) {
                Process p = RefreshJvms.start(RefreshingJvm.class, "three-jvm-" + database.name().toLowerCase(java.util.Locale.ROOT) + "-" + i, database, server.url().toString(), USER,
                        RefreshingJvm.PASSWORD_VARIABLE);
                processes.add(p);
                stdins.add(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8));
                RefreshJvms.pipe(p, lines);
            }
            for (int i = 0; i < JVMS; i++) {
                assertThat(lines.poll(BOOT, TimeUnit.SECONDS)).as("JVM ready").isEqualTo("READY");
            }
            for (Writer w : stdins) {
                w.write("GO\n");
                w.flush();
            }
            assertThat(server.arrived.await(WAIT, TimeUnit.SECONDS)).as("one JVM reached the server").isTrue();
            RefreshJvms.awaitLockWaiters(database, JVMS - 1, Duration.ofSeconds(WAIT));
            server.hold.countDown();

            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < JVMS; i++) {
                String line = lines.poll(WAIT, TimeUnit.SECONDS);
                assertThat(line).as("JVM answered").startsWith("TOKEN ");
                tokens.add(line.substring("TOKEN ".length()));
            }
            for (Process p : processes) {
                assertThat(p.waitFor(WAIT, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).isZero();
            }

            assertThat(server.tokenCalls).hasValue(1);
            String stored = store.findToken(OAuthToken.builder().user(USER).build()).orElseThrow().accessToken();
            assertThat(stored).isEqualTo("access-refreshed-1");
            assertThat(tokens).containsOnly(TokenHashes.of(stored)).hasSize(JVMS);
        }
    }
}
