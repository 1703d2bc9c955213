package io.github.tokenstore.zoho;

import io.github.tokenstore.oauth.DataCenter;
import io.github.tokenstore.oauth.ZohoAccountsClient;
import io.github.tokenstore.provider.OAuthProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which data center serves a token and a callback: the allow-list of {@code accounts-server}. */
class ZohoDataCentersTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC);

    private static ZohoProvider provider(DataCenter dc, String secret) {
        return new ZohoProvider(dc.location(), ZohoAccountsClient.builder().dataCenter(dc).clientId("1000.CLIENT")
                .clientSecret(secret).redirectUri("https://app.example/tokenstore/callback").build(), List.of(), CLOCK);
    }

    private static ZohoDataCenters usAndEu() {
        Map<DataCenter, ZohoProvider> allowed = new LinkedHashMap<>();
        allowed.put(DataCenter.US, provider(DataCenter.US, "us-secret"));
        allowed.put(DataCenter.EU, provider(DataCenter.EU, "eu-secret"));
        return new ZohoDataCenters(DataCenter.US, allowed);
    }

    private static Optional<OAuthProvider> callback(String server, String location) {
        return usAndEu().forCallback(Map.of("accounts-server", server == null ? "" : server,
                "location", location == null ? "" : location).entrySet().stream()
                .filter(e -> !e.getValue().isEmpty())
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))::get);
    }

    @Test
    void aCallbackWithoutServerOrLocationGoesToTheDefaultDataCenter() {
        assertThat(callback(null, null)).get().extracting(OAuthProvider::location).isEqualTo("us");
    }

    @Test
    void theEuAccountsServerOfAMultiDcCallbackIsAccepted() {
        assertThat(callback("https://accounts.zoho.eu", "eu")).get().extracting(OAuthProvider::location)
                .isEqualTo("eu");
        assertThat(callback("https://accounts.zoho.eu", null)).get().extracting(OAuthProvider::location)
                .isEqualTo("eu");
        assertThat(callback(null, "eu")).get().extracting(OAuthProvider::location).isEqualTo("eu");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://accounts.zoho.eu/", "https://accounts.zoho.eu:443"})
    void theSameServerWrittenWithATrailingSlashOrItsDefaultPortIsAccepted(String server) {
        assertThat(callback(server, "eu")).get().extracting(OAuthProvider::location).isEqualTo("eu");
    }

    /** The corpus and more: each is refused, whatever location comes with it. */
    @ParameterizedTest
    @ValueSource(strings = {
        "https://evil.example",
        "https://accounts.zoho.in",
        "https://accounts.zoho.eu@evil.example",
        "https://accounts.zoho.com@evil.example",
        "https://user:pw@accounts.zoho.eu",
        "https://accounts.zoho.eu.evil.test",
        "https://accounts.zoho.com.evil.test",
        "https://evilaccounts.zoho.eu",
        "https://accounts.zoho.eu.",
        "https://accounts.zoho.eu:8443",
        "https://accounts.zoho.eu:444",
        "http://accounts.zoho.eu",
        "HTTPS://accounts.zoho.eu",
        "https://ACCOUNTS.ZOHO.EU",
        "https://Accounts.Zoho.Eu",
        "https://accounts.zoho.eu/evil",
        "https://accounts.zoho.eu/../evil",
        "https://accounts.zoho.eu//",
        "https://accounts.zoho.eu/?x=1",
        "https://accounts.zoho.eu#frag",
        "https://accounts.zoho.eu%2eevil.test",
        "https://accounts%2ezoho%2eeu",
        "https%3A%2F%2Faccounts.zoho.eu",
        "//accounts.zoho.eu",
        "accounts.zoho.eu",
        "https:accounts.zoho.eu",
        "https:/accounts.zoho.eu",
        " https://accounts.zoho.eu",
        "https://accounts.zoho.eu ",
        "https://accounts.zoho.eu\\@evil.example",
        "https://[::1]",
        "https://127.0.0.1",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "",
    })
    void anAccountsServerThatIsNotExactlyAnAllowedOneIsRefused(String server) {
        assertThat(usAndEu().allowedServer(server)).isEmpty();
        assertThat(callback(server.isEmpty() ? "x" : server, "eu")).isEmpty();
        assertThat(callback(server.isEmpty() ? "x" : server, null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"in", "EU", "Eu", "xx", "eu ", "us,eu", "../eu", "e%75"})
    void aLocationThatIsNotExactlyAnAllowedOneIsRefused(String location) {
        assertThat(callback(null, location)).isEmpty();
    }

    @Test
    void aServerAndALocationOfDifferentDataCentersAreRefused() {
        assertThat(callback("https://accounts.zoho.eu", "us")).isEmpty();
        assertThat(callback("https://accounts.zoho.com", "eu")).isEmpty();
    }

    @Test
    void tokensGoToTheirOwnDataCenterNullMeaningTheDefault() {
        ZohoDataCenters dcs = usAndEu();
        assertThat(dcs.forLocation(null)).get().extracting(OAuthProvider::location).isEqualTo("us");
        assertThat(dcs.forLocation("eu")).get().extracting(OAuthProvider::location).isEqualTo("eu");
        assertThat(dcs.forLocation("in")).isEmpty();
        assertThat(dcs.loginStart().location()).isEqualTo("us");
    }

    @Test
    void theDefaultDataCenterMustBeAllowed() {
        assertThatThrownBy(() -> new ZohoDataCenters(DataCenter.EU, Map.of(DataCenter.US,
                provider(DataCenter.US, "s")))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theAuthorizeUriCarriesEveryParameterTheScopesCommaSeparated() {
        ZohoProvider p = new ZohoProvider("us", ZohoAccountsClient.builder().clientId("1000.CLIENT")
                .clientSecret("s").redirectUri("https://app.example/tokenstore/callback").build(),
                List.of("ZohoCRM.modules.ALL", "ZohoCRM.settings.READ"), CLOCK);

        URI uri = p.authorizationUri(new io.github.tokenstore.provider.AuthorizationRequest("S", "N", "a@b.example",
                false));
        URI consent = p.authorizationUri(new io.github.tokenstore.provider.AuthorizationRequest("S", "N", null,
                true));

        assertThat(uri.toString()).isEqualTo("https://accounts.zoho.com/oauth/v2/auth?client_id=1000.CLIENT"
                + "&response_type=code&redirect_uri=https%3A%2F%2Fapp.example%2Ftokenstore%2Fcallback"
                + "&scope=ZohoCRM.modules.ALL%2CZohoCRM.settings.READ%2Copenid%2Cemail&access_type=offline"
                + "&state=S&nonce=N&login_hint=a%40b.example");
        assertThat(consent.getRawQuery()).endsWith("&state=S&nonce=N&prompt=consent").doesNotContain("login_hint");
        assertThat(p.toString()).doesNotContain("\"s\"").contains("clientId=1000.CLIENT");
        assertThat(p.authorizationHeader("A-1")).isEqualTo("Zoho-oauthtoken A-1");
    }
}
