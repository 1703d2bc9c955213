package io.github.tokenstore.oidc;

import io.github.tokenstore.AccountsServerException;
import io.github.tokenstore.OAuthProviderException;
import io.github.tokenstore.ThrottledException;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.oauth.TokenResponse;
import io.github.tokenstore.provider.AuthorizationRequest;
import io.github.tokenstore.provider.Pkce;
import io.github.tokenstore.provider.ProviderError;
import io.github.tokenstore.provider.VerifiedIdentity;
import io.github.tokenstore.testing.FakeOAuthServer;
import io.github.tokenstore.testing.FakeOAuthServer.ClientAuth;
import io.github.tokenstore.testing.FakeOAuthServer.Mode;
import io.github.tokenstore.testing.FakeOAuthServer.Reply;
import io.github.tokenstore.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link OAuth2Provider} against the fake providers (a) rotating strictly, (b) rotating leniently and (c) without
 * refresh tokens on refresh: grant, refresh, revocation, {@code invalid_grant}, PKCE, client authentication,
 * discovery, hostile documents and error answers.
 */
class OAuth2ProviderTest {

    private static final String REDIRECT = "https://app.example/tokenstore/login/callback";
    private static final String USER = "ana@zylker.example";

    private FakeOAuthServer fake;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T12:00:00Z"));

    private FakeOAuthServer start(Mode mode) throws IOException {
        fake = new FakeOAuthServer(mode);
        fake.clock = clock;
        return fake;
    }

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.close();
        }
    }

    private OAuth2Provider.Builder endpoints() {
        return OAuth2Provider.builder()
                .authorizationEndpoint(fake.authorizationEndpoint())
                .tokenEndpoint(fake.tokenEndpoint())
                .revocationEndpoint(fake.revocationEndpoint())
                .clientId(FakeOAuthServer.CLIENT_ID).clientSecret(FakeOAuthServer.CLIENT_SECRET)
                .redirectUri(REDIRECT).clock(clock);
    }

    /** A login's tokens: a code issued for the challenge, exchanged with the verifier. */
    private TokenResponse login(OAuth2Provider provider, String scope) {
        Pkce pkce = Pkce.create();
        String code = fake.issueCode(USER, REDIRECT, scope, pkce.challenge(), "nonce-1");
        return provider.exchangeCode(code, pkce.verifier());
    }

    // Grant, refresh, revoke and invalid_grant for (a), (b) and (c)

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theCodeExchangeGivesAnAccessAndARefreshToken(Mode mode) throws IOException {
        start(mode);
        OAuth2Provider provider = endpoints().build();

        TokenResponse tokens = login(provider, "api");

        assertThat(tokens.accessToken()).startsWith("access-");
        assertThat(tokens.refreshToken()).startsWith("refresh-");
        assertThat(tokens.tokenType()).isEqualTo("Bearer");
        assertThat(tokens.expiresIn()).isEqualTo(Duration.ofHours(1));
        assertThat(tokens.idToken()).isNull();
        assertThat(fake.grantCalls).hasValue(1);
        assertThat(fake.tokenAuthorizations).containsExactly(
                FakeOAuthServer.basic(FakeOAuthServer.CLIENT_ID, FakeOAuthServer.CLIENT_SECRET));
        assertThat(fake.tokenForms.get(0)).containsEntry("grant_type", "authorization_code")
                .containsEntry("redirect_uri", REDIRECT).containsKey("code_verifier").doesNotContainKey("client_secret");
    }

    @Test
    void strictRotationIssuesANewRefreshTokenAndKillsTheOldOne() throws IOException {
        start(Mode.ROTATING_STRICT);
        OAuth2Provider provider = endpoints().build();
        String first = login(provider, "api").refreshToken();

        TokenResponse refreshed = provider.refresh(first);

        assertThat(refreshed.refreshToken()).isNotNull().isNotEqualTo(first);
        assertThat(fake.isAlive(first)).isFalse();
        OAuthProviderException refused = catchThrowableOfType(OAuthProviderException.class,
                () -> provider.refresh(first));
        assertThat(refused.messageId()).isEqualTo("TOKENSTORE-1040");
        assertThat(refused.errorCode()).isEqualTo("invalid_grant");
        assertThat(provider.classify(refused)).isEqualTo(ProviderError.INVALID_GRANT);
        assertThat(refused.getMessage()).doesNotContain(first).doesNotContain(FakeOAuthServer.CLIENT_SECRET);
        assertThat(provider.refresh(refreshed.refreshToken()).refreshToken()).isNotNull();
        assertThat(fake.invalidGrants).hasValue(1);
    }

    @Test
    void lenientRotationIssuesANewRefreshTokenAndKeepsTheOldOne() throws IOException {
        start(Mode.ROTATING_LENIENT);
        OAuth2Provider provider = endpoints().build();
        String first = login(provider, "api").refreshToken();

        TokenResponse refreshed = provider.refresh(first);

        assertThat(refreshed.refreshToken()).isNotNull().isNotEqualTo(first);
        assertThat(provider.refresh(first).accessToken()).isNotEqualTo(refreshed.accessToken());
        assertThat(fake.refreshCalls).hasValue(2);
        assertThat(fake.invalidGrants).hasValue(0);
    }

    @Test
    void aRefreshWithoutRefreshTokenKeepsTheOneUsed() throws IOException {
        start(Mode.NO_REFRESH_TOKEN);
        OAuth2Provider provider = endpoints().build();
        String first = login(provider, "api").refreshToken();

        TokenResponse refreshed = provider.refresh(first);

        assertThat(refreshed.refreshToken()).isNull();
        assertThat(fake.isAlive(first)).isTrue();
        assertThat(provider.refresh(first).accessToken()).startsWith("access-");
        assertThat(fake.tokenForms.get(1)).containsEntry("grant_type", "refresh_token")
                .containsEntry("refresh_token", first);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aRevokedRefreshTokenIsRefusedWithInvalidGrant(Mode mode) throws IOException {
        start(mode);
        OAuth2Provider provider = endpoints().build();
        TokenResponse tokens = login(provider, "api");

        provider.revoke(tokens.refreshToken());

        assertThat(fake.revokeCalls).hasValue(1);
        assertThat(fake.isAlive(tokens.refreshToken())).isFalse();
        assertThat(fake.isAccessTokenAlive(tokens.accessToken())).isFalse();
        assertThat(provider.revocationSupported()).isTrue();
        OAuthProviderException refused = catchThrowableOfType(OAuthProviderException.class,
                () -> provider.refresh(tokens.refreshToken()));
        assertThat(provider.classify(refused)).isEqualTo(ProviderError.INVALID_GRANT);
    }

    @Test
    void anUnknownRefreshTokenIsInvalidGrant() throws IOException {
        start(Mode.ROTATING_STRICT);

        assertThatThrownBy(() -> endpoints().build().refresh("refresh-never-issued"))
                .isInstanceOf(OAuthProviderException.class)
                .hasMessage("TOKENSTORE-1040: the provider OAuth2Provider[oauth2, " + fake.tokenEndpoint()
                        + ", clientId=fake-client] refused the token refresh with invalid_grant: the code or refresh"
                        + " token is used, expired or revoked (with rotation, an older refresh token is dead once a"
                        + " newer one was issued); it is not sent again; have the user log in again");
    }

    @Test
    void withoutARevocationEndpointRevokingDoesNothing() throws IOException {
        start(Mode.ROTATING_LENIENT);
        OAuth2Provider provider = OAuth2Provider.builder().tokenEndpoint(fake.tokenEndpoint())
                .clientId(FakeOAuthServer.CLIENT_ID).clientSecret(FakeOAuthServer.CLIENT_SECRET).build();

        provider.revoke("refresh-1");

        assertThat(provider.revocationSupported()).isFalse();
        assertThat(fake.requests()).isZero();
    }

    // PKCE

    @Test
    void theLoginPageRoundTripCarriesTheChallengeAndTheCodeNeedsItsVerifier() throws Exception {
        start(Mode.ROTATING_STRICT);
        OAuth2Provider provider = endpoints().scopes(List.of("api")).build();
        Pkce pkce = Pkce.create();

        URI authorize = provider.authorizationUri(new AuthorizationRequest("state-1", "nonce-1", null, false,
                pkce.challenge()));
        Map<String, String> query = query(authorize.getRawQuery());
        Map<String, String> callback = query(URI.create(location(authorize)).getRawQuery());

        assertThat(query).containsEntry("response_type", "code").containsEntry("client_id", "fake-client")
                .containsEntry("redirect_uri", REDIRECT).containsEntry("scope", "api")
                .containsEntry("code_challenge", pkce.challenge()).containsEntry("code_challenge_method", "S256")
                .containsEntry("state", "state-1").doesNotContainKey("nonce").doesNotContainKey("prompt");
        assertThat(callback).containsEntry("state", "state-1").containsKey("code");
        assertThatThrownBy(() -> provider.exchangeCode(callback.get("code"), Pkce.create().verifier()))
                .isInstanceOf(OAuthProviderException.class).hasMessageStartingWith("TOKENSTORE-1040: ");
        assertThat(fake.invalidGrants).hasValue(1);
    }

    @Test
    void theRightVerifierExchangesTheCode() throws Exception {
        start(Mode.ROTATING_STRICT);
        OAuth2Provider provider = endpoints().build();
        Pkce pkce = Pkce.create();
        URI authorize = provider.authorizationUri(new AuthorizationRequest("s", "n", null, false, pkce.challenge()));
        String code = query(URI.create(location(authorize)).getRawQuery()).get("code");

        assertThat(provider.exchangeCode(code, pkce.verifier()).refreshToken()).startsWith("refresh-");
    }

    @Test
    void aPkceProviderNeedsTheVerifierAndTheChallenge() throws IOException {
        start(Mode.ROTATING_STRICT);
        OAuth2Provider provider = endpoints().build();

        assertThat(provider.pkce()).isTrue();
        assertThatThrownBy(() -> provider.exchangeCode("code-1", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("TOKENSTORE-1037: ");
        assertThatThrownBy(() -> provider.exchangeCode("code-1", "short"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("TOKENSTORE-1020: ");
        assertThatThrownBy(() -> provider.authorizationUri(new AuthorizationRequest("s", "n", null, false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("TOKENSTORE-1049: ");
        assertThat(fake.requests()).isZero();
    }

    @Test
    void aProviderWithoutPkceRefusesAVerifierAndTheFakeRefusesTheMissingChallenge() throws IOException {
        start(Mode.ROTATING_STRICT);
        OAuth2Provider provider = endpoints().pkce(false).build();
        String code = fake.issueCode(USER, REDIRECT, "api", null, null);

        assertThatThrownBy(() -> provider.exchangeCode(code, Pkce.create().verifier()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("TOKENSTORE-1038: ");
        assertThatThrownBy(() -> provider.exchangeCode(code)).isInstanceOf(OAuthProviderException.class)
                .hasMessageStartingWith("TOKENSTORE-1040: ");
    }

    // Client authentication

    @Test
    void clientSecretPostSendsTheCredentialsInTheForm() throws IOException {
        start(Mode.ROTATING_LENIENT);
        fake.clientAuth = ClientAuth.POST;
        OAuth2Provider provider = endpoints().clientAuth(OAuth2Provider.ClientAuth.CLIENT_SECRET_POST).build();

        login(provider, "api");

        assertThat(fake.tokenAuthorizations).containsExactly((String) null);
        assertThat(fake.tokenForms.get(0)).containsEntry("client_id", "fake-client")
                .containsEntry("client_secret", FakeOAuthServer.CLIENT_SECRET);
    }

    @Test
    void theWrongClientAuthenticationIsInvalidClient() throws IOException {
        start(Mode.ROTATING_LENIENT);
        fake.clientAuth = ClientAuth.POST;
        OAuth2Provider provider = endpoints().build();
        String refresh = fake.issueRefreshToken(USER, "api");

        OAuthProviderException e = catchThrowableOfType(OAuthProviderException.class, () -> provider.refresh(refresh));

        assertThat(e.messageId()).isEqualTo("TOKENSTORE-1041");
        assertThat(provider.classify(e)).isEqualTo(ProviderError.INVALID_CLIENT);
        assertThat(e.getMessage()).doesNotContain(FakeOAuthServer.CLIENT_SECRET).doesNotContain(refresh);
        assertThat(fake.invalidClients).hasValue(1);
    }

    @Test
    void aPublicClientSendsItsIdAndAVerifierButNoSecret() throws IOException {
        start(Mode.NO_REFRESH_TOKEN);
        fake.clientAuth = ClientAuth.NONE;
        OAuth2Provider provider = endpoints().clientSecret(null).build();

        TokenResponse tokens = login(provider, "api");

        assertThat(provider.clientAuth()).isEqualTo(OAuth2Provider.ClientAuth.NONE);
        assertThat(tokens.refreshToken()).isNotNull();
        assertThat(fake.tokenForms.get(0)).containsEntry("client_id", "fake-client").doesNotContainKey("client_secret");
        assertThatThrownBy(() -> endpoints().clientSecret(null).pkce(false).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("TOKENSTORE-1034: ");
    }

    // OpenID Connect: discovery and ID tokens

    @Test
    void anIssuerAloneIsEnoughAndItsIdTokensAreChecked() throws IOException {
        start(Mode.ROTATING_STRICT);
        OAuth2Provider provider = OAuth2Provider.builder().issuer(fake.url())
                .clientId(FakeOAuthServer.CLIENT_ID).clientSecret(FakeOAuthServer.CLIENT_SECRET)
                .redirectUri(REDIRECT).clock(clock).build();
        assertThat(fake.discoveryCalls).as("nothing fetched before first use").hasValue(0);

        TokenResponse tokens = login(provider, "openid email");
        VerifiedIdentity who = provider.verifyIdToken(tokens.idToken(), "nonce-1");

        assertThat(provider.tokenEndpoint()).isEqualTo(fake.tokenEndpoint());
        assertThat(provider.scopes()).containsExactly("openid", "email");
        assertThat(provider.idTokens()).isTrue();
        assertThat(provider.revocationSupported()).isTrue();
        assertThat(who.email()).isEqualTo(USER);
        assertThat(who.issuer()).isEqualTo(fake.url().toString());
        assertThat(fake.discoveryCalls).hasValue(1);
        assertThat(fake.jwksCalls).hasValue(1);
        assertThat(provider.location()).isEqualTo("oidc");
    }

    @Test
    void anOidcLoginSendsTheNonceAndAsksForTheLoginScopes() throws IOException {
        start(Mode.ROTATING_STRICT);
        OAuth2Provider provider = OAuth2Provider.builder().issuer(fake.url()).scopes(List.of("api"))
                .clientId(FakeOAuthServer.CLIENT_ID).clientSecret(FakeOAuthServer.CLIENT_SECRET)
                .redirectUri(REDIRECT).build();

        Map<String, String> q = query(provider.authorizationUri(new AuthorizationRequest("s", "nonce-9",
                "ana@zylker.example", true, Pkce.create().challenge())).getRawQuery());

        assertThat(q).containsEntry("scope", "api openid email").containsEntry("nonce", "nonce-9")
                .containsEntry("login_hint", "ana@zylker.example").containsEntry("prompt", "consent");
    }

    @Test
    void aDiscoveryDocumentOfAnotherIssuerIsRefused() throws IOException {
        start(Mode.ROTATING_STRICT);
        fake.issuer = "https://evil.example";
        OAuth2Provider provider = OAuth2Provider.builder().issuer(fake.url())
                .clientId(FakeOAuthServer.CLIENT_ID).clientSecret(FakeOAuthServer.CLIENT_SECRET).build();

        assertThatThrownBy(() -> provider.refresh("refresh-1"))
                .isInstanceOf(TokenStoreException.class)
                .hasMessage("TOKENSTORE-1050: the discovery document of " + fake.url() + " names another issuer;"
                        + " it is not used (OpenID Connect Discovery 4.3: the issuer must be exactly the one it was"
                        + " fetched for); check the issuer's spelling, e.g. a trailing slash");
        assertThat(fake.grantCalls.get() + fake.refreshCalls.get()).isZero();
    }

    @Test
    void aDiscoveredHttpEndpointOffLoopbackIsRefused() throws IOException {
        start(Mode.ROTATING_STRICT);
        fake.discoveryDocument = "{\"issuer\":\"" + fake.url() + "\",\"token_endpoint\":\"http://tokens.example/token\","
                + "\"jwks_uri\":\"" + fake.jwksUri() + "\",\"response_types_supported\":[\"code\"],"
                + "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
        OAuth2Provider provider = OAuth2Provider.builder().issuer(fake.url())
                .clientId(FakeOAuthServer.CLIENT_ID).clientSecret(FakeOAuthServer.CLIENT_SECRET).build();

        assertThatThrownBy(() -> provider.refresh("refresh-1"))
                .isInstanceOf(TokenStoreException.class)
                .hasMessage("TOKENSTORE-1052: the discovery document of " + fake.url() + " has a token_endpoint that"
                        + " is plain http on a host that is not loopback; endpoints must be https (http only on"
                        + " loopback); give the endpoint explicitly to override it");
    }

    @Test
    void aFailedDiscoveryIsTriedAgainAtTheNextCall() throws IOException {
        start(Mode.ROTATING_LENIENT);
        fake.discoveryDocument = "<html>down</html>";
        OAuth2Provider provider = OAuth2Provider.builder().issuer(fake.url())
                .clientId(FakeOAuthServer.CLIENT_ID).clientSecret(FakeOAuthServer.CLIENT_SECRET).build();
        String refresh = fake.issueRefreshToken(USER, "openid");

        assertThatThrownBy(() -> provider.refresh(refresh)).isInstanceOf(TokenStoreException.class)
                .hasMessage("TOKENSTORE-1051: the discovery document of " + fake.url() + " cannot be had: not an"
                        + " OpenID provider metadata document; it is fetched again at the next call");
        fake.discoveryDocument = null;

        assertThat(provider.refresh(refresh).accessToken()).startsWith("access-");
        assertThat(fake.discoveryCalls).hasValue(2);
    }

    @Test
    void aPlainOAuthProviderIssuesNoIdTokens() throws IOException {
        start(Mode.ROTATING_STRICT);
        OAuth2Provider provider = endpoints().build();

        assertThat(provider.idTokens()).isFalse();
        assertThatThrownBy(() -> provider.verifyIdToken("x.y.z", "n"))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("TOKENSTORE-1035: ");
    }

    // Hostile configuration and answers

    @Test
    void anHttpEndpointOffLoopbackIsRefusedAtBuild() {
        assertThatThrownBy(() -> OAuth2Provider.builder().tokenEndpoint(URI.create("http://tokens.example/token"))
                .clientId("c").clientSecret("s").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOKENSTORE-1031: OAuth2Provider: tokenEndpoint is plain http on a host that is not"
                        + " loopback; an endpoint must be an absolute https URL without user info or fragment (http"
                        + " only on loopback: localhost, 127.0.0.0/8, ::1)");
        assertThatThrownBy(() -> OAuth2Provider.builder().tokenEndpoint(URI.create("https://u:p@tokens.example/t"))
                .clientId("c").clientSecret("s").build()).hasMessageStartingWith("TOKENSTORE-1031: ");
        assertThatThrownBy(() -> OAuth2Provider.builder().clientId("c").clientSecret("s").build())
                .hasMessageStartingWith("TOKENSTORE-1032: ");
        assertThatThrownBy(() -> OAuth2Provider.builder().tokenEndpoint(URI.create("https://t.example/token"))
                .clientSecret("s").build()).hasMessage("TOKENSTORE-1030: OAuth2Provider: clientId is null or blank");
        assertThatThrownBy(() -> OAuth2Provider.builder().tokenEndpoint(URI.create("https://t.example/token"))
                .clientId("c").clientSecret("s").requestTimeout(Duration.ZERO).build())
                .hasMessage("TOKENSTORE-1033: OAuth2Provider: requestTimeout is PT0S; it must be positive");
        assertThat(Endpoint.loopback("localhost")).isTrue();
        assertThat(Endpoint.loopback("127.0.0.2")).isTrue();
        assertThat(Endpoint.loopback("127.0.0.1.evil.example")).isFalse();
    }

    @Test
    void anHtmlErrorPageIsAnHttpStatusWithoutTheBody() throws IOException {
        start(Mode.ROTATING_STRICT);
        fake.nextTokenReplies.add(Reply.html(500, "<html>refresh-1 " + FakeOAuthServer.CLIENT_SECRET + "</html>"));

        AccountsServerException e = catchThrowableOfType(AccountsServerException.class,
                () -> endpoints().build().refresh("refresh-1"));

        assertThat(e.httpStatus()).hasValue(500);
        assertThat(e).hasMessage("TOKENSTORE-1044: the provider OAuth2Provider[oauth2, " + fake.tokenEndpoint()
                + ", clientId=fake-client] answered the token refresh with HTTP 500 and no OAuth error; check the"
                + " endpoint, or retry later");
    }

    @Test
    void aSuccessThatIsNotATokenAnswerIsUnexpected() throws IOException {
        start(Mode.ROTATING_STRICT);
        fake.nextTokenReplies.add(Reply.html(200, "<html>welcome</html>"));
        fake.nextTokenReplies.add(Reply.json(200, "{\"token_type\":\"Bearer\"}"));
        OAuth2Provider provider = endpoints().build();

        assertThatThrownBy(() -> provider.refresh("refresh-1")).isInstanceOf(AccountsServerException.class)
                .hasMessageStartingWith("TOKENSTORE-1047: ").hasMessageEndingWith("(no access_token or token_type,"
                        + " or not JSON)");
        assertThatThrownBy(() -> provider.refresh("refresh-1")).hasMessageStartingWith("TOKENSTORE-1047: ");
    }

    @Test
    void a429IsThrottledUntilItsRetryAfter() throws IOException {
        start(Mode.ROTATING_STRICT);
        fake.nextTokenReplies.add(Reply.json(429, "{\"error\":\"slow_down\"}").header("Retry-After", "30"));
        OAuth2Provider provider = endpoints().build();

        ThrottledException e = catchThrowableOfType(ThrottledException.class, () -> provider.refresh("refresh-1"));

        assertThat(e.retryAt()).hasValue(clock.instant().plusSeconds(30));
        assertThat(e.errorCode()).isEqualTo("slow_down");
        assertThat(provider.classify(e)).isEqualTo(ProviderError.THROTTLED);
        assertThat(e).hasMessage("TOKENSTORE-1043: the provider OAuth2Provider[oauth2, " + fake.tokenEndpoint()
                + ", clientId=fake-client] throttled the token refresh (HTTP 429, retry after 2026-12-03T12:00:30Z);"
                + " the token service backs off");
    }

    @Test
    void anErrorCodeThatQuotesASecretIsWithheld() throws IOException {
        start(Mode.ROTATING_STRICT);
        fake.nextTokenReplies.add(Reply.json(400, "{\"error\":\"bad refresh-77\"}"));
        fake.nextTokenReplies.add(Reply.json(400, "{\"error\":\"weird\\u0007code\"}"));
        OAuth2Provider provider = endpoints().build();

        OAuthProviderException withheld = catchThrowableOfType(OAuthProviderException.class,
                () -> provider.refresh("refresh-77"));
        OAuthProviderException cleaned = catchThrowableOfType(OAuthProviderException.class,
                () -> provider.refresh("refresh-77"));

        assertThat(withheld.messageId()).isEqualTo("TOKENSTORE-1042");
        assertThat(withheld.errorCode()).isEqualTo("(withheld)");
        assertThat(withheld.getMessage()).doesNotContain("refresh-77").endsWith("with HTTP 400 and the error"
                + " '(withheld)'");
        assertThat(cleaned.errorCode()).isEqualTo("weird?code");
        assertThat(provider.classify(cleaned)).isEqualTo(ProviderError.OTHER);
    }

    @Test
    void anUnreachableProviderIsNamedWithoutItsAnswer() throws IOException {
        start(Mode.ROTATING_STRICT);
        URI token = fake.tokenEndpoint();
        fake.close();
        OAuth2Provider provider = OAuth2Provider.builder().tokenEndpoint(token)
                .clientId(FakeOAuthServer.CLIENT_ID).clientSecret(FakeOAuthServer.CLIENT_SECRET).build();

        assertThatThrownBy(() -> provider.refresh("refresh-1")).isInstanceOf(AccountsServerException.class)
                .hasMessageStartingWith("TOKENSTORE-1046: the token refresh at the provider OAuth2Provider[oauth2, "
                        + token + ", clientId=fake-client] failed: ");
        fake = null;
    }

    @Test
    void toStringNeverShowsTheSecret() throws IOException {
        start(Mode.ROTATING_STRICT);

        assertThat(endpoints().build().toString()).doesNotContain(FakeOAuthServer.CLIENT_SECRET)
                .isEqualTo("OAuth2Provider[oauth2, " + fake.tokenEndpoint() + ", clientId=fake-client]");
    }

    // Helpers

    /** Follows the login page's redirect: the callback URI it sends the browser to. */
    private static String location(URI authorize) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(authorize).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(r.statusCode()).isEqualTo(302);
        return r.headers().firstValue("Location").orElseThrow();
    }

    static Map<String, String> query(String raw) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            map.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return map;
    }
}
