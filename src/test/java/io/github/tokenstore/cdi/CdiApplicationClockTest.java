package io.github.tokenstore.cdi;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.oauth.FakeAccountsServer;
import io.github.tokenstore.oauth.TokenService;
import io.github.tokenstore.testing.MutableClock;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's {@code Clock} bean replaces the library's (default only if absent), and the library's
 * {@code TokenService} reads the time from it: a token that expired days ago by the wall clock is fresh at
 * the bean's time, and is refreshed once the test moves that clock past its expiry.
 */
@EnableWeld
class CdiApplicationClockTest {

    static final FakeAccountsServer ACCOUNTS = CrmCallFixtures.accountsServer();
    static final UserSignature ANA = new UserSignature("ana@zylker.example");

    @RegisterExtension
    static final TestConfig CONFIG = TestConfig.of("tokenstore.store", "memory",
            "tokenstore.oauth.client-id", "1000.CLIENT", "tokenstore.oauth.client-secret", "s3cret",
            "tokenstore.oauth.accounts-url", ACCOUNTS.url().toString());

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Containers.weld(TestClock.class)).build();

    @AfterAll
    static void stopServer() {
        ACCOUNTS.close();
    }

    @Test
    void theLibrarysServiceReadsTheApplicationsClock() {
        BeanManager beans = weld.getBeanManager();
        assertThat(beans.resolve(beans.getBeans(Clock.class))).extracting(Bean::getBeanClass)
                .isEqualTo(TestClock.class);
        MutableClock clock = weld.select(MutableClock.class).get();
        weld.select(TokenStore.class).get().saveToken(CrmCallFixtures.validToken(ANA.name()).toBuilder()
                .expiresAt(TestClock.T0.plus(Duration.ofHours(1))).build());
        TokenService service = weld.select(TokenService.class).get();

        assertThat(service.currentToken(ANA).accessToken()).as("fresh at the clock's time")
                .isEqualTo("access-" + ANA.name());
        assertThat(ACCOUNTS.tokenCalls).hasValue(0);

        clock.advance(Duration.ofHours(2));
        OAuthToken refreshed = service.currentToken(ANA);
        assertThat(refreshed.accessToken()).isEqualTo("access-refreshed-1");
        assertThat(refreshed.expiresAt()).as("3600 s from the clock's time")
                .isEqualTo(TestClock.T0.plus(Duration.ofHours(3)));
        assertThat(ACCOUNTS.tokenCalls).hasValue(1);
    }
}
