package io.github.tokenstore.cdi.internal;

import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.cdi.internal.ClientsConfig.ClientAuth;
import io.github.tokenstore.cdi.internal.ClientsConfig.ClientConfig;
import io.github.tokenstore.cdi.internal.ClientsConfig.Provider;
import io.github.tokenstore.oauth.DataCenter;
import io.github.tokenstore.oauth.RefreshPolicy;
import io.github.tokenstore.oidc.ClientKey;
import io.github.tokenstore.testing.TestClientKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The named OAuth clients ({@code tokenstore.clients.<name>.*}) and the default client, read as the pure function
 * they are: key values and key names in, {@link ClientsConfig} and problems out, each problem with its ID and
 * whole message.
 */
class ClientsConfigTest {

    private static final String SECRET = "sf-s3cret-value";
    private static final String ZOHO_SECRET = "zoho-s3cret-value";

    @TempDir
    Path directory;

    private TokenStoreConfig read(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        all.putIfAbsent("tokenstore.store", "memory");
        return TokenStoreConfig.read(key -> Optional.ofNullable(all.get(key)), all.keySet(), directory, false);
    }

    private static Map<String, String> values(String... keysAndValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return values;
    }

    private static Map<String, String> salesforce(String... more) {
        Map<String, String> values = values("tokenstore.clients.salesforce.provider", "salesforce",
                "tokenstore.clients.salesforce.client-id", "3MVG9.sf", "tokenstore.clients.salesforce.client-secret",
                SECRET);
        values.putAll(values(more));
        return values;
    }

    /** A Microsoft client without a secret: what a client key is for. */
    private static Map<String, String> keyClient(String... more) {
        Map<String, String> values = values("tokenstore.clients.entra.provider", "microsoft",
                "tokenstore.clients.entra.client-id", "entra-app", "tokenstore.clients.entra.pkce", "false");
        values.putAll(values(more));
        return values;
    }

    private static Map<String, String> legacyZoho(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        all.put("tokenstore.oauth.client-id", "1000.ZOHO");
        all.put("tokenstore.oauth.client-secret", ZOHO_SECRET);
        return all;
    }

    private void assertOnlyProblem(Map<String, String> values, String id, String text) {
        List<TokenStoreException> problems = read(values).problems();
        assertThat(problems).extracting(Throwable::getMessage).containsExactly(id + ": " + text);
        assertThat(problems.get(0).messageId()).isEqualTo(id);
    }

    @Test
    void oneNamedClientIsTheDefaultAndGetsThePresetsDefaults() {
        TokenStoreConfig config = read(salesforce());

        assertThat(config.problems()).isEmpty();
        ClientsConfig clients = config.clients();
        assertThat(clients.names()).containsExactly("salesforce");
        assertThat(clients.defaultClient()).isEqualTo("salesforce");
        assertThat(clients.zoho()).isNull();
        assertThat(config.oauth()).isEmpty();
        ClientConfig sf = clients.named().get("salesforce");
        assertThat(sf.provider()).isEqualTo(Provider.SALESFORCE);
        assertThat(sf.clientId()).isEqualTo("3MVG9.sf");
        assertThat(sf.clientSecret()).isEqualTo(SECRET);
        assertThat(sf.tokenUrl()).isNull();
        assertThat(sf.issuer()).isNull();
        assertThat(sf.clientAuth()).isEqualTo(ClientAuth.CLIENT_SECRET_BASIC);
        assertThat(sf.pkce()).isTrue();
        assertThat(sf.policy()).isEqualTo(new RefreshPolicy(RefreshPolicy.DEFAULT_REFRESH_AHEAD,
                RefreshPolicy.DEFAULT_EXPIRY_SKEW, RefreshPolicy.DEFAULT_THROTTLE_BACK_OFF));
        assertThat(sf.dataCenter()).isNull();
    }

    @Test
    void endpointKeysOverrideAPresetSoATestCanPointItAtAFake() {
        ClientConfig sf = read(salesforce("tokenstore.clients.salesforce.token-url", "http://127.0.0.1:4711/token",
                "tokenstore.clients.salesforce.authorization-url", "http://localhost:4711/authorize?prompt=login",
                "tokenstore.clients.salesforce.revocation-url", "https://login.example.com/revoke",
                "tokenstore.clients.salesforce.issuer", "http://[::1]:4711",
                "tokenstore.clients.salesforce.scopes", "api refresh_token,openid",
                "tokenstore.clients.salesforce.redirect-uri", "https://app.example.com/tokenstore/callback/salesforce"))
                .clients().named().get("salesforce");

        assertThat(sf.tokenUrl()).isEqualTo(URI.create("http://127.0.0.1:4711/token"));
        assertThat(sf.authorizationUrl()).isEqualTo(URI.create("http://localhost:4711/authorize?prompt=login"));
        assertThat(sf.revocationUrl()).isEqualTo(URI.create("https://login.example.com/revoke"));
        assertThat(sf.issuer()).isEqualTo(URI.create("http://[::1]:4711"));
        assertThat(sf.scopes()).containsExactly("api", "refresh_token", "openid");
        assertThat(sf.redirectUri()).isEqualTo("https://app.example.com/tokenstore/callback/salesforce");
    }

    @Test
    void twoClientsBesideTheLegacyZohoClientWhichIsTheDefault() {
        Map<String, String> values = legacyZoho(salesforce("tokenstore.clients.entra.provider", "microsoft",
                "tokenstore.clients.entra.client-id", "entra-id", "tokenstore.clients.entra.client-secret", "x",
                "tokenstore.clients.entra.client-auth", "client_secret_post",
                "tokenstore.clients.entra.refresh-ahead", "PT10M"));
        values.put("tokenstore.oauth.refresh-ahead", "PT7M");
        values.put("tokenstore.oauth.expiry-skew", "PT1M");

        TokenStoreConfig config = read(values);

        assertThat(config.problems()).isEmpty();
        assertThat(config.clients().names()).containsExactly("zoho", "entra", "salesforce");
        assertThat(config.clients().defaultClient()).isEqualTo("zoho");
        assertThat(config.oauth()).get().extracting(OAuthConfig::clientId).isEqualTo("1000.ZOHO");
        ClientConfig entra = config.clients().named().get("entra");
        assertThat(entra.clientAuth()).isEqualTo(ClientAuth.CLIENT_SECRET_POST);
        // Its own refresh-ahead, the global expiry-skew, the default back-off.
        assertThat(entra.policy()).isEqualTo(new RefreshPolicy(Duration.ofMinutes(10), Duration.ofMinutes(1),
                RefreshPolicy.DEFAULT_THROTTLE_BACK_OFF));
        assertThat(config.clients().named().get("salesforce").policy().refreshAhead()).isEqualTo(Duration.ofMinutes(7));
    }

    @Test
    void theSharedRefreshKeysAloneDoNotMakeALegacyClientBesideNamedOnes() {
        Map<String, String> values = salesforce("tokenstore.clients.hub.provider", "hubspot",
                "tokenstore.clients.hub.client-id", "hub-id", "tokenstore.clients.hub.client-secret", "y",
                "tokenstore.default-client", "hub");
        values.put("tokenstore.oauth.refresh-lock", "jvm");
        values.put("tokenstore.oauth.connect-timeout", "PT2S");

        TokenStoreConfig config = read(values);

        assertThat(config.problems()).isEmpty();
        assertThat(config.clients().zoho()).isNull();
        assertThat(config.clients().defaultClient()).isEqualTo("hub");
        assertThat(config.clients().settings().refreshLock()).isEqualTo(OAuthConfig.LockMode.JVM);
        assertThat(config.clients().settings().connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.clients().named().get("hub").clientAuth()).isEqualTo(ClientAuth.CLIENT_SECRET_POST);
    }

    @Test
    void aPublicPkceClientNeedsNoSecret() {
        ClientConfig app = read(values("tokenstore.clients.app.provider", "oidc", "tokenstore.clients.app.client-id",
                "public-app", "tokenstore.clients.app.issuer", "https://idp.example.com/realms/x")).clients()
                .named().get("app");

        assertThat(app.clientSecret()).isNull();
        assertThat(app.clientAuth()).isEqualTo(ClientAuth.NONE);
        assertThat(app.pkce()).isTrue();
    }

    @Test
    void aNamedZohoClientHasItsDataCenterAndNoPkce() {
        ClientConfig eu = read(values("tokenstore.clients.zoho-eu.provider", "ZOHO",
                "tokenstore.clients.zoho-eu.client-id", "1000.EU", "tokenstore.clients.zoho-eu.client-secret", "z",
                "tokenstore.clients.zoho-eu.data-center", "eu",
                "tokenstore.clients.zoho-eu.accounts-url", "http://127.0.0.1:9/")).clients().named().get("zoho-eu");

        assertThat(eu.provider()).isEqualTo(Provider.ZOHO);
        assertThat(eu.dataCenter()).isEqualTo(DataCenter.EU);
        assertThat(eu.accountsUrl()).isEqualTo(URI.create("http://127.0.0.1:9/"));
        assertThat(eu.pkce()).isFalse();
        assertThat(eu.clientAuth()).isEqualTo(ClientAuth.CLIENT_SECRET_POST);
    }

    @Test
    void blankValuesCountAsUnset() {
        Map<String, String> values = salesforce("tokenstore.clients.gone.provider", " ",
                "tokenstore.clients.gone.client-id", "");

        assertThat(read(values).problems()).isEmpty();
        assertThat(read(values).clients().names()).containsExactly("salesforce");
    }

    @Test
    void toStringNeverShowsASecret() {
        TokenStoreConfig config = read(legacyZoho(salesforce()));

        assertThat(config.clients().toString()).doesNotContain(SECRET).doesNotContain(ZOHO_SECRET)
                .contains("clientSecret=(hidden)");
        assertThat(config.toString()).doesNotContain(SECRET).doesNotContain(ZOHO_SECRET).contains("salesforce");
    }

    @Test
    void keysAreRegisteredOncePerNamedClientKey() {
        assertThat(TokenStoreConfig.KEYS).contains("tokenstore.default-client",
                "tokenstore.clients.<name>.provider", "tokenstore.clients.<name>.token-url",
                "tokenstore.clients.<name>.client-auth", "tokenstore.clients.<name>.throttle-back-off")
                .doesNotHaveDuplicates();
    }

    // ---- one problem per ID ----

    @Test
    void anInvalidClientNameIs1100() {
        assertOnlyProblem(values("tokenstore.clients._bad.provider", "oidc"), "TOKENSTORE-1100",
                "tokenstore.clients._bad.provider: the client name '_bad' is not a letter or digit followed by up to 63 "
                        + "letters, digits, '_' or '-'; rename the client in all of its keys");
    }

    @Test
    void anUnknownClientKeyIs1101() {
        assertOnlyProblem(salesforce("tokenstore.clients.salesforce.client_id", "x"), "TOKENSTORE-1101",
                "tokenstore.clients.salesforce.client_id is not a key of a named client; the keys are "
                        + "tokenstore.clients.<name>.provider, .issuer, .authorization-url, .token-url, .revocation-url, "
                        + ".client-id, .client-secret, .scopes, .client-auth, .client-key, .client-key-id, "
                        + ".client-certificate, .pkce, .redirect-uri, .refresh-ahead, .expiry-skew, "
                        + ".throttle-back-off, .data-center, .accounts-url; correct its spelling or remove it");
    }

    @Test
    void aMissingProviderAndClientIdAre1102() {
        assertOnlyProblem(values("tokenstore.clients.sf.client-secret", SECRET), "TOKENSTORE-1102",
                "tokenstore.clients.sf.provider and tokenstore.clients.sf.client-id are not set, but other "
                        + "tokenstore.clients.sf.* keys are: a named client needs .provider and .client-id, and "
                        + ".token-url for provider oauth2 or .issuer for provider oidc; set them, or remove the "
                        + "client's keys");
    }

    @Test
    void oauth2WithoutTokenUrlAndOidcWithoutIssuerAre1102() {
        List<TokenStoreException> problems = read(values("tokenstore.clients.a.provider", "oauth2",
                "tokenstore.clients.a.client-id", "a", "tokenstore.clients.a.client-secret", "s",
                "tokenstore.clients.b.provider", "oidc", "tokenstore.clients.b.client-id", "b",
                "tokenstore.default-client", "a")).problems();

        assertThat(problems).extracting(Throwable::getMessage).allMatch(m -> m.startsWith("TOKENSTORE-1102: "))
                .anyMatch(m -> m.startsWith("TOKENSTORE-1102: tokenstore.clients.a.token-url is not set"))
                .anyMatch(m -> m.startsWith("TOKENSTORE-1102: tokenstore.clients.b.issuer is not set"))
                .hasSize(2);
    }

    @Test
    void anUnknownProviderIs1103() {
        assertOnlyProblem(salesforce("tokenstore.clients.salesforce.provider", "okta"), "TOKENSTORE-1103",
                "tokenstore.clients.salesforce.provider=okta is not one of zoho, oidc, oauth2, google, microsoft, "
                        + "salesforce, hubspot");
    }

    @Test
    void aKeyTheProviderDoesNotUseIs1104() {
        assertOnlyProblem(salesforce("tokenstore.clients.salesforce.data-center", "eu"), "TOKENSTORE-1104",
                "tokenstore.clients.salesforce.data-center is set, but provider salesforce does not use it; remove it");
        assertOnlyProblem(values("tokenstore.clients.z.provider", "zoho", "tokenstore.clients.z.client-id", "1000.Z",
                "tokenstore.clients.z.client-secret", "s", "tokenstore.clients.z.token-url", "https://x.example/t"),
                "TOKENSTORE-1104", "tokenstore.clients.z.token-url is set, but provider zoho does not use it; remove "
                        + "it; Zoho's endpoints come from tokenstore.clients.z.data-center or "
                        + "tokenstore.clients.z.accounts-url");
        assertOnlyProblem(values("tokenstore.clients.h.provider", "hubspot", "tokenstore.clients.h.client-id", "h",
                "tokenstore.clients.h.client-secret", "s", "tokenstore.clients.h.issuer", "https://x.example"),
                "TOKENSTORE-1104", "tokenstore.clients.h.issuer is set, but provider hubspot does not use it; remove "
                        + "it; give its endpoints");
    }

    @Test
    void plainHttpOffLoopbackAndUserInfoAre1105AndTheUserInfoIsNotShown() {
        assertOnlyProblem(salesforce("tokenstore.clients.salesforce.token-url", "http://login.example.com/token"),
                "TOKENSTORE-1105", "tokenstore.clients.salesforce.token-url=http://login.example.com/token is not an "
                        + "absolute https URL (http only on localhost, 127.0.0.1 or [::1]) with a host and without "
                        + "user info or fragment, e.g. https://login.example.com/oauth2/token");
        assertOnlyProblem(salesforce("tokenstore.clients.salesforce.issuer", "https://u:pw-s3cret@idp.example?x=1"),
                "TOKENSTORE-1105", "tokenstore.clients.salesforce.issuer=https://(hidden)@idp.example?x=1 is not an "
                        + "absolute https URL (http only on localhost, 127.0.0.1 or [::1]) with a host and without "
                        + "user info, query or fragment, e.g. https://login.example.com/oauth2/token");
    }

    @Test
    void anUnknownClientAuthIs1106() {
        assertOnlyProblem(salesforce("tokenstore.clients.salesforce.client-auth", "tls_client_auth"), "TOKENSTORE-1106",
                "tokenstore.clients.salesforce.client-auth=tls_client_auth is not one of client_secret_basic, "
                        + "client_secret_post, private_key_jwt");
    }

    @Test
    void privateKeyJwtWithoutAClientKeyIs1107() {
        assertOnlyProblem(keyClient("tokenstore.clients.entra.client-auth", "private_key_jwt"), "TOKENSTORE-1107",
                "tokenstore.clients.entra.client-auth=private_key_jwt, but tokenstore.clients.entra.client-key is not "
                        + "set; set it to the client's private key as PEM PKCS#8 (-----BEGIN PRIVATE KEY-----), the "
                        + "key whose public key the provider has");
    }

    @Test
    void aPkceThatIsNoBooleanIs1108() {
        assertOnlyProblem(salesforce("tokenstore.clients.salesforce.pkce", "S256"), "TOKENSTORE-1108",
                "tokenstore.clients.salesforce.pkce=S256 is neither true nor false");
    }

    @Test
    void noSecretOutsideAPublicPkceClientIs1109() {
        Map<String, String> values = salesforce("tokenstore.clients.salesforce.pkce", "false");
        values.remove("tokenstore.clients.salesforce.client-secret");
        assertOnlyProblem(values, "TOKENSTORE-1109", "tokenstore.clients.salesforce.client-secret is not set, and the "
                + "client is not a public PKCE client (tokenstore.clients.salesforce.pkce=false); set the client "
                + "secret, or for a public client leave .client-auth unset and .pkce on");
        values.remove("tokenstore.clients.salesforce.pkce");
        values.put("tokenstore.clients.salesforce.client-auth", "client_secret_post");
        assertOnlyProblem(values, "TOKENSTORE-1109", "tokenstore.clients.salesforce.client-secret is not set, and the "
                + "client is not a public PKCE client (tokenstore.clients.salesforce.client-auth=client_secret_post "
                + "sends a secret); set the client secret, or for a public client leave .client-auth unset and .pkce on");
        assertOnlyProblem(values("tokenstore.clients.z.provider", "zoho", "tokenstore.clients.z.client-id", "1000.Z"),
                "TOKENSTORE-1109", "tokenstore.clients.z.client-secret is not set, and the client is not a public "
                        + "PKCE client (provider zoho has no public clients); set the client secret, or for a public "
                        + "client leave .client-auth unset and .pkce on");
    }

    @Test
    void aScopeWithAQuoteIs1110() {
        assertOnlyProblem(salesforce("tokenstore.clients.salesforce.scopes", "api \"full\""), "TOKENSTORE-1110",
                "tokenstore.clients.salesforce.scopes=api \"full\" has a scope longer than 200 characters or with a "
                        + "quote or backslash; separate scopes with commas or spaces");
    }

    @Test
    void theLegacyKeysBesideANamedZohoClientAre1111() {
        assertOnlyProblem(legacyZoho(values("tokenstore.clients.zoho.provider", "zoho",
                "tokenstore.clients.zoho.client-id", "1000.Z")), "TOKENSTORE-1111",
                "the tokenstore.oauth.* keys (tokenstore.oauth.client-id, tokenstore.oauth.client-secret) and the "
                        + "tokenstore.clients.zoho.* keys (tokenstore.clients.zoho.client-id, "
                        + "tokenstore.clients.zoho.provider) both configure the client named zoho; keep one: move the "
                        + "tokenstore.oauth.* client keys to tokenstore.clients.zoho.*, or remove the "
                        + "tokenstore.clients.zoho.* keys");
    }

    @Test
    void anUnknownDefaultClientIs1112() {
        assertOnlyProblem(salesforce("tokenstore.default-client", "hubspot"), "TOKENSTORE-1112",
                "tokenstore.default-client=hubspot names no configured client; the clients are salesforce; set it to "
                        + "one of them");
    }

    @Test
    void twoNamedClientsWithoutADefaultAre1113() {
        assertOnlyProblem(salesforce("tokenstore.clients.google.provider", "google",
                "tokenstore.clients.google.client-id", "g", "tokenstore.clients.google.client-secret", "s"),
                "TOKENSTORE-1113", "2 OAuth clients are configured (google, salesforce) and tokenstore.default-client "
                        + "is not set; set it to the client of @CrmCall methods that name none, of @Inject "
                        + "TokenService, and of stored tokens without a client");
    }

    @Test
    void anotherDefaultBesideTheLegacyClientIs1114() {
        assertOnlyProblem(legacyZoho(salesforce("tokenstore.default-client", "salesforce")), "TOKENSTORE-1114",
                "tokenstore.default-client=salesforce, but the tokenstore.oauth.* keys configure the client zoho, "
                        + "which is then the default (tokens stored without a client are its); remove "
                        + "tokenstore.default-client or set it to zoho");
        assertThat(read(legacyZoho(salesforce("tokenstore.default-client", "zoho"))).problems()).isEmpty();
    }

    @Test
    void aDefaultClientWithoutClientsIs1115() {
        assertOnlyProblem(values("tokenstore.default-client", "zoho"), "TOKENSTORE-1115",
                "tokenstore.default-client=zoho is set, but no OAuth client is configured; configure "
                        + "tokenstore.clients.zoho.* or remove it");
    }

    @Test
    void anUnknownZohoDataCenterIs1116() {
        assertOnlyProblem(values("tokenstore.clients.z.provider", "zoho", "tokenstore.clients.z.client-id", "1000.Z",
                "tokenstore.clients.z.client-secret", "s", "tokenstore.clients.z.data-center", "mars"),
                "TOKENSTORE-1116", "tokenstore.clients.z.data-center=mars is not one of us, eu, in, au, jp, cn, ca, sa, "
                        + "uk; or set the client's .accounts-url");
    }

    @Test
    void pkceOnAZohoClientIs1117() {
        assertOnlyProblem(values("tokenstore.clients.z.provider", "zoho", "tokenstore.clients.z.client-id", "1000.Z",
                "tokenstore.clients.z.client-secret", "s", "tokenstore.clients.z.pkce", "true"),
                "TOKENSTORE-1117", "tokenstore.clients.z.pkce=true, but provider zoho is used without PKCE here; "
                        + "remove it");
    }

    @Test
    void aPerClientDurationNamesItsOwnKey() {
        assertOnlyProblem(salesforce("tokenstore.clients.salesforce.expiry-skew", "PT10M"), "TOKENSTORE-0502",
                "tokenstore.clients.salesforce.refresh-ahead=PT5M: it must be at least "
                        + "tokenstore.clients.salesforce.expiry-skew (PT10M)");
        assertOnlyProblem(salesforce("tokenstore.clients.salesforce.throttle-back-off", "soon"), "TOKENSTORE-0501",
                "tokenstore.clients.salesforce.throttle-back-off=soon is not an ISO-8601 duration, e.g. PT5M or PT30S");
    }

    @Test
    void everyProblemIsReportedAtOnceAndNoneShowsASecret() {
        Map<String, String> values = salesforce("tokenstore.clients.salesforce.client-auth", "private_key_jwt",
                "tokenstore.clients.salesforce.pkce", "maybe", "tokenstore.clients.hub.provider", "hubspot",
                "tokenstore.clients.hub.client-secret", SECRET, "tokenstore.clients.hub.token-url", "ftp://x",
                "tokenstore.default-client", "nobody");

        List<TokenStoreException> problems = read(values).problems();

        assertThat(problems).extracting(TokenStoreException::messageId).containsExactly("TOKENSTORE-1102",
                "TOKENSTORE-1105", "TOKENSTORE-1108", "TOKENSTORE-1128", "TOKENSTORE-1107", "TOKENSTORE-1112");
        assertThat(problems).extracting(Throwable::getMessage).noneMatch(m -> m.contains(SECRET));
    }

    // ---- private_key_jwt ----

    @Test
    void aPrivateKeyJwtClientHasItsKeyKeyIdAndCertificateAndNoSecret() {
        ClientConfig entra = read(keyClient("tokenstore.clients.entra.client-auth", "private_key_jwt",
                "tokenstore.clients.entra.client-key", TestClientKeys.RSA_KEY_PEM,
                "tokenstore.clients.entra.client-key-id", " cert-2026 ",
                "tokenstore.clients.entra.client-certificate", TestClientKeys.RSA_CERTIFICATE_PEM)).clients().named()
                .get("entra");

        assertThat(entra.clientAuth()).isEqualTo(ClientAuth.PRIVATE_KEY_JWT);
        assertThat(entra.clientSecret()).isNull();
        assertThat(entra.clientKey().getEncoded())
                .isEqualTo(ClientKey.parsePrivateKey(TestClientKeys.RSA_KEY_PEM).getEncoded());
        assertThat(entra.clientKeyId()).isEqualTo("cert-2026");
        assertThat(entra.clientCertificate())
                .isEqualTo(ClientKey.parseCertificate(TestClientKeys.RSA_CERTIFICATE_PEM));
        assertThat(entra.toString()).contains("clientKey=(hidden), clientKeyId=cert-2026, clientCertificate=(given)");
        assertNoPem(List.of(entra.toString()));
    }

    @Test
    void aClientKeyAloneMeansPrivateKeyJwt() {
        TokenStoreConfig config = read(keyClient("tokenstore.clients.entra.client-key",
                TestClientKeys.pem(TestClientKeys.ec("secp256r1").getPrivate())));

        assertThat(config.problems()).isEmpty();
        assertThat(config.clients().named().get("entra").clientAuth()).isEqualTo(ClientAuth.PRIVATE_KEY_JWT);
        assertThat(config.clients().named().get("entra").clientKeyId()).isNull();
    }

    @Test
    void aKeyThatIsNotPemPkcs8Is1124() {
        String pkcs1 = TestClientKeys.pem("RSA PRIVATE KEY", new byte[] {48, 3, 2, 1, 0});
        assertOnlyProblem(keyClient("tokenstore.clients.entra.client-key", pkcs1), "TOKENSTORE-1124",
                "tokenstore.clients.entra.client-key is a PKCS#1 RSA key (BEGIN RSA PRIVATE KEY), not PKCS#8; "
                        + "convert it with: openssl pkey -in key.pem -out key-pkcs8.pem; give the client's private "
                        + "key as PEM PKCS#8 (-----BEGIN PRIVATE KEY-----)");
        assertOnlyProblem(keyClient("tokenstore.clients.entra.client-key", "/etc/keys/entra.pem"), "TOKENSTORE-1124",
                "tokenstore.clients.entra.client-key has no PEM block (-----BEGIN PRIVATE KEY----- … -----END "
                        + "PRIVATE KEY-----); give the client's private key as PEM PKCS#8 (-----BEGIN PRIVATE "
                        + "KEY-----)");
    }

    @Test
    void aKeyOfAnotherTypeOrCurveOrTooShortIs1125() {
        assertOnlyProblem(keyClient("tokenstore.clients.entra.client-key",
                TestClientKeys.pem(TestClientKeys.rsa(1024).getPrivate())), "TOKENSTORE-1125",
                "tokenstore.clients.entra.client-key is an RSA key of 1024 bits, fewer than 2048; private_key_jwt "
                        + "signs with an RSA key of at least 2048 bits (RS256) or an EC P-256 key (ES256)");
        assertOnlyProblem(keyClient("tokenstore.clients.entra.client-key",
                TestClientKeys.pem(TestClientKeys.ec("secp384r1").getPrivate())), "TOKENSTORE-1125",
                "tokenstore.clients.entra.client-key is an EC key on the curve P-384, not P-256; private_key_jwt "
                        + "signs with an RSA key of at least 2048 bits (RS256) or an EC P-256 key (ES256)");
        assertOnlyProblem(keyClient("tokenstore.clients.entra.client-key",
                TestClientKeys.pem(TestClientKeys.of("Ed25519").getPrivate())), "TOKENSTORE-1125",
                "tokenstore.clients.entra.client-key is a key of type EdDSA, not RSA or EC; private_key_jwt signs "
                        + "with an RSA key of at least 2048 bits (RS256) or an EC P-256 key (ES256)");
    }

    @Test
    void aCertificateThatDoesNotParseIs1126() {
        assertOnlyProblem(keyClient("tokenstore.clients.entra.client-key", TestClientKeys.RSA_KEY_PEM,
                "tokenstore.clients.entra.client-certificate", TestClientKeys.pem("CERTIFICATE", new byte[] {48, 0})),
                "TOKENSTORE-1126", "tokenstore.clients.entra.client-certificate is a CERTIFICATE block that is not "
                        + "an X.509 certificate (damaged or cut); give the client key's X.509 certificate as PEM "
                        + "(-----BEGIN CERTIFICATE-----), or remove it");
    }

    @Test
    void aCertificateOfAnotherKeyIs1127() {
        assertOnlyProblem(keyClient("tokenstore.clients.entra.client-key", TestClientKeys.RSA_KEY_PEM,
                "tokenstore.clients.entra.client-certificate", TestClientKeys.EC_CERTIFICATE_PEM),
                "TOKENSTORE-1127", "tokenstore.clients.entra.client-certificate holds a public key of type EC, but "
                        + "the key is of type RSA (tokenstore.clients.entra.client-key); give the certificate of that "
                        + "key, as registered with the provider");
        assertOnlyProblem(keyClient("tokenstore.clients.entra.client-key",
                TestClientKeys.pem(TestClientKeys.rsa().getPrivate()),
                "tokenstore.clients.entra.client-certificate", TestClientKeys.RSA_CERTIFICATE_PEM),
                "TOKENSTORE-1127", "tokenstore.clients.entra.client-certificate holds another public key than the "
                        + "key's (tokenstore.clients.entra.client-key); give the certificate of that key, as "
                        + "registered with the provider");
    }

    @Test
    void aSecretBesideTheKeyIs1128() {
        assertOnlyProblem(keyClient("tokenstore.clients.entra.client-key", TestClientKeys.EC_KEY_PEM,
                "tokenstore.clients.entra.client-secret", SECRET), "TOKENSTORE-1128",
                "tokenstore.clients.entra.client-secret is set, but the client authenticates with its key "
                        + "(private_key_jwt, tokenstore.clients.entra.client-key), so the secret would never be "
                        + "sent; remove it");
    }

    @Test
    void keyKeysWithAnotherClientAuthenticationAre1129() {
        assertOnlyProblem(salesforce("tokenstore.clients.salesforce.client-auth", "client_secret_post",
                "tokenstore.clients.salesforce.client-key", TestClientKeys.EC_KEY_PEM), "TOKENSTORE-1129",
                "tokenstore.clients.salesforce.client-key is set, but the client does not authenticate with "
                        + "private_key_jwt (tokenstore.clients.salesforce.client-auth=client_secret_post); set "
                        + "tokenstore.clients.salesforce.client-key with tokenstore.clients.salesforce.client-auth "
                        + "unset or private_key_jwt, or remove it");
        assertOnlyProblem(salesforce("tokenstore.clients.salesforce.client-key-id", "k1"), "TOKENSTORE-1129",
                "tokenstore.clients.salesforce.client-key-id is set, but the client does not authenticate with "
                        + "private_key_jwt (tokenstore.clients.salesforce.client-key is not set); set "
                        + "tokenstore.clients.salesforce.client-key with tokenstore.clients.salesforce.client-auth "
                        + "unset or private_key_jwt, or remove it");
    }

    @Test
    void aZohoClientHasNoKey1104() {
        assertOnlyProblem(values("tokenstore.clients.z.provider", "zoho", "tokenstore.clients.z.client-id", "1000.Z",
                "tokenstore.clients.z.client-secret", "s",
                "tokenstore.clients.z.client-key", TestClientKeys.EC_KEY_PEM),
                "TOKENSTORE-1104", "tokenstore.clients.z.client-key is set, but provider zoho does not use it; remove "
                        + "it; Zoho's endpoints come from tokenstore.clients.z.data-center or "
                        + "tokenstore.clients.z.accounts-url");
    }

    @Test
    void everyKeyProblemIsReportedAtOnceAndNoneHoldsAnyPartOfAPem() {
        String damaged = TestClientKeys.RSA_KEY_PEM.substring(0, 300) + "\n-----END PRIVATE KEY-----\n";
        Map<String, String> values = keyClient("tokenstore.clients.entra.client-key", damaged,
                "tokenstore.clients.entra.client-certificate", TestClientKeys.EC_KEY_PEM,
                "tokenstore.clients.entra.client-secret", SECRET,
                "tokenstore.clients.short.provider", "oauth2", "tokenstore.clients.short.client-id", "s",
                "tokenstore.clients.short.token-url", "https://idp.example/token",
                "tokenstore.clients.short.client-auth", "private_key_jwt",
                "tokenstore.clients.short.client-key", TestClientKeys.pem(TestClientKeys.rsa(1024).getPrivate()),
                "tokenstore.clients.short.client-certificate", TestClientKeys.RSA_CERTIFICATE_PEM,
                "tokenstore.default-client", "entra");

        TokenStoreConfig config = read(values);

        assertThat(config.problems()).extracting(TokenStoreException::messageId).containsExactly("TOKENSTORE-1128",
                "TOKENSTORE-1124", "TOKENSTORE-1126", "TOKENSTORE-1125");
        List<String> shown = new ArrayList<>(config.problems().stream().map(Throwable::getMessage).toList());
        shown.add(config.toString());
        shown.add(config.clients().toString());
        assertNoPem(shown);
        assertThat(shown).noneMatch(m -> m.contains(SECRET));
    }

    /** No line of any PEM body of the tests, nor 16 characters of one, is in any of the texts. */
    private static void assertNoPem(List<String> texts) {
        for (String pem : List.of(TestClientKeys.RSA_KEY_PEM, TestClientKeys.EC_KEY_PEM,
                TestClientKeys.RSA_CERTIFICATE_PEM, TestClientKeys.EC_CERTIFICATE_PEM)) {
            pem.lines().filter(l -> !l.startsWith("-----")).map(l -> l.substring(0, Math.min(16, l.length())))
                    .forEach(part -> assertThat(texts).noneMatch(t -> t.contains(part)));
        }
    }
}
