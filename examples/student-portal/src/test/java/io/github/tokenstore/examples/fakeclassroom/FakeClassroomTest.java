package io.github.tokenstore.examples.fakeclassroom;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The fake classroom keeps the rules a strict provider keeps: PKCE, Basic auth, rotation, RFC 7009. */
class FakeClassroomTest {

    private static final String CLIENT = "portal";
    private static final String SECRET = "s3cret";
    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(
            (CLIENT + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
    private static final String REDIRECT = "http://127.0.0.1/portal/tokenstore/callback/classroom";
    private static final String ISSUER = "http://127.0.0.1/portal/fake-classroom";
    private static final String VERIFIER = "a-verifier-of-at-least-43-characters-0123456789abcdef";

    private final TestClock clock = new TestClock();
    private final FakeClassroom classroom = new FakeClassroom(CLIENT, SECRET, 60, clock, seeded());

    @Test
    void a_code_needs_its_pkce_verifier_and_works_once() throws Exception {
        String code = authorize("ada@zylker.example");
        assertThat(classroom.exchangeCode(BASIC, code, REDIRECT, "another-verifier-0123456789-0123456789-abcdef",
                ISSUER).error()).isEqualTo("invalid_grant");
        String second = authorize("ada@zylker.example");
        FakeClassroom.TokenResult tokens = classroom.exchangeCode(BASIC, second, REDIRECT, VERIFIER, ISSUER);
        assertThat(tokens.error()).isNull();
        assertThat(classroom.exchangeCode(BASIC, second, REDIRECT, VERIFIER, ISSUER).error())
                .as("a used code").isEqualTo("invalid_grant");

        SignedJWT idToken = SignedJWT.parse(tokens.idToken());
        RSAKey key = JWKSet.parse(classroom.jwks()).getKeys().get(0).toRSAKey();
        assertThat(idToken.verify(new RSASSAVerifier(key))).isTrue();
        assertThat(idToken.getJWTClaimsSet().getIssuer()).isEqualTo(ISSUER);
        assertThat(idToken.getJWTClaimsSet().getAudience()).containsExactly(CLIENT);
        assertThat(idToken.getJWTClaimsSet().getStringClaim("nonce")).isEqualTo("n-1");
        assertThat(idToken.getJWTClaimsSet().getStringClaim("email")).isEqualTo("ada@zylker.example");
        assertThat(tokens.toString()).doesNotContain(tokens.accessToken()).doesNotContain(tokens.refreshToken());
    }

    @Test
    void the_authorize_request_needs_openid_and_an_s256_challenge() {
        assertThat(classroom.authorize(CLIENT, "code", REDIRECT, "openid", challenge(), "plain", null, "a@b.c"))
                .isEmpty();
        assertThat(classroom.authorize(CLIENT, "code", REDIRECT, "email", challenge(), "S256", null, "a@b.c"))
                .isEmpty();
        assertThat(classroom.authorize("other", "code", REDIRECT, "openid", challenge(), "S256", null, "a@b.c"))
                .isEmpty();
        assertThat(classroom.authorize(CLIENT, "code", REDIRECT, "openid", challenge(), "S256", null, "a@b.c"))
                .isPresent();
    }

    @Test
    void every_refresh_rotates_and_the_old_refresh_token_is_dead_after_its_first_use() {
        FakeClassroom.TokenResult first = login();
        FakeClassroom.TokenResult second = classroom.refresh(BASIC, first.refreshToken());
        assertThat(second.error()).isNull();
        assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
        assertThat(second.idToken()).as("no ID token on a refresh").isNull();

        assertThat(classroom.refresh(BASIC, first.refreshToken()).error()).isEqualTo("invalid_grant");
        FakeClassroom.TokenResult third = classroom.refresh(BASIC, second.refreshToken());
        assertThat(third.error()).isNull();
        assertThat(classroom.liveRefreshTokens()).isEqualTo(1);
        assertThat(classroom.refreshTokenLive(sha256(first.refreshToken()))).as("the first, rotated").isFalse();
        assertThat(classroom.refreshTokenLive(sha256(second.refreshToken()))).as("the second, rotated").isFalse();
        assertThat(classroom.refreshTokenLive(sha256(third.refreshToken()))).as("the newest").isTrue();
        assertThat(classroom.refreshTokenLive(sha256(third.refreshToken()).toUpperCase(Locale.ROOT)))
                .isTrue();
        assertThat(classroom.refreshTokenLive(null)).isFalse();
        assertThat(classroom.counters().get(FakeClassroom.Counter.REFRESH_GRANTS)).isEqualTo(2);
        assertThat(classroom.counters().get(FakeClassroom.Counter.INVALID_GRANTS)).isEqualTo(1);
    }

    @Test
    void the_client_authenticates_with_basic_only() {
        FakeClassroom.TokenResult tokens = login();
        String wrong = "Basic " + Base64.getEncoder().encodeToString((CLIENT + ":nope").getBytes(StandardCharsets.UTF_8));
        assertThat(classroom.refresh(wrong, tokens.refreshToken()).error()).isEqualTo("invalid_client");
        assertThat(classroom.refresh(null, tokens.refreshToken()).error()).isEqualTo("invalid_client");
        assertThat(classroom.refresh(BASIC, tokens.refreshToken()).error())
                .as("a failed authentication does not use the token up").isNull();
    }

    @Test
    void revocation_kills_the_refresh_token_and_its_access_tokens() {
        FakeClassroom.TokenResult tokens = login();
        assertThat(classroom.userOf(tokens.accessToken())).contains("ada@zylker.example");
        assertThat(classroom.revoke(BASIC, tokens.refreshToken())).isTrue();
        assertThat(classroom.userOf(tokens.accessToken())).isEmpty();
        assertThat(classroom.refresh(BASIC, tokens.refreshToken()).error()).isEqualTo("invalid_grant");
        assertThat(classroom.revoke(BASIC, tokens.refreshToken())).as("twice").isFalse();
    }

    @Test
    void a_withdrawn_access_kills_the_refresh_token_and_its_access_tokens_without_a_revocation() {
        FakeClassroom.TokenResult tokens = login();
        FakeClassroom.TokenResult rotated = classroom.refresh(BASIC, tokens.refreshToken());
        assertThat(classroom.withdraw(tokens.refreshToken())).as("an already rotated one").isFalse();
        assertThat(classroom.withdraw(rotated.refreshToken())).isTrue();
        assertThat(classroom.userOf(rotated.accessToken())).isEmpty();
        assertThat(classroom.refresh(BASIC, rotated.refreshToken()).error()).isEqualTo("invalid_grant");
        assertThat(classroom.withdraw(rotated.refreshToken())).as("twice").isFalse();
        assertThat(classroom.withdraw(null)).isFalse();
        assertThat(classroom.counters().get(FakeClassroom.Counter.REVOCATIONS)).isZero();
    }

    @Test
    void an_access_token_dies_at_its_expiry() {
        FakeClassroom.TokenResult tokens = login();
        clock.advance(Duration.ofSeconds(59));
        assertThat(classroom.userOf(tokens.accessToken())).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(classroom.userOf(tokens.accessToken())).isEmpty();
        assertThat(classroom.counters().get(FakeClassroom.Counter.API_REJECTED)).isEqualTo(1);
    }

    @Test
    void a_code_expires_after_a_minute() {
        String code = authorize("ada@zylker.example");
        clock.advance(Duration.ofMillis(FakeClassroom.CODE_LIFETIME_MILLIS));
        assertThat(classroom.exchangeCode(BASIC, code, REDIRECT, VERIFIER, ISSUER).error()).isEqualTo("invalid_grant");
    }

    private FakeClassroom.TokenResult login() {
        FakeClassroom.TokenResult tokens = classroom.exchangeCode(BASIC, authorize("ada@zylker.example"), REDIRECT,
                VERIFIER, ISSUER);
        assertThat(tokens.error()).isNull();
        return tokens;
    }

    private String authorize(String user) {
        return classroom.authorize(CLIENT, "code", REDIRECT, "openid email offline_access", challenge(), "S256",
                "n-1", user).orElseThrow();
    }

    private static String challenge() {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(VERIFIER.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SecureRandom seeded() {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(7);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class TestClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-03T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
