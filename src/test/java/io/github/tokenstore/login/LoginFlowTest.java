package io.github.tokenstore.login;

import io.github.tokenstore.LoginException;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.memory.InMemoryTokenStore;
import io.github.tokenstore.oauth.DataCenter;
import io.github.tokenstore.oauth.FakeAccountsServer;
import io.github.tokenstore.oauth.FakeAccountsServer.Reply;
import io.github.tokenstore.oauth.RefreshPolicy;
import io.github.tokenstore.oauth.TokenService;
import io.github.tokenstore.oauth.ZohoAccountsClient;
import io.github.tokenstore.spi.RefreshLock;
import io.github.tokenstore.spi.TokenListener;
import io.github.tokenstore.spi.TokenMetrics;
import io.github.tokenstore.testing.MutableClock;
import io.github.tokenstore.zoho.ZohoDataCenters;
import io.github.tokenstore.zoho.ZohoProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The login flow end to end against two fake data centers (US, where logins start, and EU) and a third,
 * foreign server: state, browser binding, accounts-server allow-list, ID token, refresh tokens.
 */
class LoginFlowTest {

    private static final String CLIENT = "1000.CLIENT";
    private static final String REDIRECT = "https://app.example/portal/tokenstore/callback";
    private static final IdTokens US_KEY = new IdTokens("us-1", 11);
    private static final IdTokens EU_KEY = new IdTokens("eu-1", 12);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T12:00:00Z"));
    private FakeAccountsServer us;
    private FakeAccountsServer eu;
    private FakeAccountsServer evil;
    private InMemoryTokenStore store;
    private TokenService tokens;
    private ZohoDataCenters dataCenters;
    private LoginFlow flow;
    /** The nonce of the last authorize URI, for the fake's ID token. */
    private String nonce;

    @BeforeEach
    void start() throws IOException, java.security.NoSuchAlgorithmException {
        us = new FakeAccountsServer();
        eu = new FakeAccountsServer();
        evil = new FakeAccountsServer();
        us.jwks = US_KEY.jwks();
        eu.jwks = EU_KEY.jwks();
        Map<DataCenter, ZohoProvider> allowed = new LinkedHashMap<>();
        allowed.put(DataCenter.US, provider(DataCenter.US, us, "us-secret"));
        allowed.put(DataCenter.EU, provider(DataCenter.EU, eu, "eu-secret"));
        dataCenters = new ZohoDataCenters(DataCenter.US, allowed);
        store = new InMemoryTokenStore(clock);
        tokens = new TokenService(store, dataCenters, RefreshPolicy.defaults(), RefreshLock.inJvm(),
                TokenListener.NONE, TokenMetrics.NONE, clock, Runnable::run, false);
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(42);
        flow = new LoginFlow(dataCenters, PendingLogins.inMemory(), store, tokens, clock, random);
        answerWith(eu, EU_KEY, "ada@school.example", "refresh-eu-1");
        answerWith(us, US_KEY, "bob@school.example", "refresh-us-1");
    }

    @AfterEach
    void stop() {
        tokens.close();
        us.close();
        eu.close();
        evil.close();
    }

    private ZohoProvider provider(DataCenter dc, FakeAccountsServer server, String secret) {
        return new ZohoProvider(dc.location(), ZohoAccountsClient.builder().dataCenter(dc).accountsUrl(server.url())
                .clientId(CLIENT).clientSecret(secret).redirectUri(REDIRECT).build(),
                List.of("ZohoCRM.modules.ALL"), clock);
    }

    /** The fake answers grants with an ID token for {@code email} (and the current nonce) and {@code refresh}. */
    private void answerWith(FakeAccountsServer server, IdTokens key, String email, String refresh) {
        server.tokenReplies = form -> {
            if (!"authorization_code".equals(form.get("grant_type"))) {
                return Reply.json("{\"access_token\":\"access-refreshed-" + server.refreshCalls.get()
                        + "\",\"expires_in\":3600}");
            }
            String idToken = key.sign(IdTokens.claims(server.url().toString(), CLIENT, nonce, email,
                    clock.instant().plusSeconds(3600)).build());
            return Reply.json("{\"access_token\":\"access-" + email + "\","
                    + (refresh == null ? "" : "\"refresh_token\":\"" + refresh + "\",")
                    + "\"api_domain\":\"https://www.zohoapis.eu\",\"expires_in\":3600,\"id_token\":\"" + idToken + "\"}");
        };
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    /** Starts a login and returns the callback parameters the provider would send for it. */
    private Map<String, String> startAndCallback(LoginStart start, String accountsServer, String location) {
        Map<String, String> authorize = query(start.redirect());
        nonce = authorize.get("nonce");
        Map<String, String> callback = new HashMap<>();
        callback.put("state", authorize.get("state"));
        callback.put("code", "code-1");
        if (accountsServer != null) {
            callback.put("accounts-server", accountsServer);
        }
        if (location != null) {
            callback.put("location", location);
        }
        return callback;
    }

    private LoginException.Failure failureOf(Function<String, String> callback, String browserKey) {
        try {
            flow.complete(callback, browserKey, null);
        } catch (LoginException e) {
            assertThat(e.getMessage()).startsWith(e.failure().id() + ": login failed: ")
                    .doesNotContain("code-1").doesNotContain("secret");
            return e.failure();
        }
        throw new AssertionError("the callback was accepted");
    }

    private int requests() {
        return us.requests() + eu.requests() + evil.requests();
    }

    @Test
    void anEuUserLoggingInThroughTheUsPageIsExchangedAtEuWithTheEuSecretAndRefreshedThere() {
        LoginStart start = flow.start("/home", null, null);
        assertThat(start.redirect().toString()).startsWith(us.url() + "/oauth/v2/auth?client_id=1000.CLIENT");
        Map<String, String> callback = startAndCallback(start, eu.url().toString(), "eu");

        LoginOutcome.Completed done = (LoginOutcome.Completed) flow.complete(callback::get, start.browserKey(), null);

        assertThat(done.user()).isEqualTo(new UserSignature("ada@school.example"));
        assertThat(done.dataCenter()).isEqualTo("eu");
        assertThat(done.returnPath()).isEqualTo("/home");
        assertThat(us.requests()).isZero();
        assertThat(eu.grantCalls).hasValue(1);
        assertThat(eu.forms.get(0)).containsEntry("client_secret", "eu-secret").containsEntry("code", "code-1")
                .containsEntry("redirect_uri", REDIRECT);
        OAuthToken stored = store.findToken(OAuthToken.builder().userSignature(done.user()).build()).orElseThrow();
        assertThat(stored.dataCenter()).isEqualTo("eu");
        assertThat(stored.account()).isEqualTo("ada@school.example");
        assertThat(stored.refreshToken()).isEqualTo("refresh-eu-1");

        clock.advance(Duration.ofHours(2));
        assertThat(tokens.currentToken(done.user()).accessToken()).isEqualTo("access-refreshed-1");
        assertThat(eu.refreshCalls).hasValue(1);
        assertThat(eu.forms.get(1)).containsEntry("client_secret", "eu-secret")
                .containsEntry("refresh_token", "refresh-eu-1");
        assertThat(us.tokenCalls).hasValue(0);

        assertThat(tokens.revoke(done.user())).isTrue();
        assertThat(eu.revokeCalls).hasValue(1);
        assertThat(us.revokeCalls).hasValue(0);
    }

    @Test
    void aUsUserWithoutLocationParametersIsExchangedAtTheDefaultDataCenter() {
        LoginStart start = flow.start(null, null, null);
        Map<String, String> callback = startAndCallback(start, null, null);

        LoginOutcome.Completed done = (LoginOutcome.Completed) flow.complete(callback::get, start.browserKey(), null);

        assertThat(done.user().name()).isEqualTo("bob@school.example");
        assertThat(done.returnPath()).isEqualTo("/");
        assertThat(us.forms.get(0)).containsEntry("client_secret", "us-secret");
        assertThat(eu.requests()).isZero();
    }

    @Test
    void aMissingStateIsRefused() {
        LoginStart start = flow.start("/home", null, null);
        Map<String, String> callback = startAndCallback(start, null, null);
        callback.remove("state");

        assertThat(failureOf(callback::get, start.browserKey())).isEqualTo(LoginException.Failure.STATE_MISSING);
        assertThat(requests()).isZero();
    }

    @Test
    void aWrongStateIsRefused() {
        LoginStart start = flow.start("/home", null, null);
        Map<String, String> callback = startAndCallback(start, null, null);
        callback.put("state", callback.get("state") + "x");

        assertThat(failureOf(callback::get, start.browserKey())).isEqualTo(LoginException.Failure.STATE_UNKNOWN);
        assertThat(requests()).isZero();
    }

    @Test
    void aReusedStateIsRefused() {
        LoginStart start = flow.start("/home", null, null);
        Map<String, String> callback = startAndCallback(start, null, null);
        flow.complete(callback::get, start.browserKey(), null);
        int before = requests();

        assertThat(failureOf(callback::get, start.browserKey())).isEqualTo(LoginException.Failure.STATE_UNKNOWN);
        assertThat(requests()).isEqualTo(before);
    }

    @Test
    void anExpiredStateIsRefusedAndUsedUp() {
        LoginStart start = flow.start("/home", null, null);
        Map<String, String> callback = startAndCallback(start, null, null);
        clock.advance(LoginFlow.STATE_LIFETIME);

        assertThat(failureOf(callback::get, start.browserKey())).isEqualTo(LoginException.Failure.STATE_EXPIRED);
        assertThat(failureOf(callback::get, start.browserKey())).isEqualTo(LoginException.Failure.STATE_UNKNOWN);
        assertThat(requests()).isZero();
    }

    @Test
    void aStateFromAnotherBrowserIsRefused() {
        LoginStart victim = flow.start("/home", null, null);
        LoginStart attacker = flow.start("/home", null, null);
        Map<String, String> callback = startAndCallback(victim, null, null);

        assertThat(attacker.browserKey()).isNotEqualTo(victim.browserKey());
        assertThat(failureOf(callback::get, attacker.browserKey())).isEqualTo(LoginException.Failure.STATE_FOREIGN);
        Map<String, String> second = startAndCallback(flow.start("/home", null, null), null, null);
        assertThat(failureOf(second::get, null)).isEqualTo(LoginException.Failure.STATE_FOREIGN);
        assertThat(requests()).isZero();
    }

    @Test
    void theBrowsersCookieIsKeptAcrossLoginsAndAMalformedOneReplaced() {
        LoginStart first = flow.start("/home", null, null);
        assertThat(flow.start("/home", null, first.browserKey()).browserKey()).isEqualTo(first.browserKey());
        assertThat(flow.start("/home", null, "short").browserKey()).isNotEqualTo("short").hasSize(43);
        assertThat(first.toString()).doesNotContain(first.browserKey()).doesNotContain("state=");
    }

    @Test
    void anErrorFromTheProviderIsReportedAndNothingIsSent() {
        LoginStart start = flow.start("/home", null, null);
        Map<String, String> callback = startAndCallback(start, null, null);
        callback.remove("code");
        callback.put("error", "access_denied");

        LoginException e = org.junit.jupiter.api.Assertions.assertThrows(LoginException.class,
                () -> flow.complete(callback::get, start.browserKey(), null));
        assertThat(e.failure()).isEqualTo(LoginException.Failure.PROVIDER_REFUSED);
        assertThat(e.getMessage()).isEqualTo("TOKENSTORE-0804: login failed: the provider sent the browser back"
                + " with an error (access_denied)");
        assertThat(requests()).isZero();
    }

    @Test
    void aMissingCodeIsRefused() {
        LoginStart start = flow.start("/home", null, null);
        Map<String, String> callback = startAndCallback(start, null, null);
        callback.remove("code");

        assertThat(failureOf(callback::get, start.browserKey())).isEqualTo(LoginException.Failure.CODE_MISSING);
        assertThat(requests()).isZero();
    }

    @Test
    void aRefusedCodeIsInvalidCode() {
        us.tokenReplies = form -> Reply.json("{\"error\":\"invalid_code\"}");
        LoginStart start = flow.start("/home", null, null);
        Map<String, String> callback = startAndCallback(start, null, null);

        assertThat(failureOf(callback::get, start.browserKey())).isEqualTo(LoginException.Failure.CODE_REFUSED);
        assertThat(store.getTokens()).isEmpty();
    }

    static Stream<Function<LoginFlowTest, String>> foreignServers() {
        return Stream.of(
            t -> t.evil.url().toString(),
            t -> t.evil.url() + "/",
            t -> "http://127.0.0.1:" + t.eu.url().getPort() + "@127.0.0.1:" + t.evil.url().getPort(),
            t -> "http://" + t.eu.url().getAuthority() + "@" + t.evil.url().getAuthority(),
            t -> "http://user@" + t.eu.url().getAuthority(),
            t -> "http://" + t.eu.url().getAuthority() + "." + "evil.test",
            t -> "http://127.0.0.1.:" + t.eu.url().getPort(),
            t -> "http://localhost:" + t.eu.url().getPort(),
            t -> "http://127.0.0.1:" + t.evil.url().getPort() + "/" + t.eu.url().getAuthority(),
            t -> "https://" + t.eu.url().getAuthority(),
            t -> "HTTP://" + t.eu.url().getAuthority(),
            t -> t.eu.url() + "/evil",
            t -> t.eu.url() + "/../evil",
            t -> t.eu.url() + "?x=" + t.evil.url(),
            t -> t.eu.url() + "#" + t.evil.url(),
            t -> t.eu.url() + "//",
            t -> "http://127.0.0.1%3A" + t.evil.url().getPort(),
            t -> "http%3A%2F%2F" + t.eu.url().getAuthority(),
            t -> "//" + t.eu.url().getAuthority(),
            t -> t.eu.url().getAuthority(),
            t -> "http:" + t.eu.url().getAuthority(),
            t -> " " + t.eu.url(),
            t -> t.eu.url() + "\\@127.0.0.1:" + t.evil.url().getPort(),
            t -> "https://accounts.zoho.eu",
            t -> "https://accounts.zoho.com@" + t.evil.url().getAuthority(),
            t -> "https://accounts.zoho.com.evil.test");
    }

    @ParameterizedTest
    @MethodSource("foreignServers")
    void aCallbackNamingAServerThatIsNotAllowedIsRefusedAndNothingIsSentAnywhere(
            Function<LoginFlowTest, String> server) {
        LoginStart start = flow.start("/home", null, null);
        Map<String, String> callback = startAndCallback(start, server.apply(this), "eu");

        assertThat(failureOf(callback::get, start.browserKey())).isEqualTo(LoginException.Failure.SERVER_REFUSED);
        callback.remove("location");
        LoginStart again = flow.start("/home", null, start.browserKey());
        Map<String, String> withoutLocation = startAndCallback(again, server.apply(this), null);
        assertThat(failureOf(withoutLocation::get, start.browserKey())).isEqualTo(LoginException.Failure.SERVER_REFUSED);
        assertThat(requests()).isZero();
        assertThat(store.getTokens()).isEmpty();
    }

    @Test
    void aLocationOfADataCenterThatIsNotAllowedIsRefused() {
        LoginStart start = flow.start("/home", null, null);
        Map<String, String> callback = startAndCallback(start, null, "in");

        assertThat(failureOf(callback::get, start.browserKey())).isEqualTo(LoginException.Failure.SERVER_REFUSED);
        assertThat(requests()).isZero();
    }

    @Test
    void theTokensOfAnApplicationUserAreSavedUnderThePrincipalWithTheZohoAccountBeside() {
        LoginStart start = flow.start("/home", null, null);
        Map<String, String> callback = startAndCallback(start, eu.url().toString(), "eu");

        LoginOutcome.Completed done = (LoginOutcome.Completed) flow.complete(callback::get, start.browserKey(),
                "student-17");

        assertThat(done.user().name()).isEqualTo("student-17");
        assertThat(done.account()).isEqualTo("ada@school.example");
        OAuthToken stored = store.findToken(OAuthToken.builder().userSignature(done.user()).build()).orElseThrow();
        assertThat(stored.account()).isEqualTo("ada@school.example");
        assertThat(store.getTokens()).hasSize(1);
    }

    @Test
    void theLoginHintIsPassedOnButTheUserIsWhoZohoSays() {
        LoginStart start = flow.start("/home", "victim@school.example", null);
        assertThat(query(start.redirect())).containsEntry("login_hint", "victim@school.example");
        Map<String, String> callback = startAndCallback(start, eu.url().toString(), "eu");

        LoginOutcome.Completed done = (LoginOutcome.Completed) flow.complete(callback::get, start.browserKey(), null);

        assertThat(done.user().name()).isEqualTo("ada@school.example");
        assertThat(store.findToken(OAuthToken.builder().userSignature(new UserSignature("victim@school.example"))
                .build())).isEmpty();
    }

    @Test
    void withoutARefreshTokenAndNoneStoredTheBrowserGoesRoundOnceMoreWithPromptConsent() {
        answerWith(eu, EU_KEY, "ada@school.example", null);
        LoginStart start = flow.start("/home", "ada@school.example", null);
        Map<String, String> callback = startAndCallback(start, eu.url().toString(), "eu");

        LoginOutcome outcome = flow.complete(callback::get, start.browserKey(), null);

        assertThat(outcome).isInstanceOf(LoginOutcome.ConsentNeeded.class);
        URI consent = ((LoginOutcome.ConsentNeeded) outcome).redirect();
        assertThat(query(consent)).containsEntry("prompt", "consent").containsEntry("login_hint", "ada@school.example");
        assertThat(query(start.redirect())).doesNotContainKey("prompt");
        assertThat(store.getTokens()).isEmpty();

        Map<String, String> second = startAndCallback(new LoginStart(consent, start.browserKey()),
                eu.url().toString(), "eu");
        assertThat(failureOf(second::get, start.browserKey())).isEqualTo(LoginException.Failure.NO_REFRESH_TOKEN);
    }

    @Test
    void theConsentRoundEndsTheLoginWhenItBringsARefreshToken() {
        answerWith(eu, EU_KEY, "ada@school.example", null);
        LoginStart start = flow.start("/home", null, null);
        URI consent = ((LoginOutcome.ConsentNeeded) flow.complete(startAndCallback(start, eu.url().toString(),
                "eu")::get, start.browserKey(), null)).redirect();
        answerWith(eu, EU_KEY, "ada@school.example", "refresh-eu-2");

        LoginOutcome done = flow.complete(startAndCallback(new LoginStart(consent, start.browserKey()),
                eu.url().toString(), "eu")::get, start.browserKey(), null);

        assertThat(((LoginOutcome.Completed) done).returnPath()).isEqualTo("/home");
        assertThat(store.getTokens()).singleElement().extracting(OAuthToken::refreshToken).isEqualTo("refresh-eu-2");
    }

    @Test
    void withoutARefreshTokenTheStoredOneOfTheSameDataCenterIsKept() {
        LoginStart first = flow.start("/home", null, null);
        flow.complete(startAndCallback(first, eu.url().toString(), "eu")::get, first.browserKey(), null);
        answerWith(eu, EU_KEY, "ada@school.example", null);

        LoginStart second = flow.start("/home", null, first.browserKey());
        LoginOutcome done = flow.complete(startAndCallback(second, eu.url().toString(), "eu")::get,
                first.browserKey(), null);

        assertThat(done).isInstanceOf(LoginOutcome.Completed.class);
        assertThat(store.getTokens()).singleElement().extracting(OAuthToken::refreshToken).isEqualTo("refresh-eu-1");
        assertThat(eu.revokeCalls).hasValue(0);
    }

    @Test
    void aNewRefreshTokenReplacesTheStoredOneWhichIsRevokedAtItsDataCenter() {
        LoginStart first = flow.start("/home", null, null);
        flow.complete(startAndCallback(first, eu.url().toString(), "eu")::get, first.browserKey(), null);
        answerWith(eu, EU_KEY, "ada@school.example", "refresh-eu-2");

        LoginStart second = flow.start("/home", null, first.browserKey());
        flow.complete(startAndCallback(second, eu.url().toString(), "eu")::get, first.browserKey(), null);

        assertThat(store.getTokens()).singleElement().extracting(OAuthToken::refreshToken).isEqualTo("refresh-eu-2");
        assertThat(eu.revokeCalls).hasValue(1);
        assertThat(eu.revokeQueries.get(0)).containsEntry("token", "refresh-eu-1");
    }

    @Test
    void anIdTokenOfAnotherDataCenterIsRefusedAndTheNewRefreshTokenRevoked() {
        // The EU server answering with an ID token signed by the US key (and US issuer).
        eu.tokenReplies = form -> Reply.json("{\"access_token\":\"a\",\"refresh_token\":\"refresh-x\","
                + "\"expires_in\":3600,\"id_token\":\"" + US_KEY.sign(IdTokens.claims(us.url().toString(), CLIENT,
                nonce, "eve@evil.example", clock.instant().plusSeconds(3600)).build()) + "\"}");
        LoginStart start = flow.start("/home", null, null);

        assertThat(failureOf(startAndCallback(start, eu.url().toString(), "eu")::get, start.browserKey()))
                .isEqualTo(LoginException.Failure.ID_TOKEN_UNKNOWN_KEY);
        assertThat(store.getTokens()).isEmpty();
        assertThat(eu.revokeQueries).singleElement().isEqualTo(Map.of("token", "refresh-x"));
    }

    @Test
    void aTokenResponseWithoutIdTokenIsRefused() {
        us.tokenReplies = form -> Reply.json("{\"access_token\":\"a\",\"refresh_token\":\"r\",\"expires_in\":3600}");
        LoginStart start = flow.start("/home", null, null);

        assertThat(failureOf(startAndCallback(start, null, null)::get, start.browserKey()))
                .isEqualTo(LoginException.Failure.ID_TOKEN_MISSING);
        assertThat(store.getTokens()).isEmpty();
    }

    @Test
    void aRefusedReturnPathGoesToTheRoot() {
        LoginStart start = flow.start("//evil.example", null, null);

        LoginOutcome.Completed done = (LoginOutcome.Completed) flow.complete(startAndCallback(start, null, null)::get,
                start.browserKey(), null);

        assertThat(done.returnPath()).isEqualTo("/");
    }

    @Test
    void theStateAndNonceAreLongRandomValues() {
        Map<String, String> q = query(flow.start("/home", null, null).redirect());
        assertThat(q.get("state")).hasSize(43).isNotEqualTo(q.get("nonce"));
        assertThat(q.get("nonce")).hasSize(43);
        assertThat(q).containsEntry("scope", "ZohoCRM.modules.ALL,openid,email").containsEntry("access_type", "offline")
                .containsEntry("response_type", "code").containsEntry("redirect_uri", REDIRECT);
    }

    @Test
    void aLoginStartedOnOneNodeCompletesOnAnotherThroughTheSharedDatabaseOnce() throws Exception {
        org.h2.jdbcx.JdbcDataSource db = new org.h2.jdbcx.JdbcDataSource();
        db.setURL("jdbc:h2:mem:login-cluster;DB_CLOSE_DELAY=-1");
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(43);
        LoginFlow nodeA = new LoginFlow(dataCenters, io.github.tokenstore.jpa.JdbcPendingLogins.open(db,
                io.github.tokenstore.jpa.SchemaAction.CREATE), store, tokens, clock, random);
        LoginFlow nodeB = new LoginFlow(dataCenters, io.github.tokenstore.jpa.JdbcPendingLogins.open(db,
                io.github.tokenstore.jpa.SchemaAction.CREATE), store, tokens, clock, random);
        LoginStart start = nodeA.start("/home", null, null);
        Map<String, String> callback = startAndCallback(start, eu.url().toString(), "eu");

        LoginOutcome done = nodeB.complete(callback::get, start.browserKey(), null);

        assertThat(((LoginOutcome.Completed) done).dataCenter()).isEqualTo("eu");
        assertThatThrownBy(() -> nodeA.complete(callback::get, start.browserKey(), null))
                .isInstanceOfSatisfying(LoginException.class, e -> assertThat(e.failure())
                        .isEqualTo(LoginException.Failure.STATE_UNKNOWN));
        assertThat(eu.grantCalls).hasValue(1);
    }

    @Test
    void expiredPendingLoginsAreRemoved() {
        flow.start("/home", null, null);
        flow.start("/home", null, null);
        clock.advance(LoginFlow.STATE_LIFETIME.plusSeconds(1));
        flow.start("/home", null, null);

        assertThat(flow.removeExpired()).isEqualTo(2);
    }
}
