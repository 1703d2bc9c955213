package io.github.tokenstore.cdi;

import com.zaxxer.hikari.HikariDataSource;
import io.github.tokenstore.CrmCall;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.jpa.DatabaseRefreshLock;
import io.github.tokenstore.jpa.PooledDataSources;
import io.github.tokenstore.oauth.FakeAccountsServer;
import io.github.tokenstore.spi.RefreshLock;
import io.github.tokenstore.testing.TestDatabases;
import org.eclipse.microprofile.config.Config;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * On PostgreSQL and MariaDB the CDI layer gives the token service the database refresh lock
 * ({@code tokenstore.oauth.refresh-lock=database}, and {@code auto} picks it too): while another JVM (here a
 * lock held on its own connection) refreshes the user's token, a {@code @CrmCall} that needs a refresh
 * waits for it, at most {@code refresh-lock-wait}.
 */
class CrmCallDatabaseLockIT {

    static final FakeAccountsServer ACCOUNTS = CrmCallFixtures.accountsServer();
    static final String USER = "crmcall-lock-it@zylker.example";

    @AfterAll
    static void stopServer() {
        ACCOUNTS.close();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aCrmCallWaitsForAnotherJvmsRefresh(TestDatabases database) {
        database.require();
        for (String lockMode : new String[] {"database", "auto"}) {
            Config config = TestConfig.register(Map.of("tokenstore.jpa.url", database.url(),
                    "tokenstore.jpa.user", database.user(), "tokenstore.jpa.password", database.password(),
                    "tokenstore.oauth.client-id", "1000.CLIENT", "tokenstore.oauth.client-secret", "s3cret",
                    "tokenstore.oauth.accounts-url", ACCOUNTS.url().toString(),
                    "tokenstore.oauth.refresh-lock", lockMode, "tokenstore.oauth.refresh-lock-wait", "PT1S"));
            try (WeldContainer container = Containers.weld(CrmCallFixtures.Contacts.class).initialize();
                 HikariDataSource otherJvm = PooledDataSources.create(database.url(), database.user(),
                         database.password(), 2)) {
                TokenStore store = container.select(TokenStore.class).get();
                store.findToken(Tokens.user(USER)).ifPresent(t -> store.deleteToken(t.id()));
                store.saveToken(CrmCallFixtures.expiredToken(USER));
                int refreshesBefore = ACCOUNTS.refreshCalls.get();

                try (RefreshLock.Lease held = new DatabaseRefreshLock(otherJvm, Duration.ofSeconds(5))
                        .acquire(new UserSignature(USER))) {
                    assertThat(held).isNotNull();
                    Throwable failure = catchThrowable(() -> container.select(CrmCallFixtures.Contacts.class).get().contacts(USER));
                    assertThat(failure).as(lockMode).isInstanceOf(TokenStoreException.class);
                    assertThat(((TokenStoreException) failure).messageId()).isEqualTo("TOKENSTORE-0271");
                }
                assertThat(container.select(CrmCallFixtures.Contacts.class).get().contacts(USER)).startsWith("access-refreshed-");
                assertThat(ACCOUNTS.refreshCalls.get() - refreshesBefore).as(lockMode).isEqualTo(1);
                store.findToken(Tokens.user(USER)).ifPresent(t -> store.deleteToken(t.id()));
            } finally {
                TestConfig.release(config);
            }
        }
    }
}
