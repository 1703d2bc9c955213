package io.github.tokenstore.cdi;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenLogin;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.login.IdTokens;
import io.github.tokenstore.login.LoginFlow;
import io.github.tokenstore.oauth.FakeAccountsServer;
import io.github.tokenstore.oauth.FakeAccountsServer.Reply;
import io.github.tokenstore.oauth.TokenService;
import io.github.tokenstore.web.FakeExchange;
import io.github.tokenstore.web.LoginPages;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wiring of the login (issue 12): the {@link LoginPages} and {@link LoginFlow} beans on the library's token
 * service and store, two data centers from {@code tokenstore.oauth.data-centers} with their own secrets and
 * accounts servers, the {@link TokenLogin} event; an EU user logging in through the US start is exchanged
 * and later refreshed at EU.
 */
@EnableWeld
class CdiLoginTest {

    static final FakeAccountsServer US = start();
    static final FakeAccountsServer EU = start();
    static final IdTokens EU_KEY = new IdTokens("eu-1", 31);
    static volatile String nonce;

    @RegisterExtension
    static final TestConfig CONFIG = TestConfig.of("tokenstore.store", "memory",
            "tokenstore.oauth.client-id", "1000.CLIENT", "tokenstore.oauth.client-secret", "us-secret",
            "tokenstore.oauth.client-secret.eu", "eu-secret",
            "tokenstore.oauth.redirect-uri", "https://app.example/portal/tokenstore/callback",
            "tokenstore.oauth.data-centers", "us,eu",
            "tokenstore.oauth.scopes", "ZohoCRM.modules.ALL",
            "tokenstore.oauth.accounts-url", US.url().toString(),
            "tokenstore.oauth.accounts-url.eu", EU.url().toString());

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Containers.weld(Logins.class)).build();

    private static FakeAccountsServer start() {
        try {
            return new FakeAccountsServer();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopServers() {
        US.close();
        EU.close();
    }

    @Test
    void anEuUserLogsInThroughTheUsStartAndTheEventNamesTheVerifiedUser() {
        EU.jwks = EU_KEY.jwks();
        EU.tokenReplies = form -> "refresh_token".equals(form.get("grant_type"))
                ? Reply.json("{\"access_token\":\"access-eu-2\",\"expires_in\":3600}")
                : Reply.json("{\"access_token\":\"access-eu-1\",\"refresh_token\":\"refresh-eu-1\","
                        + "\"expires_in\":1,\"id_token\":\"" + EU_KEY.sign(IdTokens.claims(EU.url().toString(),
                        "1000.CLIENT", nonce, "ada@school.example", Instant.now().plusSeconds(3600)).build()) + "\"}");
        LoginPages pages = weld.select(LoginPages.class).get();

        FakeExchange login = new FakeExchange("/portal");
        login.parameters.put("return", "/students");
        pages.start(login);
        assertThat(login.location).startsWith(US.url() + "/oauth/v2/auth?");
        assertThat(login.location).contains("scope=ZohoCRM.modules.ALL%2Copenid%2Cemail");
        FakeExchange callback = login.next(URI.create(login.location));
        nonce = callback.parameters.get("nonce");
        String state = callback.parameters.get("state");
        callback.parameters.clear();
        callback.parameters.put("state", state);
        callback.parameters.put("code", "code-1");
        callback.parameters.put("location", "eu");
        callback.parameters.put("accounts-server", EU.url().toString());
        pages.callback(callback);

        assertThat(callback.html).isNull();
        assertThat(callback.location).isEqualTo("/portal/students");
        assertThat(weld.select(Logins.class).get().seen()).containsExactly(new TokenLogin(
                new UserSignature("ada@school.example"), "ada@school.example", "eu", "/students", "zoho"));
        assertThat(US.tokenCalls).hasValue(0);
        assertThat(EU.forms.get(0)).containsEntry("client_secret", "eu-secret");
        OAuthToken stored = weld.select(TokenStore.class).get().findToken(OAuthToken.builder()
                .userSignature(new UserSignature("ada@school.example")).build()).orElseThrow();
        assertThat(stored.dataCenter()).isEqualTo("eu");
        assertThat(stored.account()).isEqualTo("ada@school.example");

        // Expires in 1 s: within the skew, so the next use refreshes, at EU with the EU secret.
        assertThat(weld.select(TokenService.class).get().currentToken(new UserSignature("ada@school.example"))
                .accessToken()).isEqualTo("access-eu-2");
        assertThat(EU.refreshCalls).hasValue(1);
        assertThat(EU.forms.get(1)).containsEntry("client_secret", "eu-secret");
        assertThat(US.tokenCalls).hasValue(0);
    }
}
