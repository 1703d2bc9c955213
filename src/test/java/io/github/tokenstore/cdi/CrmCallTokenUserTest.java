package io.github.tokenstore.cdi;

import io.github.tokenstore.CrmCall;
import io.github.tokenstore.CurrentToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.TokenUser;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.oauth.FakeAccountsServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Whose token a {@code @CrmCall} uses when the application names the user: a {@code @TokenUser} parameter
 * ({@code String} or {@code UserSignature}), {@code @CrmCall(user)} on the method or the class; and what
 * fails when nothing names one (no resolver gives a user in Weld SE, no {@code tokenstore.user}).
 */
@EnableWeld
class CrmCallTokenUserTest {

    static final FakeAccountsServer ACCOUNTS = CrmCallFixtures.accountsServer();

    @RegisterExtension
    static final TestConfig CONFIG = TestConfig.of("tokenstore.store", "memory",
            "tokenstore.oauth.client-id", "1000.CLIENT", "tokenstore.oauth.client-secret", "s3cret",
            "tokenstore.oauth.accounts-url", ACCOUNTS.url().toString());

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Containers.weld(Contacts.class, ServiceAccount.class)).build();

    @AfterAll
    static void stopServer() {
        ACCOUNTS.close();
    }

    /** Answers with what {@link CurrentToken} says during the call. */
    @ApplicationScoped
    static class Contacts {
        @Inject
        CurrentToken token;
        @Inject
        ServiceAccount serviceAccount;

        @CrmCall
        public String byName(@TokenUser String email) {
            return describe(token);
        }

        @CrmCall
        public String bySignature(int page, @TokenUser UserSignature user) {
            return describe(token);
        }

        @CrmCall(user = "sync@zylker.example")
        public String asServiceAccount() {
            return describe(token);
        }

        @CrmCall(user = "sync@zylker.example")
        public String parameterWins(@TokenUser String email) {
            return describe(token);
        }

        @CrmCall
        public String nobody() {
            return describe(token);
        }

        @CrmCall
        public String nested(@TokenUser String email) {
            String inner = serviceAccount.call();
            return inner + " then " + describe(token);
        }
    }

    /** {@code @CrmCall(user)} on the class. */
    @ApplicationScoped
    @CrmCall(user = "class@zylker.example")
    static class ServiceAccount {
        @Inject
        CurrentToken token;

        public String call() {
            return describe(token);
        }
    }

    static String describe(CurrentToken token) {
        return token.user().name() + " " + token.authorizationHeader() + " " + token.apiDomain();
    }

    @BeforeEach
    void storeTokens() {
        TokenStore store = weld.select(TokenStore.class).get();
        for (String user : new String[] {"ana@zylker.example", "sync@zylker.example", "class@zylker.example"}) {
            store.saveToken(CrmCallFixtures.validToken(user));
        }
    }

    @Test
    void aTokenUserStringNamesTheUser() {
        assertThat(contacts().byName("ana@zylker.example"))
                .isEqualTo("ana@zylker.example Zoho-oauthtoken access-ana@zylker.example https://www.zohoapis.eu");
        assertThat(ACCOUNTS.tokenCalls).as("a valid token needs no accounts server").hasValue(0);
    }

    @Test
    void aTokenUserSignatureNamesTheUser() {
        assertThat(contacts().bySignature(2, new UserSignature("ana@zylker.example")))
                .startsWith("ana@zylker.example Zoho-oauthtoken access-ana@zylker.example");
    }

    @Test
    void crmCallUserOnTheMethodNamesAServiceAccount() {
        assertThat(contacts().asServiceAccount()).startsWith("sync@zylker.example Zoho-oauthtoken access-sync@");
    }

    @Test
    void crmCallUserOnTheClassNamesAServiceAccount() {
        assertThat(weld.select(ServiceAccount.class).get().call()).startsWith("class@zylker.example ");
    }

    @Test
    void theTokenUserParameterWinsOverCrmCallUser() {
        assertThat(contacts().parameterWins("ana@zylker.example")).startsWith("ana@zylker.example ");
    }

    @Test
    void aNestedCallHasItsOwnTokenAndTheOuterOneComesBack() {
        assertThat(contacts().nested("ana@zylker.example")).startsWith("class@zylker.example ")
                .contains(" then ana@zylker.example Zoho-oauthtoken access-ana@");
        assertThat(weld.select(CurrentToken.class).get().isActive()).isFalse();
    }

    @Test
    void noRuleGivingAUserFailsNamingTheMethod() {
        Throwable failure = catchThrowable(() -> contacts().nobody());

        assertThat(failure).isInstanceOf(TokenStoreException.class).hasMessage("TOKENSTORE-0520: no user for the "
                + "@CrmCall method io.github.tokenstore.cdi.CrmCallTokenUserTest$Contacts#nobody(): no @TokenUser "
                + "parameter, no @CrmCall(user = ...), the TokenUserResolver gave none and tokenstore.user is not set");
        assertThat(((TokenStoreException) failure).messageId()).isEqualTo("TOKENSTORE-0520");
    }

    @Test
    void aNullOrBlankTokenUserFailsNamingTheMethodAndParameter() {
        assertThat(catchThrowable(() -> contacts().bySignature(1, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOKENSTORE-0521: the @TokenUser argument (parameter 2) of "
                        + "io.github.tokenstore.cdi.CrmCallTokenUserTest$Contacts#bySignature(int, UserSignature) "
                        + "is null or blank; pass the user's name");
        assertThat(catchThrowable(() -> contacts().byName(" "))).hasMessageStartingWith("TOKENSTORE-0521: ");
    }

    @Test
    void currentTokenOutsideACrmCallFails() {
        CurrentToken token = weld.select(CurrentToken.class).get();

        assertThat(token.isActive()).isFalse();
        assertThat(catchThrowable(token::accessToken)).isInstanceOf(TokenStoreException.class)
                .hasMessage("TOKENSTORE-0530: CurrentToken.accessToken() was used outside a @CrmCall method: no "
                        + "@CrmCall is in progress on this thread (work handed to another thread does not see it)");
    }

    @Test
    void anUnknownUserIsAnAuthorizationRequired() {
        assertThat(catchThrowable(() -> contacts().byName("nobody@zylker.example")))
                .hasMessageStartingWith("TOKENSTORE-0260: no token is stored for user 'nobody@zylker.example'");
    }

    private Contacts contacts() {
        return weld.select(Contacts.class).get();
    }
}
