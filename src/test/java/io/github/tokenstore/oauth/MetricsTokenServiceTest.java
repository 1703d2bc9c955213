package io.github.tokenstore.oauth;

import io.github.tokenstore.AuthorizationRequiredException;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.ThrottledException;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.memory.InMemoryTokenStore;
import io.github.tokenstore.metrics.OpenTelemetryTokenMetrics;
import io.github.tokenstore.metrics.RecordedMetrics;
import io.github.tokenstore.oauth.FakeAccountsServer.Reply;
import io.github.tokenstore.spi.RefreshLock;
import io.github.tokenstore.spi.TokenListener;
import io.github.tokenstore.testing.MutableClock;
import io.opentelemetry.sdk.metrics.data.MetricData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/**
 * The token service reporting to the OpenTelemetry adapter, against the fake accounts server: lookups
 * from memory or not, refresh outcomes, token-endpoint calls; and its count of refused tokens.
 */
class MetricsTokenServiceTest {

    static final UserSignature ALICE = new UserSignature("alice@example.com");
    static final UserSignature BOB = new UserSignature("bob@example.com");
    static final String SECRET = "client-secret-Zq9";

    FakeAccountsServer server;
    RecordedMetrics recorded;
    OpenTelemetryTokenMetrics metrics;
    InMemoryTokenStore store;
    MutableClock clock;
    TokenService service;

    @BeforeEach
    void start() throws IOException {
        server = new FakeAccountsServer();
        ZohoAccountsClient client = ZohoAccountsClient.builder().accountsUrl(server.url()).clientId("1000.CLIENT")
                .clientSecret(SECRET).redirectUri("https://app.example/callback").build();
        recorded = new RecordedMetrics();
        metrics = new OpenTelemetryTokenMetrics(recorded.openTelemetry(), OptionalLong::empty);
        store = new InMemoryTokenStore();
        clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
        // The caller's thread runs every refresh: what the test sees has happened.
        service = new TokenService(store, client, RefreshPolicy.defaults(), RefreshLock.inJvm(), TokenListener.NONE,
                metrics, clock, Runnable::run);
    }

    @AfterEach
    void stop() {
        service.close();
        server.close();
        metrics.close();
        recorded.close();
    }

    void storeExpiredToken(UserSignature user, String refreshToken) {
        store.saveToken(OAuthToken.builder().userSignature(user).clientId("1000.CLIENT").refreshToken(refreshToken)
                .accessToken("access-old-" + user.name()).expiresAt(clock.instant().minusSeconds(1)).build());
    }

    @Test
    void reportsLookupsRefreshesAndTokenEndpointCalls() {
        service.authorize("1000.grant-code", ALICE);        // grant call; the token is cached
        service.currentToken(ALICE);                          // hit
        service.currentToken(ALICE);                          // hit
        clock.advance(Duration.ofMinutes(59));                // inside refresh-ahead: a refresh, in this thread
        service.currentToken(ALICE);                          // miss (refresh: success)
        service.currentToken(ALICE);                          // hit again
        storeExpiredToken(BOB, "1000.bob-refresh");
        server.tokenReplies = form -> Reply.json("{\"error\":\"Access Denied\",\"error_description\":\"too many\"}");
        assertThatThrownBy(() -> service.currentToken(BOB)).isInstanceOf(ThrottledException.class);   // miss

        Map<String, MetricData> all = recorded.collect();
        assertThat(RecordedMetrics.sums(all.get("tokenstore.cache.lookups"))).containsExactly(
                entry("tokenstore.cache.result=hit", 3L), entry("tokenstore.cache.result=miss", 2L));
        assertThat(RecordedMetrics.sums(all.get("tokenstore.refreshes"))).containsExactly(
                entry("tokenstore.refresh.outcome=success", 1L), entry("tokenstore.refresh.outcome=throttled", 1L));
        assertThat(RecordedMetrics.counts(all.get("tokenstore.token_endpoint.duration"))).containsExactly(
                entry("error.type=io.github.tokenstore.ThrottledException,tokenstore.token_endpoint.operation=refresh",
                        1L),
                entry("tokenstore.token_endpoint.operation=grant", 1L),
                entry("tokenstore.token_endpoint.operation=refresh", 1L));
        assertThat(String.join(" ", RecordedMetrics.allAttributes(all.values())))
                .doesNotContain("alice", "bob", SECRET, "refresh-1", "access-");
    }

    @Test
    void anotherJvmsTokenIsAdoptedAndARevokeIsTimed() {
        storeExpiredToken(ALICE, "1000.alice-refresh");
        service.currentToken(ALICE);                          // refreshed: success
        clock.advance(Duration.ofHours(2));                   // expired again, but another JVM refreshed:
        OAuthToken cached = store.findToken(OAuthToken.builder().userSignature(ALICE).build()).orElseThrow();
        store.saveToken(cached.toBuilder().accessToken("access-from-another-jvm")
                .expiresAt(clock.instant().plus(Duration.ofHours(1))).build());
        assertThat(service.currentToken(ALICE).accessToken()).isEqualTo("access-from-another-jvm");
        service.revoke(ALICE);

        Map<String, MetricData> all = recorded.collect();
        assertThat(RecordedMetrics.sums(all.get("tokenstore.refreshes"))).containsExactly(
                entry("tokenstore.refresh.outcome=adopted", 1L), entry("tokenstore.refresh.outcome=success", 1L));
        assertThat(RecordedMetrics.counts(all.get("tokenstore.token_endpoint.duration"))).containsExactly(
                entry("tokenstore.token_endpoint.operation=refresh", 1L),
                entry("tokenstore.token_endpoint.operation=revoke", 1L));
    }

    @Test
    void countsRefusedTokensUntilTheUserAuthorizesAgainOrIsDeleted() {
        storeExpiredToken(ALICE, "1000.alice-revoked");
        storeExpiredToken(BOB, "1000.bob-revoked");
        server.tokenReplies = form -> "refresh_token".equals(form.get("grant_type"))
                ? Reply.json("{\"error\":\"invalid_code\"}")
                : Reply.json("{\"access_token\":\"access-new\",\"refresh_token\":\"refresh-new\","
                + "\"api_domain\":\"https://www.zohoapis.eu\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        assertThat(service.refusedTokenCount()).isZero();

        assertThatThrownBy(() -> service.currentToken(ALICE)).isInstanceOf(AuthorizationRequiredException.class)
                .hasMessageStartingWith("TOKENSTORE-0225: ");
        assertThatThrownBy(() -> service.currentToken(BOB)).isInstanceOf(AuthorizationRequiredException.class);
        // Asked again: refused again (without a call), still counted once.
        assertThatThrownBy(() -> service.currentToken(ALICE)).isInstanceOf(AuthorizationRequiredException.class);
        assertThat(service.refusedTokenCount()).isEqualTo(2);
        assertThat(server.refreshCalls).hasValue(2);

        service.authorize("1000.new-grant", ALICE);
        assertThat(service.refusedTokenCount()).isEqualTo(1);
        service.delete(BOB);
        assertThat(service.refusedTokenCount()).isZero();

        assertThat(RecordedMetrics.sums(recorded.collect().get("tokenstore.refreshes"))).containsExactly(
                entry("tokenstore.refresh.outcome=refused", 3L));
    }
}
