package io.github.tokenstore.oidc;

import io.github.tokenstore.oauth.TokenResponse;
import io.github.tokenstore.provider.AuthorizationRequest;
import io.github.tokenstore.provider.Pkce;
import io.github.tokenstore.testing.FakeOAuthServer;
import io.github.tokenstore.testing.FakeOAuthServer.ClientAuth;
import io.github.tokenstore.testing.FakeOAuthServer.Mode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.github.tokenstore.oidc.OAuth2ProviderTest.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What each {@link ProviderPreset} fills in, that every given endpoint overrides it, and the presets' quirks
 * against the fake: Salesforce's {@code instance_url} and missing {@code expires_in}, HubSpot's {@code
 * client_secret_post}, the API's "invalid token" answers.
 */
class PresetsTest {

    private static final String REDIRECT = "https://app.example/cb";

    private FakeOAuthServer fake;

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.close();
        }
    }

    private static OAuth2Provider.Builder client(ProviderPreset preset) {
        return OAuth2Provider.builder(preset).clientId("id-1").clientSecret("secret-1").redirectUri(REDIRECT);
    }

    private static Map<String, String> login(OAuth2Provider provider) {
        return query(provider.authorizationUri(new AuthorizationRequest("state-1", "nonce-1", null, false,
                Pkce.create().challenge())).getRawQuery());
    }

    @Test
    void googleAsksForOfflineAccessAndConsentEveryTime() {
        OAuth2Provider google = client(ProviderPreset.GOOGLE).scopes(List.of("https://www.googleapis.com/auth/drive"))
                .build();
        URI authorize = google.authorizationUri(new AuthorizationRequest("s", "n", null, false,
                Pkce.create().challenge()));

        assertThat(authorize.toString()).startsWith("https://accounts.google.com/o/oauth2/v2/auth?");
        assertThat(query(authorize.getRawQuery())).containsEntry("access_type", "offline")
                .containsEntry("prompt", "consent").containsEntry("nonce", "n")
                .containsEntry("scope", "https://www.googleapis.com/auth/drive openid email");
        assertThat(google.tokenEndpoint()).isEqualTo(URI.create("https://oauth2.googleapis.com/token"));
        assertThat(google.revocationSupported()).isTrue();
        assertThat(google.idTokens()).isTrue();
        assertThat(google.location()).isEqualTo("google");
        assertThat(google.clientAuth()).isEqualTo(OAuth2Provider.ClientAuth.CLIENT_SECRET_BASIC);
    }

    @Test
    void microsoftUsesTheTenantAndAsksForOfflineAccess() {
        OAuth2Provider contoso = client(ProviderPreset.MICROSOFT).tenant("contoso.onmicrosoft.com")
                .scopes(List.of("User.Read")).build();
        OAuth2Provider common = client(ProviderPreset.MICROSOFT).build();

        assertThat(contoso.tokenEndpoint()).isEqualTo(URI.create(
                "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token"));
        assertThat(login(contoso)).containsEntry("scope", "User.Read offline_access openid email")
                .doesNotContainKey("access_type");
        assertThat(contoso.idTokens()).isTrue();
        assertThat(contoso.revocationSupported()).as("Entra has no RFC 7009 endpoint").isFalse();
        assertThat(common.tokenEndpoint().toString()).contains("/common/");
        assertThat(common.idTokens()).as("common has no fixed issuer").isFalse();
        assertThatThrownBy(() -> client(ProviderPreset.MICROSOFT).tenant("../evil").build())
                .hasMessageStartingWith("TOKENSTORE-1031: OAuth2Provider: tenant is not a tenant id or domain");
    }

    @Test
    void salesforceAsksForTheRefreshTokenScopeAndCanRevoke() {
        OAuth2Provider salesforce = client(ProviderPreset.SALESFORCE).scopes(List.of("api")).build();

        assertThat(login(salesforce)).containsEntry("scope", "api refresh_token openid email");
        assertThat(salesforce.tokenEndpoint()).isEqualTo(URI.create(
                "https://login.salesforce.com/services/oauth2/token"));
        assertThat(salesforce.revocationSupported()).isTrue();
    }

    @Test
    void hubspotPostsTheCredentialsAndHasNoOpenIdConnect() {
        OAuth2Provider hubspot = client(ProviderPreset.HUBSPOT).scopes(List.of("crm.objects.contacts.read")).build();

        assertThat(hubspot.clientAuth()).isEqualTo(OAuth2Provider.ClientAuth.CLIENT_SECRET_POST);
        assertThat(hubspot.tokenEndpoint()).isEqualTo(URI.create("https://api.hubapi.com/oauth/v3/token"));
        assertThat(login(hubspot)).containsEntry("scope", "crm.objects.contacts.read oauth").doesNotContainKey("nonce");
        assertThat(hubspot.idTokens()).isFalse();
        assertThat(hubspot.revocationSupported()).isFalse();
    }

    @Test
    void presetsAreFoundByTheirConfigurationName() {
        assertThat(ProviderPreset.forName("Salesforce")).contains(ProviderPreset.SALESFORCE);
        assertThat(ProviderPreset.forName("zoho")).isEmpty();
        assertThat(ProviderPreset.forName(null)).isEmpty();
    }

    @Test
    void aSalesforcePointedAtTheFakeReadsInstanceUrlAndLivesWithoutExpiresIn() throws IOException {
        fake = new FakeOAuthServer(Mode.ROTATING_STRICT);
        fake.instanceUrl = "https://zylker.my.salesforce.com";
        fake.expiresInSeconds = null;
        OAuth2Provider salesforce = OAuth2Provider.builder(ProviderPreset.SALESFORCE)
                .tokenEndpoint(fake.tokenEndpoint()).revocationEndpoint(fake.revocationEndpoint())
                .clientId(FakeOAuthServer.CLIENT_ID).clientSecret(FakeOAuthServer.CLIENT_SECRET)
                .defaultExpiresIn(Duration.ofMinutes(30)).build();
        String refresh = fake.issueRefreshToken("ana@zylker.example", "api refresh_token");

        TokenResponse tokens = salesforce.refresh(refresh);

        assertThat(tokens.apiDomain()).isEqualTo("https://zylker.my.salesforce.com");
        assertThat(tokens.expiresIn()).isEqualTo(Duration.ofMinutes(30));
        assertThat(tokens.refreshToken()).isNotEqualTo(refresh);
        assertThat(salesforce.tokenEndpoint()).isEqualTo(fake.tokenEndpoint());
        assertThat(fake.refreshCalls).hasValue(1);
    }

    @Test
    void anInstanceUrlThatIsNotHttpsIsRefused() throws IOException {
        fake = new FakeOAuthServer(Mode.ROTATING_STRICT);
        fake.instanceUrl = "http://evil.example";
        OAuth2Provider salesforce = OAuth2Provider.builder(ProviderPreset.SALESFORCE)
                .tokenEndpoint(fake.tokenEndpoint())
                .clientId(FakeOAuthServer.CLIENT_ID).clientSecret(FakeOAuthServer.CLIENT_SECRET).build();

        assertThatThrownBy(() -> salesforce.refresh(fake.issueRefreshToken("ana@zylker.example", "api")))
                .hasMessageStartingWith("TOKENSTORE-1047: ")
                .hasMessageEndingWith("(instance_url is not an https URL (http only on loopback))");
    }

    @Test
    void hubspotPointedAtTheFakeAuthenticatesInTheForm() throws IOException {
        fake = new FakeOAuthServer(Mode.ROTATING_LENIENT);
        fake.clientAuth = ClientAuth.POST;
        OAuth2Provider hubspot = OAuth2Provider.builder(ProviderPreset.HUBSPOT).tokenEndpoint(fake.tokenEndpoint())
                .clientId(FakeOAuthServer.CLIENT_ID).clientSecret(FakeOAuthServer.CLIENT_SECRET).build();

        TokenResponse tokens = hubspot.refresh(fake.issueRefreshToken("ana@zylker.example", "oauth"));

        assertThat(tokens.apiDomain()).isEqualTo("https://api.hubapi.com");
        assertThat(fake.tokenForms.get(0)).containsEntry("client_secret", FakeOAuthServer.CLIENT_SECRET);
    }

    @Test
    void anExplicitIssuerReplacesThePresetsEndpointsByDiscovery() throws IOException {
        fake = new FakeOAuthServer(Mode.ROTATING_STRICT);
        OAuth2Provider salesforce = OAuth2Provider.builder(ProviderPreset.SALESFORCE).issuer(fake.url())
                .clientId(FakeOAuthServer.CLIENT_ID).clientSecret(FakeOAuthServer.CLIENT_SECRET).build();

        assertThat(salesforce.tokenEndpoint()).isEqualTo(fake.tokenEndpoint());
        assertThat(salesforce.revocationSupported()).isTrue();
        assertThat(fake.discoveryCalls).hasValue(1);
    }

    @Test
    void theFakesApiAnswerIsAnInvalidTokenToAStandardProviderOnly() throws Exception {
        fake = new FakeOAuthServer(Mode.NO_REFRESH_TOKEN);
        OAuth2Provider provider = OAuth2Provider.builder().tokenEndpoint(fake.tokenEndpoint())
                .clientId(FakeOAuthServer.CLIENT_ID).clientSecret(FakeOAuthServer.CLIENT_SECRET).build();
        TokenResponse tokens = provider.refresh(fake.issueRefreshToken("ana@zylker.example", "api"));
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(fake.apiUri())
                .header("Authorization", provider.authorizationHeader(tokens.accessToken())).build(),
                HttpResponse.BodyHandlers.ofString());
        fake.expireAccessTokens();
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(fake.apiUri())
                .header("Authorization", provider.authorizationHeader(tokens.accessToken())).build(),
                HttpResponse.BodyHandlers.ofString());
        String challenge = refused.headers().firstValue("WWW-Authenticate").orElse(null);

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(provider.rejectsAccessToken(ok.statusCode(), null, ok.body())).isFalse();
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(provider.rejectsAccessToken(401, challenge, refused.body())).isTrue();
    }

    @Test
    void salesforceRefusesTheSessionInItsBody() {
        OAuth2Provider salesforce = client(ProviderPreset.SALESFORCE).build();
        String expired = "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]";

        assertThat(salesforce.rejectsAccessToken(401, null, expired)).isTrue();
        assertThat(salesforce.rejectsAccessToken(401, null, "[{\"errorCode\":\"API_DISABLED_FOR_ORG\"}]")).isFalse();
        assertThat(salesforce.rejectsAccessToken(401, null, null)).isTrue();
        assertThat(salesforce.rejectsAccessToken(403, null, expired)).isFalse();
        assertThat(salesforce.authorizationHeader("00D!x")).isEqualTo("Bearer 00D!x");
    }
}
