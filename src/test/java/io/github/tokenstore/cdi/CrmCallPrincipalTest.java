package io.github.tokenstore.cdi;

import io.github.tokenstore.CrmCall;
import io.github.tokenstore.CurrentToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.oauth.FakeAccountsServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.jboss.weld.security.spi.SecurityServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.security.Principal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default resolver: the container's caller {@code Principal} (CDI's built-in bean, here backed by
 * Weld's security services as a server would back it).
 */
@EnableWeld
class CrmCallPrincipalTest {

    static final FakeAccountsServer ACCOUNTS = CrmCallFixtures.accountsServer();
    static volatile String caller = "ana@zylker.example";

    @RegisterExtension
    static final TestConfig CONFIG = TestConfig.of("tokenstore.store", "memory", "tokenstore.oauth.client-id",
            "1000.CLIENT", "tokenstore.oauth.client-secret", "s3cret",
            "tokenstore.oauth.accounts-url", ACCOUNTS.url().toString());

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Containers.weld(Contacts.class)
            .addServices(new CallerSecurity())).build();

    @AfterAll
    static void stopServer() {
        ACCOUNTS.close();
    }

    /** What a server's security integration gives Weld: the caller of the current request. */
    static final class CallerSecurity implements SecurityServices {
        @Override
        public Principal getPrincipal() {
            return () -> caller;
        }

        @Override
        public void cleanup() {
        }
    }

    @ApplicationScoped
    static class Contacts {
        @Inject
        CurrentToken token;

        @CrmCall
        public String contacts() {
            return token.user().name() + " " + token.accessToken();
        }
    }

    @Test
    void theCallersPrincipalNamesTheUser() {
        weld.select(TokenStore.class).get().saveToken(CrmCallFixtures.validToken("ana@zylker.example"));
        weld.select(TokenStore.class).get().saveToken(CrmCallFixtures.validToken("bo@zylker.example"));

        assertThat(weld.select(Contacts.class).get().contacts()).isEqualTo("ana@zylker.example access-ana@zylker.example");
        caller = "bo@zylker.example";
        assertThat(weld.select(Contacts.class).get().contacts()).isEqualTo("bo@zylker.example access-bo@zylker.example");
    }
}
