package io.github.tokenstore.cdi;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStores;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.oauth.FakeAccountsServer;
import io.github.tokenstore.oauth.TokenService;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The control of {@link CdiCacheSyncTest}: with {@code tokenstore.cache.sync-interval=off} there is no poll, and a
 * token another JVM deleted is still served from this JVM's memory (until it expires), as before the feed.
 */
@EnableWeld
class CdiCacheSyncOffTest {

    static final FakeAccountsServer ACCOUNTS = CrmCallFixtures.accountsServer();
    static final String URL = "jdbc:h2:mem:cdi-cache-sync-off;DB_CLOSE_DELAY=-1";
    static final UserSignature ANA = new UserSignature("ana@zylker.example");

    @RegisterExtension
    static final TestConfig CONFIG = TestConfig.of("tokenstore.jpa.url", URL,
            "tokenstore.oauth.client-id", "1000.CLIENT", "tokenstore.oauth.client-secret", "s3cret",
            "tokenstore.oauth.accounts-url", ACCOUNTS.url().toString(),
            "tokenstore.cache.sync-interval", "off");

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Containers.weld()).build();

    @AfterAll
    static void stopServer() {
        ACCOUNTS.close();
    }

    @Test
    void withoutThePollATokenDeletedElsewhereIsStillServedFromMemory() {
        TokenStore store = weld.select(TokenStore.class).get();
        TokenService service = weld.select(TokenService.class).get();
        store.saveToken(CrmCallFixtures.validToken(ANA.name()));
        service.currentToken(ANA);

        try (TokenStore otherJvm = TokenStores.jpa(URL, "", "")) {
            OAuthToken ana = otherJvm.findToken(Tokens.user(ANA.name())).orElseThrow();
            otherJvm.deleteToken(ana.id());
            assertThat(otherJvm.findToken(Tokens.user(ANA.name()))).isEmpty();
        }

        assertThat(service.currentToken(ANA).accessToken()).isEqualTo("access-" + ANA.name());
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .doesNotContain("tokenstore-cache-sync");
    }
}
