package io.github.tokenstore.provider;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.github.tokenstore.LoginException;
import io.github.tokenstore.login.IdTokens;
import io.github.tokenstore.oauth.FakeAccountsServer;
import io.github.tokenstore.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ID-token checks: signature against the discovery document's keys, iss, aud, exp, nonce. */
class IdTokenVerifierTest {

    private static final String CLIENT = "1000.CLIENT";
    private static final String NONCE = "nonce-1";
    private static final IdTokens ISSUER_KEY = new IdTokens("key-1", 1);
    private static final IdTokens OTHER_KEY = new IdTokens("key-1", 2);
    private static final IdTokens ROTATED_KEY = new IdTokens("key-2", 3);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T12:00:00Z"));
    private FakeAccountsServer server;
    private IdTokenVerifier verifier;
    private String issuer;

    @BeforeEach
    void start() throws IOException {
        server = new FakeAccountsServer();
        server.jwks = ISSUER_KEY.jwks();
        issuer = server.url().toString();
        verifier = new IdTokenVerifier(server.url(), CLIENT, HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).build(), Duration.ofSeconds(5), clock);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JWTClaimsSet.Builder good() {
        return IdTokens.claims(issuer, CLIENT, NONCE, "ada@school.example", clock.instant().plusSeconds(3600));
    }

    private LoginException.Failure failureOf(String idToken) {
        try {
            verifier.verify(idToken, NONCE);
        } catch (LoginException e) {
            assertThat(e.getMessage()).startsWith(e.failure().id() + ": login failed: ");
            return e.failure();
        }
        throw new AssertionError("the ID token was accepted");
    }

    @Test
    void aGoodIdTokenNamesTheVerifiedUserAndTheKeysAreFetchedOnce() {
        VerifiedIdentity first = verifier.verify(ISSUER_KEY.sign(good().build()), NONCE);
        verifier.verify(ISSUER_KEY.sign(good().build()), NONCE);

        assertThat(first).isEqualTo(new VerifiedIdentity("sub-ada@school.example", "ada@school.example", issuer));
        assertThat(server.discoveryCalls).hasValue(1);
        assertThat(server.keysCalls).hasValue(1);
    }

    @Test
    void algNoneIsRefused() {
        String none = new PlainJWT(new PlainHeader(), good().build()).serialize();
        assertThat(failureOf(none)).isEqualTo(LoginException.Failure.ID_TOKEN_UNSIGNED);
    }

    @Test
    void hs256SignedWithThePublicKeyIsRefused() throws JOSEException {
        byte[] publicKey = ISSUER_KEY.key.toRSAPublicKey().getEncoded();
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("key-1").build(),
                good().build());
        hmac.sign(new MACSigner(publicKey));

        assertThat(failureOf(hmac.serialize())).isEqualTo(LoginException.Failure.ID_TOKEN_ALGORITHM);
    }

    @Test
    void aTokenSignedWithAnotherKeyOfTheSameKidIsRefused() {
        assertThat(failureOf(OTHER_KEY.sign(good().build()))).isEqualTo(LoginException.Failure.ID_TOKEN_SIGNATURE);
    }

    @Test
    void aTamperedTokenIsRefused() {
        String token = ISSUER_KEY.sign(good().build());
        String forged = ISSUER_KEY.sign(good().claim("email", "eve@evil.example").build());
        String[] a = token.split("\\.");
        String[] b = forged.split("\\.");
        assertThat(failureOf(a[0] + "." + b[1] + "." + a[2])).isEqualTo(LoginException.Failure.ID_TOKEN_SIGNATURE);
    }

    @Test
    void aWrongIssuerIsRefused() {
        assertThat(failureOf(ISSUER_KEY.sign(good().issuer("https://accounts.zoho.eu").build())))
                .isEqualTo(LoginException.Failure.ID_TOKEN_ISSUER);
    }

    @Test
    void aWrongAudienceIsRefused() {
        assertThat(failureOf(ISSUER_KEY.sign(good().audience("1000.OTHER").build())))
                .isEqualTo(LoginException.Failure.ID_TOKEN_AUDIENCE);
        assertThat(failureOf(ISSUER_KEY.sign(good().audience(java.util.List.of("1000.OTHER", CLIENT)).build())))
                .isEqualTo(LoginException.Failure.ID_TOKEN_AUDIENCE);
    }

    @Test
    void anExpiredTokenIsRefusedByTheGivenClock() {
        String token = ISSUER_KEY.sign(good().build());
        clock.advance(Duration.ofSeconds(3600 + IdTokenVerifier.SKEW_SECONDS));

        assertThat(failureOf(token)).isEqualTo(LoginException.Failure.ID_TOKEN_EXPIRED);
        assertThat(failureOf(ISSUER_KEY.sign(good().expirationTime(null).build())))
                .isEqualTo(LoginException.Failure.ID_TOKEN_EXPIRED);
    }

    @Test
    void aNonceMismatchIsRefused() {
        assertThat(failureOf(ISSUER_KEY.sign(good().claim("nonce", "nonce-2").build())))
                .isEqualTo(LoginException.Failure.ID_TOKEN_NONCE);
        assertThat(failureOf(ISSUER_KEY.sign(good().claim("nonce", null).build())))
                .isEqualTo(LoginException.Failure.ID_TOKEN_NONCE);
    }

    @Test
    void noEmailOrAnUnverifiedOneIsRefused() {
        assertThat(failureOf(ISSUER_KEY.sign(good().claim("email", null).build())))
                .isEqualTo(LoginException.Failure.ID_TOKEN_EMAIL);
        assertThat(failureOf(ISSUER_KEY.sign(good().claim("email_verified", false).build())))
                .isEqualTo(LoginException.Failure.ID_TOKEN_EMAIL);
    }

    @Test
    void anUnknownKidFetchesTheKeysOnceMore() {
        verifier.verify(ISSUER_KEY.sign(good().build()), NONCE);
        server.jwks = ROTATED_KEY.jwks();

        VerifiedIdentity rotated = verifier.verify(ROTATED_KEY.sign(good().build()), NONCE);

        assertThat(rotated.email()).isEqualTo("ada@school.example");
        assertThat(server.keysCalls).hasValue(2);
    }

    @Test
    void aKidTheProviderDoesNotHaveIsRefusedAfterOneRefetch() {
        verifier.verify(ISSUER_KEY.sign(good().build()), NONCE);

        assertThat(failureOf(ROTATED_KEY.sign(good().build()))).isEqualTo(LoginException.Failure.ID_TOKEN_UNKNOWN_KEY);
        assertThat(failureOf(ROTATED_KEY.sign(good().build()))).isEqualTo(LoginException.Failure.ID_TOKEN_UNKNOWN_KEY);
        assertThat(server.keysCalls).as("one refetch per interval, however many unknown kids").hasValue(2);
    }

    @Test
    void aDiscoveryDocumentNamingAnotherIssuerIsRefused() {
        server.issuer = "https://accounts.zoho.com";
        assertThat(failureOf(ISSUER_KEY.sign(good().build()))).isEqualTo(LoginException.Failure.DISCOVERY_ISSUER);
        assertThat(server.keysCalls).hasValue(0);
    }

    @Test
    void keysOnAnotherServerAreNotFetched() {
        server.jwksUri = "https://evil.example/keys";
        assertThat(failureOf(ISSUER_KEY.sign(good().build()))).isEqualTo(LoginException.Failure.PROVIDER_KEYS_UNAVAILABLE);
        server.jwksUri = "http://127.0.0.1:1/oauth/v2/keys";
        assertThat(failureOf(ISSUER_KEY.sign(good().build()))).isEqualTo(LoginException.Failure.PROVIDER_KEYS_UNAVAILABLE);
    }

    @Test
    void garbageIsNotAnIdToken() {
        assertThat(failureOf("not.a.jwt")).isEqualTo(LoginException.Failure.ID_TOKEN_UNSIGNED);
        assertThat(failureOf("")).isEqualTo(LoginException.Failure.ID_TOKEN_MISSING);
    }
}
