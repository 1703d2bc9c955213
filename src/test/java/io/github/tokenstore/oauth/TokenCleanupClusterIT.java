package io.github.tokenstore.oauth;

import com.zaxxer.hikari.HikariDataSource;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.jpa.DatabaseRefreshLock;
import io.github.tokenstore.jpa.JpaTokenStore;
import io.github.tokenstore.jpa.PooledDataSources;
import io.github.tokenstore.jpa.SchemaAction;
import io.github.tokenstore.security.IsolatedDatabases;
import io.github.tokenstore.spi.TokenListener;
import io.github.tokenstore.testing.TestDatabases;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three nodes (each its own store, pool and {@link DatabaseRefreshLock}) sweep one PostgreSQL table at
 * once: every idle token is deleted and revoked exactly once, the used ones stay.
 */
class TokenCleanupClusterIT {

    /** The time of every node and store: the saves, the uses and the sweeps' cut-off. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void threeNodesSweepingAtOnceDeleteAndRevokeEachIdleTokenOnce() throws Exception {
        String url = IsolatedDatabases.freshPostgresSchema("tokenstore_cleanup_it");
        TestDatabases db = TestDatabases.POSTGRESQL;
        List<HikariDataSource> pools = new ArrayList<>();
        List<JpaTokenStore> stores = new ArrayList<>();
        try (FakeAccountsServer server = new FakeAccountsServer()) {
            for (int i = 0; i < 3; i++) {
                HikariDataSource pool = PooledDataSources.create(url, db.user(), db.password(), 4);
                pools.add(pool);
                stores.add(JpaTokenStore.open(pool, SchemaAction.CREATE, null, null, null, CLOCK));
            }
            for (int i = 0; i < 150; i++) {
                stores.get(0).saveToken(OAuthToken.builder().user((i < 120 ? "idle" : "busy") + i)
                        .refreshToken("refresh-" + i).accessToken("access-" + i).build());
            }
            long longAgo = CLOCK.instant().minus(Duration.ofDays(91)).toEpochMilli();
            try (Connection c = pools.get(0).getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE tokenstore_token SET last_used_at = " + longAgo
                        + " WHERE user_name LIKE 'idle%'");
            }
            ZohoAccountsClient client = ZohoAccountsClient.builder().accountsUrl(server.url())
                    .clientId("1000.CLIENT").clientSecret("secret").build();
            ExecutorService nodes = Executors.newFixedThreadPool(3);
            try {
                List<Callable<Integer>> sweeps = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    TokenCleanup cleanup = new TokenCleanup(stores.get(i), Duration.ofDays(90),
                            new DatabaseRefreshLock(pools.get(i), Duration.ofSeconds(30)), client,
                            TokenListener.NONE, CLOCK);
                    sweeps.add(cleanup::sweep);
                }
                int total = 0;
                for (Future<Integer> f : nodes.invokeAll(sweeps, 60, TimeUnit.SECONDS)) {
                    total += f.get();
                }
                assertThat(total).isEqualTo(120);
            } finally {
                nodes.shutdownNow();
            }
            assertThat(stores.get(1).getTokens()).hasSize(30)
                    .allSatisfy(t -> assertThat(t.userSignature().name()).startsWith("busy"));
            assertThat(server.revokeCalls).hasValue(120);
            assertThat(server.revokeQueries).extracting(q -> q.get("token")).doesNotHaveDuplicates();
        } finally {
            stores.forEach(JpaTokenStore::close);
            pools.forEach(HikariDataSource::close);
        }
    }
}
