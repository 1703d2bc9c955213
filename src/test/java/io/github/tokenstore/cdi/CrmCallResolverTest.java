package io.github.tokenstore.cdi;

import io.github.tokenstore.CrmCall;
import io.github.tokenstore.CurrentToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.oauth.FakeAccountsServer;
import io.github.tokenstore.spi.TokenUserResolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without a {@code @TokenUser} parameter or {@code @CrmCall(user)}: the application's
 * {@code TokenUserResolver} bean names the user; when it gives none, {@code tokenstore.user} does.
 */
@EnableWeld
class CrmCallResolverTest {

    static final FakeAccountsServer ACCOUNTS = CrmCallFixtures.accountsServer();

    @RegisterExtension
    static final TestConfig CONFIG = TestConfig.of("tokenstore.store", "memory", "tokenstore.user",
            "config@zylker.example", "tokenstore.oauth.client-id", "1000.CLIENT", "tokenstore.oauth.client-secret",
            "s3cret", "tokenstore.oauth.accounts-url", ACCOUNTS.url().toString());

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Containers.weld(Contacts.class, SessionUser.class)).build();

    @AfterAll
    static void stopServer() {
        ACCOUNTS.close();
    }

    /** The application's resolver: the user of the "session", if one is logged in. */
    @ApplicationScoped
    static class SessionUser implements TokenUserResolver {
        private volatile String name;
        private final List<String> askedFor = new CopyOnWriteArrayList<>();

        void logIn(String user) {
            name = user;
        }

        List<String> askedFor() {
            return askedFor;
        }

        @Override
        public Optional<UserSignature> resolve(Method method) {
            askedFor.add(method.getName());
            return Optional.ofNullable(name).map(UserSignature::new);
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

    @BeforeEach
    void storeTokens() {
        TokenStore store = weld.select(TokenStore.class).get();
        store.saveToken(CrmCallFixtures.validToken("ana@zylker.example"));
        store.saveToken(CrmCallFixtures.validToken("config@zylker.example"));
    }

    @Test
    void theResolverNamesTheUser() {
        weld.select(SessionUser.class).get().logIn("ana@zylker.example");

        assertThat(weld.select(Contacts.class).get().contacts()).isEqualTo("ana@zylker.example access-ana@zylker.example");
        assertThat(weld.select(SessionUser.class).get().askedFor()).containsExactly("contacts");
    }

    @Test
    void tokenstoreUserIsTheLastResort() {
        assertThat(weld.select(Contacts.class).get().contacts())
                .isEqualTo("config@zylker.example access-config@zylker.example");
    }
}
