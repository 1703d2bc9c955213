package io.github.tokenstore.cdi.internal;

import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.oauth.DataCenter;
import io.github.tokenstore.oauth.RefreshPolicy;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class OAuthConfigTest {

    private final List<TokenStoreException> problems = new ArrayList<>();

    private Optional<OAuthConfig> read(Map<String, String> values) {
        return OAuthConfig.read(key -> Optional.ofNullable(values.get(key)), problems);
    }

    @Test
    void noOAuthKeyMeansNoClientAndNoProblem() {
        assertThat(read(Map.of())).isEmpty();
        assertThat(problems).isEmpty();
    }

    @Test
    void aClientIdAndSecretAreEnoughTheRestHasDefaults() {
        OAuthConfig config = read(Map.of(OAuthConfig.CLIENT_ID, " 1000.CLIENT ", OAuthConfig.CLIENT_SECRET, "s3cret"))
                .orElseThrow();

        assertThat(problems).isEmpty();
        assertThat(config.clientId()).isEqualTo("1000.CLIENT");
        assertThat(config.dataCenter()).isEqualTo(DataCenter.US);
        assertThat(config.accountsUrl()).isNull();
        assertThat(config.policy()).isEqualTo(RefreshPolicy.defaults());
        assertThat(config.refreshLock()).isEqualTo(OAuthConfig.LockMode.AUTO);
        assertThat(config.refreshLockWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void everyKeyIsReadCaseAndSpacesIgnoredForNames() {
        OAuthConfig config = read(Map.ofEntries(Map.entry(OAuthConfig.CLIENT_ID, "1000.CLIENT"),
                Map.entry(OAuthConfig.CLIENT_SECRET, "s3cret"),
                Map.entry(OAuthConfig.REDIRECT_URI, "https://app.example/cb"),
                Map.entry(OAuthConfig.DATA_CENTER, " eu "),
                Map.entry(OAuthConfig.ACCOUNTS_URL, "http://127.0.0.1:8089/"),
                Map.entry(OAuthConfig.REFRESH_AHEAD, "PT10M"), Map.entry(OAuthConfig.EXPIRY_SKEW, "PT1M"),
                Map.entry(OAuthConfig.THROTTLE_BACK_OFF, "PT2M"), Map.entry(OAuthConfig.REFRESH_LOCK, "JVM"),
                Map.entry(OAuthConfig.REFRESH_LOCK_WAIT, "PT5S"), Map.entry(OAuthConfig.CONNECT_TIMEOUT, "PT1S"),
                Map.entry(OAuthConfig.REQUEST_TIMEOUT, "PT3S"))).orElseThrow();

        assertThat(problems).isEmpty();
        assertThat(config.redirectUri()).isEqualTo("https://app.example/cb");
        assertThat(config.dataCenter()).isEqualTo(DataCenter.EU);
        assertThat(config.accountsUrl()).isEqualTo(URI.create("http://127.0.0.1:8089/"));
        assertThat(config.policy()).isEqualTo(new RefreshPolicy(Duration.ofMinutes(10), Duration.ofMinutes(1),
                Duration.ofMinutes(2)));
        assertThat(config.refreshLock()).isEqualTo(OAuthConfig.LockMode.JVM);
        assertThat(config.refreshLockWait()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.client().accountsUrl()).isEqualTo(URI.create("http://127.0.0.1:8089"));
    }

    @Test
    void theSecretIsNeverInToString() {
        OAuthConfig config = read(Map.of(OAuthConfig.CLIENT_ID, "1000.CLIENT", OAuthConfig.CLIENT_SECRET,
                "s3cret")).orElseThrow();

        assertThat(config.toString()).doesNotContain("s3cret").contains("clientSecret=(hidden)");
    }

    @Test
    void everyProblemIsCollectedAndNoConfigComesOut() {
        Optional<OAuthConfig> config = read(Map.of(OAuthConfig.DATA_CENTER, "MARS", OAuthConfig.EXPIRY_SKEW, "-PT1S",
                OAuthConfig.REQUEST_TIMEOUT, "later"));

        assertThat(config).isEmpty();
        assertThat(problems).extracting(TokenStoreException::messageId).containsExactly("TOKENSTORE-0505",
                "TOKENSTORE-0500", "TOKENSTORE-0501", "TOKENSTORE-0502");
    }

    @Test
    void eachDataCenterGetsItsOwnSecretAndAccountsServerAndNoSecretIsShown() {
        OAuthConfig config = read(Map.of(OAuthConfig.CLIENT_ID, "1000.CLIENT", OAuthConfig.CLIENT_SECRET, "common-s3cret",
                OAuthConfig.DATA_CENTERS, "US, eu,UK", "tokenstore.oauth.client-secret.eu", "eu-s3cret",
                OAuthConfig.ACCOUNTS_URL, "http://127.0.0.1:8089", "tokenstore.oauth.accounts-url.eu",
                "http://127.0.0.1:8090/eu", OAuthConfig.SCOPES, "ZohoCRM.modules.ALL, ZohoCRM.settings.READ"))
                .orElseThrow();

        assertThat(problems).isEmpty();
        assertThat(config.dataCenters()).containsExactly(DataCenter.US, DataCenter.EU, DataCenter.UK);
        assertThat(config.scopes()).containsExactly("ZohoCRM.modules.ALL", "ZohoCRM.settings.READ");
        assertThat(config.client(DataCenter.US).accountsUrl()).isEqualTo(URI.create("http://127.0.0.1:8089"));
        assertThat(config.client(DataCenter.EU).accountsUrl()).isEqualTo(URI.create("http://127.0.0.1:8090/eu"));
        assertThat(config.client(DataCenter.UK).accountsUrl()).isEqualTo(URI.create("https://accounts.zoho.uk"));
        var providers = config.providers(java.time.Clock.systemUTC());
        assertThat(providers.allowed().keySet()).containsExactly(DataCenter.US, DataCenter.EU, DataCenter.UK);
        assertThat(providers.loginStart().location()).isEqualTo("us");
        assertThat(config.toString()).doesNotContain("s3cret").contains("clientSecrets=[EU](hidden)");
        assertThat(providers.toString() + providers.allowed().values()).doesNotContain("s3cret");
    }
}
