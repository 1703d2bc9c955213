package io.github.tokenstore.cdi;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenLogin;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.login.IdTokens;
import io.github.tokenstore.oauth.FakeAccountsServer;
import io.github.tokenstore.oauth.FakeAccountsServer.Reply;
import io.github.tokenstore.testing.FakeOAuthServer;
import io.github.tokenstore.testing.FakeOAuthServer.Mode;
import io.github.tokenstore.web.FakeExchange;
import io.github.tokenstore.web.LoginPages;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login pages of two clients (issue 13): Zoho at {@code /tokenstore/login} (the default client) and the
 * Salesforce preset at {@code /tokenstore/login/salesforce}, through the fakes. The second login keeps its tokens
 * under the user of the first, with the provider's account; PKCE and the ID token are checked by the fake; an
 * unknown client is a bare 404, and a state of one client is refused at the other's callback.
 */
@EnableWeld
class CdiTwoClientsLoginTest {

    static final FakeAccountsServer ZOHO = CrmCallFixtures.accountsServer();
    static final FakeOAuthServer SALESFORCE = salesforce();
    static final IdTokens ZOHO_KEY = new IdTokens("zoho-1", 41);
    static final String ANA = "ana@zylker.example";
    static final String SALESFORCE_ACCOUNT = "ana.sf@zylker.example";
    static volatile String nonce;

    @RegisterExtension
    static final TestConfig CONFIG = TestConfig.of("tokenstore.store", "memory",
            "tokenstore.oauth.client-id", "1000.CLIENT", "tokenstore.oauth.client-secret", "s3cret",
            "tokenstore.oauth.accounts-url", ZOHO.url().toString(),
            "tokenstore.oauth.redirect-uri", "https://app.example/portal/tokenstore/callback",
            "tokenstore.clients.salesforce.provider", "salesforce",
            "tokenstore.clients.salesforce.issuer", SALESFORCE.url().toString(),
            "tokenstore.clients.salesforce.authorization-url", SALESFORCE.authorizationEndpoint().toString(),
            "tokenstore.clients.salesforce.client-id", FakeOAuthServer.CLIENT_ID,
            "tokenstore.clients.salesforce.client-secret", FakeOAuthServer.CLIENT_SECRET,
            "tokenstore.clients.salesforce.scopes", "api refresh_token",
            "tokenstore.clients.salesforce.redirect-uri",
            "https://app.example/portal/tokenstore/callback/salesforce");

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Containers.weld(Logins.class)).build();


    private static FakeOAuthServer salesforce() {
        try {
            FakeOAuthServer fake = new FakeOAuthServer(Mode.ROTATING_STRICT);
            fake.instanceUrl = "https://zylker.my.salesforce.com";
            fake.loginAs = SALESFORCE_ACCOUNT;
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        ZOHO.close();
        SALESFORCE.close();
    }

    /** Zoho's login of {@code ANA} through the default client's pages; the callback done, the session knows her. */
    private FakeExchange zohoLogin(LoginPages pages) {
        ZOHO.jwks = ZOHO_KEY.jwks();
        ZOHO.tokenReplies = form -> Reply.json("{\"access_token\":\"access-zoho-1\",\"refresh_token\":"
                + "\"refresh-zoho-1\",\"expires_in\":3600,\"api_domain\":\"https://www.zohoapis.eu\",\"id_token\":\""
                + ZOHO_KEY.sign(IdTokens.claims(ZOHO.url().toString(), "1000.CLIENT", nonce, ANA,
                Instant.now().plusSeconds(3600)).build()) + "\"}");
        FakeExchange login = new FakeExchange("/portal");
        pages.start(login);
        FakeExchange callback = zohoCallback(login);
        pages.callback(callback);
        assertThat(callback.location).isEqualTo("/portal/");
        return callback;
    }

    /** The provider's answer to Zoho's authorize page, as the browser brings it back. */
    private static FakeExchange zohoCallback(FakeExchange login) {
        FakeExchange callback = login.next(URI.create(login.location));
        nonce = callback.parameters.get("nonce");
        String state = callback.parameters.get("state");
        callback.parameters.clear();
        callback.parameters.put("state", state);
        callback.parameters.put("code", "code-zoho");
        return callback;
    }

    /** The fake's authorize page: it logs the account in and redirects back with the code and the state. */
    private static URI authorize(String location) {
        try {
            HttpResponse<Void> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(location))
                    .build(), HttpResponse.BodyHandlers.discarding());
            assertThat(answer.statusCode()).isEqualTo(302);
            return URI.create(answer.headers().firstValue("Location").orElseThrow());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static OAuthToken query(String user, String client) {
        return OAuthToken.builder().userSignature(new UserSignature(user)).client(client).build();
    }

    @Test
    void aSecondClientsLoginKeepsItsTokensUnderTheUserLoggedInWithTheProvidersAccount() {
        LoginPages pages = weld.select(LoginPages.class).get();
        FakeExchange zoho = zohoLogin(pages);
        assertThat(zoho.sessionUser).isEqualTo(ANA);
        int grants = SALESFORCE.grantCalls.get();

        FakeExchange login = zoho.next(null);
        login.parameters.put("return", "/reports");
        pages.start("salesforce", login);
        assertThat(login.status).isEqualTo(303);
        assertThat(login.location).startsWith(SALESFORCE.authorizationEndpoint() + "?")
                .contains("code_challenge_method=S256");
        URI back = authorize(login.location);
        assertThat(back.getPath()).isEqualTo("/portal/tokenstore/callback/salesforce");
        FakeExchange callback = login.next(back);
        pages.callback("salesforce", callback);

        assertThat(callback.html).isNull();
        assertThat(callback.location).isEqualTo("/portal/reports");
        assertThat(callback.sessionUser).isEqualTo(ANA);
        assertThat(SALESFORCE.grantCalls.get() - grants).isEqualTo(1);
        assertThat(SALESFORCE.tokenForms.get(SALESFORCE.tokenForms.size() - 1)).containsKey("code_verifier");
        TokenStore store = weld.select(TokenStore.class).get();
        OAuthToken salesforce = store.findToken(query(ANA, "salesforce")).orElseThrow();
        assertThat(salesforce.account()).isEqualTo(SALESFORCE_ACCOUNT);
        assertThat(salesforce.dataCenter()).isEqualTo("salesforce");
        assertThat(salesforce.apiDomain()).isEqualTo("https://zylker.my.salesforce.com");
        OAuthToken zohoRow = store.findToken(query(ANA, null)).orElseThrow();
        assertThat(zohoRow.accessToken()).isEqualTo("access-zoho-1");
        assertThat(zohoRow.account()).isEqualTo(ANA);
        assertThat(store.findToken(query(SALESFORCE_ACCOUNT, "salesforce"))).isEmpty();
        // One event per login, each naming its client as configured (the tokenstore.oauth.* one is zoho).
        assertThat(weld.select(Logins.class).get().seen()).containsExactly(
                new TokenLogin(new UserSignature(ANA), ANA, "us", "/", "zoho"),
                new TokenLogin(new UserSignature(ANA), SALESFORCE_ACCOUNT, "salesforce", "/reports", "salesforce"));
    }

    @Test
    void anUnknownClientIsABare404() {
        LoginPages pages = weld.select(LoginPages.class).get();
        FakeExchange login = new FakeExchange("/portal");
        FakeExchange callback = new FakeExchange("/portal");
        callback.parameters.put("state", "x");

        pages.start("<script>hubspot", login);
        pages.callback("<script>hubspot", callback);

        for (FakeExchange x : new FakeExchange[] {login, callback}) {
            assertThat(x.status).isEqualTo(404);
            assertThat(x.location).isNull();
            assertThat(x.cookieSet).isNull();
            assertThat(x.html).doesNotContain("hubspot").doesNotContain("script").doesNotContain("TOKENSTORE");
        }
    }

    @Test
    void aStateOfOneClientIsRefusedAtTheOtherClientsCallback() {
        LoginPages pages = weld.select(LoginPages.class).get();
        int zohoTokenCalls = ZOHO.tokenCalls.get();
        int salesforceGrants = SALESFORCE.grantCalls.get();

        FakeExchange zoho = new FakeExchange("/portal");
        pages.start(zoho);
        FakeExchange zohoStateAtSalesforce = zohoCallback(zoho);
        pages.callback("salesforce", zohoStateAtSalesforce);

        FakeExchange salesforce = new FakeExchange("/portal");
        pages.start("salesforce", salesforce);
        FakeExchange salesforceStateAtZoho = salesforce.next(authorize(salesforce.location));
        pages.callback(salesforceStateAtZoho);

        for (FakeExchange x : new FakeExchange[] {zohoStateAtSalesforce, salesforceStateAtZoho}) {
            assertThat(x.status).isEqualTo(400);
            assertThat(x.html).contains("<p>TOKENSTORE-0801</p>");
            assertThat(x.sessionUser).isNull();
        }
        assertThat(ZOHO.tokenCalls.get()).isEqualTo(zohoTokenCalls);
        assertThat(SALESFORCE.grantCalls.get()).isEqualTo(salesforceGrants);
    }
}
