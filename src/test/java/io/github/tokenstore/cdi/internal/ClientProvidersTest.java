package io.github.tokenstore.cdi.internal;

import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.cdi.internal.ClientsConfig.ClientAuth;
import io.github.tokenstore.cdi.internal.ClientsConfig.ClientConfig;
import io.github.tokenstore.cdi.internal.ClientsConfig.Provider;
import io.github.tokenstore.cdi.internal.OAuthConfig.RefreshSettings;
import io.github.tokenstore.oauth.RefreshPolicy;
import io.github.tokenstore.oidc.OAuth2Provider;
import io.github.tokenstore.provider.OAuthProviders;
import io.github.tokenstore.testing.FakeOAuthServer;
import io.github.tokenstore.testing.FakeOAuthServer.Mode;
import io.github.tokenstore.testing.MutableClock;
import io.github.tokenstore.testing.TestClientKeys;
import io.github.tokenstore.zoho.ZohoProvider;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Every client's providers from its keys: which provider, which location, and no request at deployment. */
class ClientProvidersTest {

    private static ClientsConfig clients(String... keysAndValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        List<TokenStoreException> problems = new ArrayList<>();
        ClientsConfig read = ClientsConfig.read(k -> Optional.ofNullable(values.get(k)), values.keySet(), problems);
        assertThat(problems).isEmpty();
        return read;
    }

    @Test
    void aNamedZohoClientIsItsDataCenterAndAnOidcPresetIsDiscoveredOnlyWhenFirstUsed() throws IOException {
        try (FakeOAuthServer fake = new FakeOAuthServer(Mode.ROTATING_STRICT)) {
            ClientsConfig read = clients("tokenstore.default-client", "crm",
                    "tokenstore.clients.crm.provider", "zoho", "tokenstore.clients.crm.client-id", "1000.C",
                    "tokenstore.clients.crm.client-secret", "s", "tokenstore.clients.crm.data-center", "eu",
                    "tokenstore.clients.sf.provider", "salesforce", "tokenstore.clients.sf.issuer",
                    fake.url().toString(), "tokenstore.clients.sf.client-id", FakeOAuthServer.CLIENT_ID,
                    "tokenstore.clients.sf.client-secret", FakeOAuthServer.CLIENT_SECRET);
            List<TokenStoreException> problems = new ArrayList<>();

            Map<String, OAuthProviders> providers = ClientProviders.of(read, Clock.systemUTC(), problems);

            assertThat(problems).isEmpty();
            assertThat(providers).containsOnlyKeys("crm", "sf");
            assertThat(providers.get("crm").loginStart()).isInstanceOf(ZohoProvider.class);
            assertThat(providers.get("crm").loginStart().location()).isEqualTo("eu");
            assertThat(((ZohoProvider) providers.get("crm").loginStart()).accountsUrl())
                    .isEqualTo(URI.create("https://accounts.zoho.eu"));
            assertThat(providers.get("sf").loginStart()).isInstanceOf(OAuth2Provider.class);
            assertThat(providers.get("sf").loginStart().location()).isEqualTo("salesforce");
            assertThat(fake.discoveryCalls).hasValue(0);

            assertThat(((OAuth2Provider) providers.get("sf").loginStart()).tokenEndpoint())
                    .isEqualTo(fake.tokenEndpoint());
            assertThat(fake.discoveryCalls).hasValue(1);
        }
    }

    @Test
    void aPrivateKeyJwtClientSignsWithItsKeyAndTheLibrarysClock() throws IOException {
        KeyPair key = TestClientKeys.ec("secp256r1");
        try (FakeOAuthServer fake = new FakeOAuthServer(Mode.ROTATING_LENIENT)) {
            MutableClock clock = new MutableClock(Instant.parse("2026-12-03T12:00:00Z"));
            fake.clock = clock;
            fake.clientAuth = FakeOAuthServer.ClientAuth.PRIVATE_KEY_JWT;
            fake.clientPublicKey = key.getPublic();
            ClientsConfig read = clients("tokenstore.clients.crm.provider", "oauth2",
                    "tokenstore.clients.crm.token-url", fake.tokenEndpoint().toString(),
                    "tokenstore.clients.crm.client-id", FakeOAuthServer.CLIENT_ID,
                    "tokenstore.clients.crm.pkce", "false",
                    "tokenstore.clients.crm.client-key", TestClientKeys.pem(key.getPrivate()),
                    "tokenstore.clients.crm.client-key-id", "crm-1");
            List<TokenStoreException> problems = new ArrayList<>();

            OAuth2Provider crm = (OAuth2Provider) ClientProviders.of(read, clock, problems).get("crm").loginStart();

            assertThat(problems).isEmpty();
            assertThat(crm.clientAuth()).isEqualTo(OAuth2Provider.ClientAuth.PRIVATE_KEY_JWT);
            assertThat(crm.refresh(fake.issueRefreshToken("ana", "api")).accessToken()).startsWith("access-");
            assertThat(fake.assertionRefusals).isEmpty();
            assertThat(fake.assertions).singleElement().satisfies(a -> {
                assertThat(a.getHeader().getKeyID()).isEqualTo("crm-1");
                assertThat(a.getJWTClaimsSet().getIssueTime().toInstant()).isEqualTo(clock.instant());
            });
        }
    }

    @Test
    void aClientTheProvidersBuilderRefusesIsAProblemNamingIt_1121() {
        ClientConfig broken = new ClientConfig("crm", Provider.OAUTH2, null, null, null, null, "c", "s", null, null,
                null, List.of(), ClientAuth.CLIENT_SECRET_BASIC, true, null, RefreshPolicy.defaults(), null, null);
        ClientsConfig read = new ClientsConfig(null, Map.of("crm", broken), "crm", RefreshSettings.defaults(),
                LoginConfig.defaults(), List.of("crm"));
        List<TokenStoreException> problems = new ArrayList<>();

        Map<String, OAuthProviders> providers = ClientProviders.of(read, Clock.systemUTC(), problems);

        assertThat(providers).isEmpty();
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.messageId()).isEqualTo("TOKENSTORE-1121");
            assertThat(p).hasMessage("TOKENSTORE-1121: the OAuth client crm (provider oauth2) cannot be built: "
                    + "TOKENSTORE-1032: OAuth2Provider: neither a token endpoint nor an issuer is given; give "
                    + "tokenEndpoint, an issuer to discover it from, or a preset; check its tokenstore.clients.crm.* "
                    + "keys");
        });
    }
}
