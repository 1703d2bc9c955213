package io.github.tokenstore.zoho;

import io.github.tokenstore.OAuthProviderException;
import io.github.tokenstore.oauth.FakeAccountsServer;
import io.github.tokenstore.oauth.TokenResponse;
import io.github.tokenstore.oauth.ZohoAccountsClient;
import io.github.tokenstore.provider.OAuthProvider;
import io.github.tokenstore.provider.Pkce;
import io.github.tokenstore.provider.ProviderError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Fake (d), Zoho, through the provider seam as the generic providers are tested: grant, refresh (no new refresh
 * token), revocation, {@code invalid_code} classified as {@code INVALID_GRANT}, and no PKCE.
 */
class ZohoProviderFakeTest {

    private FakeAccountsServer zoho;
    private OAuthProvider provider;

    @BeforeEach
    void start() throws IOException {
        zoho = new FakeAccountsServer();
        provider = ZohoProvider.of(ZohoAccountsClient.builder().accountsUrl(zoho.url())
                .clientId("1000.ID").clientSecret("zoho-secret").redirectUri("https://app.example/cb").build());
    }

    @AfterEach
    void stop() {
        zoho.close();
    }

    @Test
    void theGrantGivesARefreshTokenAndARefreshGivesNone() {
        TokenResponse granted = provider.exchangeCode("1000.code", null);
        TokenResponse refreshed = provider.refresh(granted.refreshToken());

        assertThat(granted.refreshToken()).isEqualTo("refresh-1");
        assertThat(refreshed.refreshToken()).as("the stored one is kept").isNull();
        assertThat(refreshed.accessToken()).isEqualTo("access-refreshed-1");
        assertThat(zoho.grantCalls).hasValue(1);
        assertThat(zoho.refreshCalls).hasValue(1);
    }

    @Test
    void revokingReachesTheAccountsServer() {
        provider.revoke("refresh-1");

        assertThat(provider.revocationSupported()).isTrue();
        assertThat(zoho.revokeCalls).hasValue(1);
        assertThat(zoho.revokeQueries.get(0)).containsEntry("token", "refresh-1");
    }

    @Test
    void invalidCodeIsAnInvalidGrant() {
        zoho.tokenReplies = form -> FakeAccountsServer.Reply.json("{\"error\":\"invalid_code\"}");

        OAuthProviderException e = catchThrowableOfType(OAuthProviderException.class,
                () -> provider.refresh("refresh-1"));

        assertThat(provider.classify(e)).isEqualTo(ProviderError.INVALID_GRANT);
        assertThat(e.getMessage()).doesNotContain("refresh-1").doesNotContain("zoho-secret");
    }

    @Test
    void zohoTakesNoPkceVerifier() {
        assertThat(provider.pkce()).isFalse();
        assertThatThrownBy(() -> provider.exchangeCode("1000.code", Pkce.create().verifier()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("TOKENSTORE-1021: ");
        assertThat(zoho.requests()).isZero();
    }
}
