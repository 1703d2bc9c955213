package io.github.tokenstore.oauth;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.memory.InMemoryTokenStore;
import io.github.tokenstore.spi.RefreshLock;
import io.github.tokenstore.spi.TokenListener;
import io.github.tokenstore.spi.TokenMetrics;
import io.github.tokenstore.testing.MutableClock;
import io.github.tokenstore.zoho.ZohoDataCenters;
import io.github.tokenstore.zoho.ZohoProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each token's refresh, revocation, revoke-on-delete and idle clean-up go to its own data center with that
 * data center's secret; a token without data center goes to the default one; one of a data center that is
 * not allowed goes nowhere (TOKENSTORE-0838).
 */
class DataCenterRoutingTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T12:00:00Z"));
    private FakeAccountsServer us;
    private FakeAccountsServer eu;
    private InMemoryTokenStore store;
    private ZohoDataCenters dataCenters;
    private final UserSignature ada = new UserSignature("ada@school.example");
    private final UserSignature bob = new UserSignature("bob@school.example");
    private final UserSignature ina = new UserSignature("ina@school.example");

    @BeforeEach
    void start() throws IOException {
        us = new FakeAccountsServer();
        eu = new FakeAccountsServer();
        Map<DataCenter, ZohoProvider> allowed = new LinkedHashMap<>();
        allowed.put(DataCenter.US, provider(DataCenter.US, us, "us-secret"));
        allowed.put(DataCenter.EU, provider(DataCenter.EU, eu, "eu-secret"));
        dataCenters = new ZohoDataCenters(DataCenter.US, allowed);
        store = new InMemoryTokenStore(clock);
        store.saveToken(token(ada, "eu"));
        store.saveToken(token(bob, null));
        store.saveToken(token(ina, "in"));
    }

    @AfterEach
    void stop() {
        us.close();
        eu.close();
    }

    private ZohoProvider provider(DataCenter dc, FakeAccountsServer server, String secret) {
        return new ZohoProvider(dc.location(), ZohoAccountsClient.builder().dataCenter(dc).accountsUrl(server.url())
                .clientId("1000.CLIENT").clientSecret(secret).build(), List.of(), clock);
    }

    private OAuthToken token(UserSignature user, String dataCenter) {
        return OAuthToken.builder().userSignature(user).clientId("1000.CLIENT").refreshToken("refresh-" + user.name())
                .accessToken("access-" + user.name()).expiresAt(clock.instant().minusSeconds(1)).dataCenter(dataCenter)
                .build();
    }

    private TokenService service(boolean revokeOnDelete) {
        return new TokenService(store, dataCenters, RefreshPolicy.defaults(), RefreshLock.inJvm(), TokenListener.NONE,
                TokenMetrics.NONE, clock, Runnable::run, revokeOnDelete);
    }

    @Test
    void refreshesGoToTheTokensDataCenterWithItsSecret() {
        try (TokenService service = service(false)) {
            service.currentToken(ada);
            service.currentToken(bob);
        }

        assertThat(eu.refreshCalls).hasValue(1);
        assertThat(eu.forms.get(0)).containsEntry("client_secret", "eu-secret")
                .containsEntry("refresh_token", "refresh-ada@school.example");
        assertThat(us.refreshCalls).hasValue(1);
        assertThat(us.forms.get(0)).containsEntry("client_secret", "us-secret")
                .containsEntry("refresh_token", "refresh-bob@school.example");
    }

    @Test
    void aTokenOfADataCenterThatIsNotAllowedIsNeitherRefreshedNorRevokedAnywhere() {
        try (TokenService service = service(false)) {
            assertThatThrownBy(() -> service.currentToken(ina)).isInstanceOf(TokenStoreException.class)
                    .hasMessageContaining("TOKENSTORE-0838");
            assertThatThrownBy(() -> service.revoke(ina)).isInstanceOf(TokenStoreException.class)
                    .hasMessage("TOKENSTORE-0838: the token was issued by data center 'in', which is not among the"
                            + " allowed ones (tokenstore.oauth.data-centers); add it to refresh or revoke that token");
        }
        assertThat(us.requests() + eu.requests()).isZero();
    }

    @Test
    void revocationsAndRevokeOnDeleteGoToTheTokensDataCenter() {
        try (TokenService service = service(true)) {
            service.revoke(ada);
            service.delete(bob);
        }

        assertThat(eu.revokeQueries).containsExactly(Map.of("token", "refresh-ada@school.example"));
        assertThat(us.revokeQueries).containsExactly(Map.of("token", "refresh-bob@school.example"));
    }

    @Test
    void theIdleCleanUpRevokesEachTokenAtItsDataCenter() {
        clock.advance(Duration.ofDays(91));
        int deleted = TokenCleanup.revokingAt(store, Duration.ofDays(90), RefreshLock.inJvm(), dataCenters,
                TokenListener.NONE, clock).sweep();

        assertThat(deleted).isEqualTo(3);
        assertThat(eu.revokeQueries).containsExactly(Map.of("token", "refresh-ada@school.example"));
        assertThat(us.revokeQueries).containsExactly(Map.of("token", "refresh-bob@school.example"));
    }
}
