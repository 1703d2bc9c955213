package io.github.tokenstore.cdi;

import io.github.tokenstore.AuthorizationRequiredException;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStores;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.oauth.FakeAccountsServer;
import io.github.tokenstore.oauth.TokenService;
import io.github.tokenstore.testing.Await;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tokenstore.cache.sync-interval}: the token service's cache forgets a token that another JVM's store
 * (here a second store on the same database, which this container's service knows nothing of) deleted or
 * rotated, within the interval, through the change feed; in Java SE the poll runs on a daemon thread of its own.
 * The same steps with the poll off: {@link CdiCacheSyncOffTest}; the key's problems: {@link CdiCacheSyncErrorsTest}.
 */
@EnableWeld
class CdiCacheSyncTest {

    static final FakeAccountsServer ACCOUNTS = CrmCallFixtures.accountsServer();
    static final String URL = "jdbc:h2:mem:cdi-cache-sync;DB_CLOSE_DELAY=-1";
    static final UserSignature ANA = new UserSignature("ana@zylker.example");
    static final UserSignature BOB = new UserSignature("bob@zylker.example");

    @RegisterExtension
    static final TestConfig CONFIG = TestConfig.of("tokenstore.jpa.url", URL,
            "tokenstore.oauth.client-id", "1000.CLIENT", "tokenstore.oauth.client-secret", "s3cret",
            "tokenstore.oauth.accounts-url", ACCOUNTS.url().toString(),
            "tokenstore.cache.sync-interval", "PT0.2S");

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Containers.weld()).build();

    @AfterAll
    static void stopServer() {
        ACCOUNTS.close();
    }

    @Test
    void aTokenDeletedOrRotatedByAnotherJvmLeavesThisJvmsCacheWithinTheInterval() {
        TokenStore store = weld.select(TokenStore.class).get();
        TokenService service = weld.select(TokenService.class).get();
        store.saveToken(CrmCallFixtures.validToken(ANA.name()));
        store.saveToken(CrmCallFixtures.validToken(BOB.name()));
        assertThat(service.currentToken(ANA).accessToken()).isEqualTo("access-" + ANA.name());
        assertThat(service.currentToken(BOB).accessToken()).isEqualTo("access-" + BOB.name());

        try (TokenStore otherJvm = TokenStores.jpa(URL, "", "")) {
            OAuthToken ana = otherJvm.findToken(Tokens.user(ANA.name())).orElseThrow();
            otherJvm.deleteToken(ana.id());
            OAuthToken bob = otherJvm.findToken(Tokens.user(BOB.name())).orElseThrow();
            otherJvm.saveToken(bob.toBuilder().accessToken("access-rotated").refreshToken("refresh-rotated").build());

            Await.until("the poll evicted Ana's deleted token", () -> {
                try {
                    service.currentToken(ANA);
                    return false;
                } catch (AuthorizationRequiredException gone) {
                    return true;
                }
            });
            Await.until("the poll evicted Bob's rotated token",
                    () -> service.currentToken(BOB).accessToken().equals("access-rotated"));
        }
        assertThat(ACCOUNTS.tokenCalls.get()).as("no refresh: the store had the new token").isZero();
        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().equals("tokenstore-cache-sync"))
                .allMatch(Thread::isDaemon).isNotEmpty();
    }
}
