package io.github.tokenstore.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.X509CertUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.tokenstore.OAuthProviderException;
import io.github.tokenstore.oauth.TokenResponse;
import io.github.tokenstore.provider.Pkce;
import io.github.tokenstore.provider.ProviderError;
import io.github.tokenstore.testing.FakeOAuthServer;
import io.github.tokenstore.testing.FakeOAuthServer.ClientAuth;
import io.github.tokenstore.testing.FakeOAuthServer.Mode;
import io.github.tokenstore.testing.MutableClock;
import io.github.tokenstore.testing.TestClientKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link OAuth2Provider} with {@code private_key_jwt} (RFC 7523) against the fake provider, which verifies each
 * assertion as a provider does (signature, {@code iss}, {@code sub}, {@code aud}, {@code exp}, a {@code jti}
 * used once): grant, refresh and revocation with an RSA and an EC key, a wrong key, a wrong clock, a replay,
 * the {@code kid} and {@code x5t#S256} headers, and the builder's refusals.
 */
class PrivateKeyJwtTest {

    private static final String REDIRECT = "https://app.example/tokenstore/callback";
    private static final String USER = "ana@zylker.example";
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private FakeOAuthServer fake;

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.close();
        }
    }

    private FakeOAuthServer start(KeyPair registered) throws IOException {
        fake = new FakeOAuthServer(Mode.ROTATING_STRICT);
        fake.clock = clock;
        fake.clientAuth = ClientAuth.PRIVATE_KEY_JWT;
        fake.clientPublicKey = registered.getPublic();
        return fake;
    }

    private OAuth2Provider.Builder client(PrivateKey key) {
        return OAuth2Provider.builder().authorizationEndpoint(fake.authorizationEndpoint())
                .tokenEndpoint(fake.tokenEndpoint()).revocationEndpoint(fake.revocationEndpoint())
                .clientId(FakeOAuthServer.CLIENT_ID).clientKey(key).redirectUri(REDIRECT).clock(clock);
    }

    private static KeyPair pair(String type) {
        return type.equals("RSA") ? TestClientKeys.rsa() : TestClientKeys.ec("secp256r1");
    }

    private TokenResponse login(OAuth2Provider provider) {
        Pkce pkce = Pkce.create();
        return provider.exchangeCode(fake.issueCode(USER, REDIRECT, "api", pkce.challenge(), null), pkce.verifier());
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA", "EC"})
    void grantRefreshAndRevocationAuthenticateWithAFreshAssertionEach(String type) throws Exception {
        KeyPair key = pair(type);
        start(key);
        OAuth2Provider provider = client(key.getPrivate()).build();

        TokenResponse tokens = login(provider);
        TokenResponse refreshed = provider.refresh(tokens.refreshToken());
        provider.revoke(refreshed.refreshToken());

        assertThat(provider.clientAuth()).isEqualTo(OAuth2Provider.ClientAuth.PRIVATE_KEY_JWT);
        assertThat(fake.isAlive(refreshed.refreshToken())).isFalse();
        assertThat(fake.assertionRefusals).isEmpty();
        assertThat(fake.tokenAuthorizations).containsOnlyNulls();
        assertThat(fake.tokenForms).allSatisfy(form -> assertThat(form).doesNotContainKey("client_secret")
                .containsEntry("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"));
        List<SignedJWT> assertions = fake.assertions;
        assertThat(assertions).hasSize(3);
        JWSAlgorithm alg = type.equals("RSA") ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256;
        assertThat(assertions).allSatisfy(a -> assertThat(a.getHeader().getAlgorithm()).isEqualTo(alg));
        List<JWTClaimsSet> claims = assertions.stream().map(PrivateKeyJwtTest::claims).toList();
        assertThat(claims).extracting(JWTClaimsSet::getAudience).containsExactly(
                List.of(fake.tokenEndpoint().toString()), List.of(fake.tokenEndpoint().toString()),
                List.of(fake.revocationEndpoint().toString()));
        assertThat(claims).allSatisfy(c -> {
            assertThat(c.getIssuer()).isEqualTo(FakeOAuthServer.CLIENT_ID);
            assertThat(c.getSubject()).isEqualTo(FakeOAuthServer.CLIENT_ID);
            assertThat(c.getIssueTime()).isEqualTo(Date.from(NOW));
            assertThat(c.getExpirationTime()).isEqualTo(Date.from(NOW.plus(ClientKey.ASSERTION_LIFETIME)));
        });
        assertThat(claims.stream().map(JWTClaimsSet::getJWTID).collect(Collectors.toSet())).hasSize(3);
    }

    @Test
    void aKeyTheProviderDoesNotHaveIsItsInvalidClient1041() throws IOException {
        start(TestClientKeys.ec("secp256r1"));
        OAuth2Provider provider = client(TestClientKeys.ec("secp256r1").getPrivate()).build();
        String refresh = fake.issueRefreshToken(USER, "api");

        OAuthProviderException e = catchThrowableOfType(OAuthProviderException.class, () -> provider.refresh(refresh));

        assertThat(e.messageId()).isEqualTo("TOKENSTORE-1041");
        assertThat(provider.classify(e)).isEqualTo(ProviderError.INVALID_CLIENT);
        assertThat(e).hasMessage("TOKENSTORE-1041: the provider " + provider + " refused the token refresh with "
                + "invalid_client: the client id, secret or key is wrong, or the client may not use this client "
                + "authentication (client_secret_basic, client_secret_post or private_key_jwt); check the client's "
                + "configuration");
        assertThat(fake.assertionRefusals).containsExactly("bad signature");
        assertThat(fake.invalidClients).hasValue(1);
    }

    @Test
    void aKeyOfAnotherTypeThanTheRegisteredOneIsRefused() throws IOException {
        start(TestClientKeys.ec("secp256r1"));
        OAuth2Provider provider = client(TestClientKeys.rsa().getPrivate()).build();

        assertThatThrownBy(() -> provider.revoke("refresh-1")).hasMessageStartingWith("TOKENSTORE-1041: ");
        assertThat(fake.assertionRefusals).containsExactly("alg RS256 does not fit the registered key");
    }

    @Test
    void theAssertionsTimeIsTheProvidersClock() throws IOException {
        KeyPair key = TestClientKeys.ec("secp256r1");
        start(key);
        MutableClock behind = new MutableClock(NOW.minus(Duration.ofMinutes(6)));
        OAuth2Provider late = client(key.getPrivate()).clock(behind).build();
        String refresh = fake.issueRefreshToken(USER, "api");

        assertThatThrownBy(() -> late.refresh(refresh)).hasMessageStartingWith("TOKENSTORE-1041: ");
        behind.advance(Duration.ofMinutes(2));

        assertThat(late.refresh(refresh).accessToken()).startsWith("access-");
        assertThat(fake.assertionRefusals).containsExactly("expired");
        assertThat(claims(fake.assertions.get(0)).getIssueTime())
                .isEqualTo(Date.from(NOW.minus(Duration.ofMinutes(4))));
    }

    @Test
    void theFakeRefusesAReplayedAssertion() throws Exception {
        KeyPair key = TestClientKeys.ec("secp256r1");
        start(key);
        OAuth2Provider provider = client(key.getPrivate()).build();
        String refresh = fake.issueRefreshToken(USER, "api");
        provider.refresh(refresh);
        Map<String, String> sent = fake.tokenForms.get(0);

        String form = sent.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpResponse<String> replay = HttpClient.newHttpClient().send(HttpRequest.newBuilder(fake.tokenEndpoint())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.body()).contains("\"invalid_client\"");
        assertThat(fake.assertionRefusals).containsExactly("jti missing or used before");
    }

    @Test
    void theKeyIdAndTheCertificatesThumbprintAreHeaders() throws IOException {
        PrivateKey key = ClientKey.parsePrivateKey(TestClientKeys.RSA_KEY_PEM);
        X509Certificate certificate = ClientKey.parseCertificate(TestClientKeys.RSA_CERTIFICATE_PEM);
        start(new KeyPair(certificate.getPublicKey(), key));
        OAuth2Provider provider = client(key).clientKeyId("entra-cert-1").clientCertificate(certificate).build();

        provider.refresh(fake.issueRefreshToken(USER, "api"));

        SignedJWT assertion = fake.assertions.get(0);
        assertThat(assertion.getHeader().getKeyID()).isEqualTo("entra-cert-1");
        assertThat(assertion.getHeader().getX509CertSHA256Thumbprint())
                .isEqualTo(X509CertUtils.computeSHA256Thumbprint(certificate));
        assertThat(provider.toString()).doesNotContain(TestClientKeys.RSA_KEY_PEM.substring(28, 60));
    }

    @Test
    void aDiscoveredTokenEndpointIsTheAudience() throws IOException {
        KeyPair key = TestClientKeys.ec("secp256r1");
        start(key);
        OAuth2Provider provider = OAuth2Provider.builder().issuer(fake.url())
                .clientId(FakeOAuthServer.CLIENT_ID).clientKey(key.getPrivate()).clock(clock).build();

        provider.refresh(fake.issueRefreshToken(USER, "api"));

        assertThat(fake.discoveryCalls).hasValue(1);
        assertThat(claims(fake.assertions.get(0)).getAudience()).containsExactly(fake.tokenEndpoint().toString());
    }

    @Test
    void aKeyMeansPrivateKeyJwtAlsoOverAPresetsDefault() throws IOException {
        start(TestClientKeys.ec("secp256r1"));

        OAuth2Provider hubspot = OAuth2Provider.builder(ProviderPreset.HUBSPOT).tokenEndpoint(fake.tokenEndpoint())
                .clientId(FakeOAuthServer.CLIENT_ID).clientKey(TestClientKeys.ec("secp256r1").getPrivate()).build();

        assertThat(hubspot.clientAuth()).isEqualTo(OAuth2Provider.ClientAuth.PRIVATE_KEY_JWT);
    }

    @Test
    void theBuilderRefusesAMissingKeyAKeyBesideASecretAndAnUnfitKey() throws IOException {
        start(TestClientKeys.ec("secp256r1"));
        PrivateKey key = TestClientKeys.ec("secp256r1").getPrivate();

        assertThatThrownBy(() -> client(null).clientAuth(OAuth2Provider.ClientAuth.PRIVATE_KEY_JWT).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOKENSTORE-1064: OAuth2Provider: clientAuth PRIVATE_KEY_JWT is given, but no clientKey; "
                        + "give the client's private key");
        assertThatThrownBy(() -> client(null).clientSecret("s").clientKeyId("k1").build())
                .hasMessage("TOKENSTORE-1064: OAuth2Provider: clientKeyId is given, but no clientKey; give the "
                        + "client's private key");
        assertThatThrownBy(() -> client(key).clientSecret("s").build())
                .hasMessage("TOKENSTORE-1065: OAuth2Provider: clientAuth is PRIVATE_KEY_JWT, and a clientSecret is "
                        + "given; a client authenticates with its secret or with its key (PRIVATE_KEY_JWT), not both");
        assertThatThrownBy(() -> client(key).clientAuth(OAuth2Provider.ClientAuth.CLIENT_SECRET_POST).build())
                .hasMessage("TOKENSTORE-1065: OAuth2Provider: a clientKey is given, and clientAuth is "
                        + "CLIENT_SECRET_POST; a client authenticates with its secret or with its key "
                        + "(PRIVATE_KEY_JWT), not both");
        assertThatThrownBy(() -> client(TestClientKeys.ec("secp384r1").getPrivate()).build())
                .hasMessageStartingWith("TOKENSTORE-1061: the client key is an EC key on the curve P-384, not P-256");
        assertThatThrownBy(() -> client(key).clientCertificate(ClientKey.parseCertificate(
                TestClientKeys.EC_CERTIFICATE_PEM)).build()).hasMessageStartingWith("TOKENSTORE-1063: ");
        assertThat(fake.requests()).isZero();
    }

    private static JWTClaimsSet claims(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }
}
