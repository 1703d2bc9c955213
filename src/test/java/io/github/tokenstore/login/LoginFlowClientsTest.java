package io.github.tokenstore.login;

import io.github.tokenstore.LoginException;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.memory.InMemoryTokenStore;
import io.github.tokenstore.oauth.TokenService;
import io.github.tokenstore.oidc.OAuth2Provider;
import io.github.tokenstore.provider.OAuthProviders;
import io.github.tokenstore.testing.FakeOAuthServer;
import io.github.tokenstore.testing.FakeOAuthServer.Mode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The login flow of a named client whose provider is plain OAuth 2.0 (no ID token, PKCE), against the standard
 * fake: its tokens carry the client's name, the code goes with the PKCE verifier, and without a logged-in user
 * there is nobody to keep them for (TOKENSTORE-1122).
 */
class LoginFlowClientsTest {

    private static final String REDIRECT = "https://app.example/portal/tokenstore/callback/crm";

    private FakeOAuthServer fake;
    private InMemoryTokenStore store;
    private TokenService tokens;
    private LoginFlow flow;

    @BeforeEach
    void start() throws IOException {
        fake = new FakeOAuthServer(Mode.ROTATING_STRICT);
        OAuth2Provider provider = OAuth2Provider.builder().authorizationEndpoint(fake.authorizationEndpoint())
                .tokenEndpoint(fake.tokenEndpoint()).clientId(FakeOAuthServer.CLIENT_ID)
                .clientSecret(FakeOAuthServer.CLIENT_SECRET).redirectUri(REDIRECT).scopes(List.of("crm.read"))
                .build();
        OAuthProviders providers = OAuthProviders.single(provider);
        store = new InMemoryTokenStore();
        tokens = TokenService.builder(store, providers).client("crm").build();
        flow = new LoginFlow("crm", false, providers, PendingLogins.inMemory(), store, tokens,
                java.time.Clock.systemUTC(), new SecureRandom());
    }

    @AfterEach
    void stop() {
        tokens.close();
        fake.close();
    }

    /** Starts a login, passes the fake's authorize page and gives the callback's parameters. */
    private Map<String, String> callback(LoginStart start) throws IOException, InterruptedException {
        assertThat(start.redirect().getRawQuery()).contains("code_challenge_method=S256");
        HttpResponse<Void> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(start.redirect()).build(),
                HttpResponse.BodyHandlers.discarding());
        URI back = URI.create(answer.headers().firstValue("Location").orElseThrow());
        Map<String, String> parameters = new HashMap<>();
        for (String pair : back.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            parameters.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    @Test
    void theLoggedInUserKeepsTheTokensUnderTheClientsNameAndTheCodeGoesWithTheVerifier() throws Exception {
        LoginStart start = flow.start("/crm", null, null);
        Map<String, String> parameters = callback(start);

        LoginOutcome outcome = flow.complete(parameters::get, start.browserKey(), "ana@zylker.example");

        assertThat(outcome).isInstanceOf(LoginOutcome.Completed.class);
        OAuthToken saved = ((LoginOutcome.Completed) outcome).token();
        assertThat(saved.client()).isEqualTo("crm");
        assertThat(saved.userSignature()).isEqualTo(new UserSignature("ana@zylker.example"));
        assertThat(saved.account()).isNull();
        assertThat(fake.tokenForms.get(0)).containsKey("code_verifier");
        assertThat(store.findToken(OAuthToken.builder().user("ana@zylker.example").build())).isEmpty();
        assertThat(store.findToken(OAuthToken.builder().user("ana@zylker.example").client("crm").build()))
                .isPresent();
    }

    @Test
    void withoutAnIdTokenAndWithoutALoggedInUserTheLoginFails_1122() throws Exception {
        LoginStart start = flow.start("/crm", null, null);
        Map<String, String> parameters = callback(start);

        LoginException failure = catchThrowableOfType(
                () -> flow.complete(parameters::get, start.browserKey(), null), LoginException.class);

        assertThat(failure.failure()).isEqualTo(LoginException.Failure.USER_UNKNOWN);
        assertThat(failure.failure().httpStatus()).isEqualTo(403);
        assertThat(failure).hasMessage("TOKENSTORE-1122: login failed: the provider does not say who logged in (no"
                + " ID token), and nobody is logged in to the application; log in to the application (or through"
                + " the default client) first");
        assertThat(fake.grantCalls).hasValue(0);
    }
}
