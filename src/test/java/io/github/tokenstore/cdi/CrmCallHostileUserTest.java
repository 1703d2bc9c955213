package io.github.tokenstore.cdi;

import io.github.tokenstore.CrmCall;
import io.github.tokenstore.CurrentToken;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenUser;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.oauth.FakeAccountsServer;
import io.github.tokenstore.security.HostileInput;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The hostile-input corpus through {@code @TokenUser}: a user name the value rules accept reaches exactly
 * that user's token, verbatim; one they refuse fails the call with a typed, ID'd error; the store is intact
 * afterwards.
 */
@EnableWeld
class CrmCallHostileUserTest {

    static final FakeAccountsServer ACCOUNTS = CrmCallFixtures.accountsServer();

    @RegisterExtension
    static final TestConfig CONFIG = TestConfig.of("tokenstore.store", "memory",
            "tokenstore.oauth.client-id", "1000.CLIENT", "tokenstore.oauth.client-secret", "s3cret",
            "tokenstore.oauth.accounts-url", ACCOUNTS.url().toString());

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Containers.weld(Contacts.class)).build();

    @AfterAll
    static void stopServer() {
        ACCOUNTS.close();
    }

    @ApplicationScoped
    static class Contacts {
        @Inject
        CurrentToken token;

        @CrmCall
        public String byName(@TokenUser String user) {
            return token.user().name() + "|" + token.accessToken();
        }
    }

    @Test
    void everyPayloadReachesItsOwnTokenVerbatimOrIsRefusedWithAnId() {
        TokenStore store = weld.select(TokenStore.class).get();
        Contacts contacts = weld.select(Contacts.class).get();
        OAuthToken bystander = store.saveToken(CrmCallFixtures.validToken("bystander@zylker.example"));
        List<String> accepted = new ArrayList<>();
        int refused = 0;
        for (String payload : HostileInput.PAYLOADS) {
            boolean valid = isValidUser(payload);
            if (valid) {
                store.saveToken(CrmCallFixtures.validToken(payload));
                accepted.add(payload);
            }

            Throwable failure = catchThrowable(() -> assertThat(contacts.byName(payload))
                    .as("the token of exactly this user").isEqualTo(payload + "|access-" + payload));

            if (valid) {
                assertThat(failure).as("payload %s", accepted.size()).isNull();
            } else {
                refused++;
                assertThat(failure).isInstanceOf(IllegalArgumentException.class);
                assertThat(failure.getMessage()).matches("(?s)TOKENSTORE-0(00[1-4]|521): .*");
            }
        }

        assertThat(accepted.size() + refused).isEqualTo(HostileInput.PAYLOADS.size());
        assertThat(accepted).hasSizeGreaterThan(40);
        assertThat(refused).isGreaterThan(5);
        assertThat(store.getTokens()).hasSize(accepted.size() + 1);
        assertThat(store.findTokenById(bystander.id())).contains(bystander);
        assertThat(ACCOUNTS.tokenCalls).as("valid tokens need no accounts server").hasValue(0);
    }

    private static boolean isValidUser(String name) {
        try {
            new UserSignature(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
