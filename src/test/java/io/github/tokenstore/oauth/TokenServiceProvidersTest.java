package io.github.tokenstore.oauth;

import io.github.tokenstore.AuthorizationRequiredException;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStores;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.oidc.OAuth2Provider;
import io.github.tokenstore.provider.OAuthProviders;
import io.github.tokenstore.testing.FakeOAuthServer;
import io.github.tokenstore.testing.FakeOAuthServer.Mode;
import io.github.tokenstore.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The token service against the three kinds of standard provider on loopback, each for grant, refresh,
 * restart, revoke and {@code invalid_grant}: (a) {@link Mode#ROTATING_STRICT}, a new refresh token on every
 * refresh and the old one dead (Salesforce with rotation on); (b) {@link Mode#ROTATING_LENIENT}, a new one
 * with the old one still good (Microsoft Entra); (c) {@link Mode#NO_REFRESH_TOKEN}, no refresh token in a
 * refresh's answer (Google). Zoho, (d), is {@link TokenServiceTest}. The store is a file, so a "restart" is a
 * new service reading what the last one wrote.
 */
class TokenServiceProvidersTest {

    static final String REDIRECT = "https://app.example/tokenstore/callback/crm";
    static final UserSignature ANA = new UserSignature("ana@zylker.example");
    static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    @TempDir
    Path dir;

    FakeOAuthServer fake;
    final MutableClock clock = new MutableClock(T0);
    final ExecutorService refreshThreads = Executors.newSingleThreadExecutor();
    final TokenServiceTest.RecordingListener events = new TokenServiceTest.RecordingListener();

    @AfterEach
    void stop() {
        refreshThreads.shutdownNow();
        if (fake != null) {
            fake.close();
        }
    }

    FakeOAuthServer start(Mode mode) throws IOException {
        fake = new FakeOAuthServer(mode);
        fake.clock = clock;
        // TokenService.authorize sends no PKCE verifier; the login flow's tests cover PKCE.
        fake.requirePkce = false;
        return fake;
    }

    OAuth2Provider provider() {
        return OAuth2Provider.builder()
                .authorizationEndpoint(fake.authorizationEndpoint())
                .tokenEndpoint(fake.tokenEndpoint())
                .revocationEndpoint(fake.revocationEndpoint())
                .clientId(FakeOAuthServer.CLIENT_ID).clientSecret(FakeOAuthServer.CLIENT_SECRET)
                .redirectUri(REDIRECT).pkce(false).clock(clock).build();
    }

    TokenService service(TokenStore store) {
        return TokenService.builder(store, OAuthProviders.single(provider())).client("crm").clock(clock)
                .listener(events).executor(refreshThreads).build();
    }

    TokenStore fileStore() {
        return TokenStores.file(dir.resolve("tokens.csv"));
    }

    OAuthToken stored(TokenStore store) {
        return store.findToken(OAuthToken.builder().userSignature(ANA).client("crm").build()).orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void grantRefreshRestartAndRevoke(Mode mode) throws IOException {
        start(mode);
        TokenStore store = fileStore();
        TokenService first = service(store);

        OAuthToken granted = first.authorize(fake.issueCode(ANA.name(), REDIRECT, "api", null, null), ANA);
        assertThat(granted.client()).isEqualTo("crm");
        assertThat(stored(store)).isEqualTo(granted);

        clock.advance(Duration.ofMinutes(61));
        OAuthToken refreshed = first.currentToken(ANA);
        assertThat(fake.refreshCalls).hasValue(1);
        assertThat(refreshed.accessToken()).isNotEqualTo(granted.accessToken());
        switch (mode) {
            case ROTATING_STRICT -> {
                assertThat(refreshed.refreshToken()).isNotEqualTo(granted.refreshToken());
                assertThat(fake.isAlive(granted.refreshToken())).isFalse();
            }
            case ROTATING_LENIENT -> {
                assertThat(refreshed.refreshToken()).isNotEqualTo(granted.refreshToken());
                assertThat(fake.isAlive(granted.refreshToken())).isTrue();
            }
            // No refresh token in the answer: the stored one is kept, not lost.
            case NO_REFRESH_TOKEN -> assertThat(refreshed.refreshToken()).isEqualTo(granted.refreshToken());
        }
        assertThat(stored(store).refreshToken()).isEqualTo(refreshed.refreshToken())
                .isEqualTo(fake.newestRefreshToken(ANA.name()));

        // A restart: a new service on the same file refreshes with the newest refresh token.
        TokenService restarted = service(fileStore());
        clock.advance(Duration.ofMinutes(61));
        OAuthToken again = restarted.currentToken(ANA);
        assertThat(fake.refreshCalls).hasValue(2);
        assertThat(fake.invalidGrants).hasValue(0);
        assertThat(again.accessToken()).isNotEqualTo(refreshed.accessToken());

        assertThat(restarted.revoke(ANA)).isTrue();
        assertThat(fake.revokeCalls).hasValue(1);
        assertThat(fake.isAlive(again.refreshToken())).isFalse();
        assertThat(fileStore().findToken(OAuthToken.builder().userSignature(ANA).client("crm").build())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void invalidGrantMarksTheTokenRefusedInTheStoreForEveryJvmAndRestart(Mode mode) throws IOException {
        start(mode);
        TokenStore store = fileStore();
        TokenService service = service(store);
        OAuthToken granted = service.authorize(fake.issueCode(ANA.name(), REDIRECT, "api", null, null), ANA);
        fake.kill(granted.refreshToken());
        clock.advance(Duration.ofMinutes(61));

        assertThatThrownBy(() -> service.currentToken(ANA)).isInstanceOfSatisfying(
                AuthorizationRequiredException.class, e -> assertThat(e.reason())
                        .isEqualTo(AuthorizationRequiredException.Reason.REFRESH_TOKEN_REFUSED));
        assertThat(fake.invalidGrants).hasValue(1);
        assertThat(events.failures).singleElement().isInstanceOf(AuthorizationRequiredException.class);
        // Kept for audit, marked refused, with its refresh token.
        OAuthToken kept = stored(store);
        assertThat(kept.refusedAt()).isEqualTo(clock.instant());
        assertThat(kept.refreshToken()).isEqualTo(granted.refreshToken());

        // Asked again, in this JVM or by a new one on the same store: no second request, the same answer.
        assertThatThrownBy(() -> service.currentToken(ANA)).isInstanceOf(AuthorizationRequiredException.class);
        TokenService otherJvm = service(fileStore());
        assertThatThrownBy(() -> otherJvm.currentToken(ANA)).isInstanceOfSatisfying(
                AuthorizationRequiredException.class, e -> assertThat(e.reason())
                        .isEqualTo(AuthorizationRequiredException.Reason.REFRESH_TOKEN_REFUSED));
        assertThat(fake.refreshCalls).hasValue(1);
        assertThat(service.refusedTokenCount()).isEqualTo(1);

        // Logging in again replaces the refused row: one row, no mark.
        OAuthToken relogged = otherJvm.authorize(fake.issueCode(ANA.name(), REDIRECT, "api", null, null), ANA);
        assertThat(relogged.id()).isEqualTo(kept.id());
        assertThat(stored(store).refusedAt()).isNull();
        assertThat(store.getTokens()).hasSize(1);
        assertThat(otherJvm.currentToken(ANA).accessToken()).isEqualTo(relogged.accessToken());
    }

    @Test
    void aServiceWithACachedOldRefreshTokenRefreshesWithTheStoredNewestOne() throws IOException {
        start(Mode.ROTATING_STRICT);
        TokenStore store = fileStore();
        TokenService jvm1 = service(store);
        TokenService jvm2 = service(fileStore());
        OAuthToken granted = jvm1.authorize(fake.issueCode(ANA.name(), REDIRECT, "api", null, null), ANA);
        assertThat(jvm2.currentToken(ANA)).isEqualTo(granted);

        clock.advance(Duration.ofMinutes(61));
        OAuthToken byJvm1 = jvm1.currentToken(ANA);
        // jvm2 still holds the token with the refresh token that jvm1's refresh killed; it re-reads the store
        // under the lock and takes jvm1's token, spending nothing.
        OAuthToken byJvm2 = jvm2.currentToken(ANA);
        assertThat(byJvm2.accessToken()).isEqualTo(byJvm1.accessToken());
        assertThat(fake.refreshCalls).hasValue(1);
        assertThat(fake.invalidGrants).hasValue(0);
    }

    @Test
    void aUserHoldsOneTokenPerClientEachRefreshedByItsOwnProvider() throws IOException {
        start(Mode.ROTATING_STRICT);
        try (FakeOAuthServer other = new FakeOAuthServer(Mode.NO_REFRESH_TOKEN)) {
            other.clock = clock;
            other.requirePkce = false;
            TokenStore store = fileStore();
            TokenService crm = service(store);
            OAuth2Provider docsProvider = OAuth2Provider.builder().tokenEndpoint(other.tokenEndpoint())
                    .clientId(FakeOAuthServer.CLIENT_ID).clientSecret(FakeOAuthServer.CLIENT_SECRET)
                    .redirectUri(REDIRECT).pkce(false).clock(clock).build();
            TokenService docs = TokenService.builder(store, OAuthProviders.single(docsProvider)).client("docs")
                    .clock(clock).executor(refreshThreads).build();

            OAuthToken crmToken = crm.authorize(fake.issueCode(ANA.name(), REDIRECT, "api", null, null), ANA);
            OAuthToken docsToken = docs.authorize(other.issueCode(ANA.name(), REDIRECT, "api", null, null), ANA);
            assertThat(store.getTokens()).extracting(OAuthToken::client).containsExactlyInAnyOrder("crm", "docs");

            clock.advance(Duration.ofMinutes(61));
            assertThat(crm.currentToken(ANA).accessToken()).isNotEqualTo(crmToken.accessToken());
            assertThat(fake.refreshCalls).hasValue(1);
            assertThat(other.refreshCalls).hasValue(0);
            assertThat(docs.currentToken(ANA).accessToken()).isNotEqualTo(docsToken.accessToken());
            assertThat(other.refreshCalls).hasValue(1);
            assertThat(fake.refreshCalls).hasValue(1);

            assertThat(docs.delete(ANA)).isTrue();
            assertThat(store.getTokens()).extracting(OAuthToken::client).containsExactly("crm");
        }
    }

    @Test
    void theDefaultClientTakesOverATokenSavedBeforeNamedClients() throws IOException {
        start(Mode.ROTATING_STRICT);
        TokenStore store = fileStore();
        String refresh = fake.issueRefreshToken(ANA.name(), "api");
        OAuthToken legacy = store.saveToken(OAuthToken.builder().userSignature(ANA).refreshToken(refresh)
                .accessToken("old-access").expiresAt(T0.plusSeconds(10)).build());
        TokenService named = TokenService.builder(store, OAuthProviders.single(provider())).client("crm")
                .defaultClient(true).clock(clock).executor(refreshThreads).build();

        OAuthToken refreshed = named.currentToken(ANA);

        assertThat(refreshed.id()).isEqualTo(legacy.id());
        assertThat(refreshed.client()).isEqualTo("crm");
        assertThat(store.getTokens()).singleElement().extracting(OAuthToken::client).isEqualTo("crm");
        // A client that is not the default one does not touch the row without a client.
        TokenService notDefault = service(store);
        assertThat(notDefault.currentToken(ANA)).isEqualTo(refreshed);
    }

    @Test
    void aTokenOfAnotherClientIsRefused() throws IOException {
        start(Mode.ROTATING_STRICT);
        TokenService crm = service(fileStore());
        OAuthToken foreign = OAuthToken.builder().userSignature(ANA).client("docs").accessToken("a")
                .expiresAt(T0.plusSeconds(3600)).build();

        assertThatThrownBy(() -> crm.saveAuthorized(foreign)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOKENSTORE-1070: the token names the OAuth client 'docs', but this TokenService "
                        + "serves the client 'crm'; save it through the service of its own client");
        assertThatThrownBy(() -> TokenService.builder(fileStore(), OAuthProviders.single(provider())).client("no space"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("TOKENSTORE-1000: ");
    }
}
