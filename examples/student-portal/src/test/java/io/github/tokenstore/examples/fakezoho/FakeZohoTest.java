package io.github.tokenstore.examples.fakezoho;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FakeZohoTest {

    private static final String CLIENT = "1000.CLIENT";
    private static final String SECRET = "secret";
    private static final String EU_SECRET = "secret-eu";
    private static final String REDIRECT = "http://127.0.0.1/cb";
    private static final String US_URL = "http://127.0.0.1/fake-zoho/us";
    private static final String EU_URL = "http://127.0.0.1/fake-zoho/eu";
    private static final FakeDataCenter.AuthorizeRequest OFFLINE =
            new FakeDataCenter.AuthorizeRequest(CLIENT, REDIRECT, "ZohoCRM.modules.contacts.READ", null, true);

    /** Made once: an RSA key takes a while. */
    private static final RSAKey US_KEY = FakeDataCenter.rsaKey("us", seeded(1));
    private static final RSAKey EU_KEY = FakeDataCenter.rsaKey("eu", seeded(2));

    private final MutableClock clock = new MutableClock();
    private final SecureRandom random = seeded(42);
    private final FakeDataCenter zoho = dataCenter("us", SECRET, "key", US_KEY);
    private final FakeDataCenter eu = dataCenter("eu", EU_SECRET, "key", EU_KEY);

    @Test
    void a_code_gives_tokens_once_and_the_access_token_works_until_it_expires() {
        String code = zoho.authorize(OFFLINE, "ada@zylker.example").orElseThrow();
        FakeDataCenter.TokenResult tokens = zoho.exchangeCode(CLIENT, SECRET, REDIRECT, code, US_URL);
        assertThat(tokens.error()).isNull();
        assertThat(tokens.expiresIn()).isEqualTo(60);
        assertThat(tokens.idToken()).as("no openid scope, no ID token").isNull();
        assertThat(zoho.exchangeCode(CLIENT, SECRET, REDIRECT, code, US_URL).error()).isEqualTo("invalid_code");

        assertThat(zoho.userOf(tokens.accessToken())).contains("ada@zylker.example");
        clock.advance(Duration.ofSeconds(61));
        assertThat(zoho.userOf(tokens.accessToken())).isEmpty();

        FakeDataCenter.TokenResult refreshed = zoho.refresh(CLIENT, SECRET, tokens.refreshToken());
        assertThat(refreshed.refreshToken()).isNull();
        assertThat(zoho.userOf(refreshed.accessToken())).contains("ada@zylker.example");
        assertThat(refreshed.toString()).isEqualTo("TokenResult[access token]");
    }

    @Test
    void a_refresh_token_only_for_access_type_offline() {
        FakeDataCenter.AuthorizeRequest online = new FakeDataCenter.AuthorizeRequest(CLIENT, REDIRECT, "x", null, false);
        FakeDataCenter.TokenResult tokens = zoho.exchangeCode(CLIENT, SECRET, REDIRECT,
                zoho.authorize(online, "ada@zylker.example").orElseThrow(), US_URL);
        assertThat(tokens.error()).isNull();
        assertThat(tokens.refreshToken()).isNull();
        assertThat(tokens.accessToken()).isNotNull();
    }

    @Test
    void an_openid_login_gets_an_id_token_signed_with_the_data_centers_published_key() throws Exception {
        FakeDataCenter.AuthorizeRequest openid = new FakeDataCenter.AuthorizeRequest(CLIENT, REDIRECT,
                "ZohoCRM.modules.contacts.READ,openid,email", "nonce-1", true);
        String code = eu.authorize(openid, "emma@zylker.eu").orElseThrow();
        FakeDataCenter.TokenResult tokens = eu.exchangeCode(CLIENT, EU_SECRET, REDIRECT, code, EU_URL);
        assertThat(tokens.toString()).isEqualTo("TokenResult[access token, refresh token, ID token]");

        SignedJWT jwt = SignedJWT.parse(tokens.idToken());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(eu.keyId()).startsWith("eu-");
        RSAKey published = (RSAKey) JWKSet.parse(eu.jwks()).getKeyByKeyId(eu.keyId());
        assertThat(published.isPrivate()).as("the JWKS holds the public key only").isFalse();
        assertThat(jwt.verify(new RSASSAVerifier(published))).isTrue();
        RSAKey usKey = (RSAKey) JWKSet.parse(zoho.jwks()).getKeys().get(0);
        assertThat(jwt.verify(new RSASSAVerifier(usKey))).as("the US key does not verify an EU ID token").isFalse();

        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(EU_URL);
        assertThat(claims.getAudience()).containsExactly(CLIENT);
        assertThat(claims.getStringClaim("email")).isEqualTo("emma@zylker.eu");
        assertThat(claims.getStringClaim("nonce")).isEqualTo("nonce-1");
        assertThat(claims.getSubject()).matches("7[0-9]+").isEqualTo(FakeDataCenter.userId("Emma@zylker.eu"));
        assertThat(claims.getExpirationTime().toInstant())
                .isEqualTo(clock.instant().plusMillis(FakeDataCenter.ID_TOKEN_LIFETIME_MILLIS));
        assertThat(eu.counters()).containsEntry(FakeDataCenter.Counter.ID_TOKENS, 1L)
                .containsEntry(FakeDataCenter.Counter.KEY_REQUESTS, 1L);
    }

    @Test
    void a_code_or_token_of_one_data_center_is_unknown_at_another_and_each_has_its_own_secret() {
        String code = eu.authorize(OFFLINE, "emma@zylker.eu").orElseThrow();
        assertThat(zoho.exchangeCode(CLIENT, SECRET, REDIRECT, code, US_URL).error()).isEqualTo("invalid_code");
        assertThat(eu.exchangeCode(CLIENT, SECRET, REDIRECT, code, EU_URL).error()).as("the US secret at EU")
                .isEqualTo("invalid_client");
        FakeDataCenter.TokenResult tokens = eu.exchangeCode(CLIENT, EU_SECRET, REDIRECT, code, EU_URL);
        assertThat(tokens.error()).isNull();
        assertThat(zoho.userOf(tokens.accessToken())).isEmpty();
        assertThat(zoho.refresh(CLIENT, SECRET, tokens.refreshToken()).error()).isEqualTo("invalid_code");
        assertThat(zoho.revoke(tokens.refreshToken())).isFalse();
        assertThat(eu.userOf(tokens.accessToken())).contains("emma@zylker.eu");
        assertThat(zoho.counters()).containsEntry(FakeDataCenter.Counter.CODE_GRANTS, 0L)
                .containsEntry(FakeDataCenter.Counter.TOKEN_REQUESTS, 2L);
        assertThat(eu.counters()).containsEntry(FakeDataCenter.Counter.CODE_GRANTS, 1L)
                .containsEntry(FakeDataCenter.Counter.TOKEN_REQUESTS, 2L);
    }

    @Test
    void a_users_data_center_is_the_last_label_of_the_domain_else_the_first_one() {
        FakeZoho both = new FakeZoho(List.of(zoho, eu), List.of("ada@zylker.example", "emma@zylker.eu"));
        assertThat(both.homeOf("emma@zylker.eu")).isSameAs(eu);
        assertThat(both.homeOf("EMMA@ZYLKER.EU")).isSameAs(eu);
        assertThat(both.homeOf("ada@zylker.example")).isSameAs(zoho);
        assertThat(both.homeOf("eu@zylker.example")).isSameAs(zoho);
        assertThat(both.dataCenter("eu")).containsSame(eu);
        assertThat(both.dataCenter("in")).isEmpty();
        assertThat(both.dataCenter(null)).isEmpty();
        assertThatThrownBy(() -> new FakeZoho(List.of(zoho, zoho), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("dataCenters has us twice");
    }

    @Test
    void the_fake_revokes_a_refresh_token_at_the_data_center_that_issued_it() {
        FakeZoho both = new FakeZoho(List.of(zoho, eu), List.of());
        FakeDataCenter.TokenResult tokens = eu.exchangeCode(CLIENT, EU_SECRET, REDIRECT,
                eu.authorize(OFFLINE, "emma@zylker.eu").orElseThrow(), EU_URL);
        assertThat(both.revoke(tokens.refreshToken())).isTrue();
        assertThat(eu.counters()).containsEntry(FakeDataCenter.Counter.REVOCATIONS, 1L);
        assertThat(zoho.counters()).containsEntry(FakeDataCenter.Counter.REVOCATIONS, 0L);
        assertThat(eu.userOf(tokens.accessToken())).isEmpty();
    }

    @Test
    void tokens_signed_with_the_same_key_stay_valid_in_a_new_instance_like_after_a_restart() {
        String code = zoho.authorize(OFFLINE, "ada@zylker.example").orElseThrow();
        FakeDataCenter.TokenResult tokens = zoho.exchangeCode(CLIENT, SECRET, REDIRECT, code, US_URL);
        FakeDataCenter restarted = dataCenter("us", SECRET, "key", US_KEY);
        FakeDataCenter otherKey = dataCenter("us", SECRET, "other key", US_KEY);

        assertThat(restarted.userOf(tokens.accessToken())).contains("ada@zylker.example");
        assertThat(restarted.refresh(CLIENT, SECRET, tokens.refreshToken()).error()).isNull();
        assertThat(otherKey.userOf(tokens.accessToken())).isEmpty();
        assertThat(otherKey.refresh(CLIENT, SECRET, tokens.refreshToken()).error()).isEqualTo("invalid_code");
    }

    @Test
    void a_code_expires_after_three_minutes_and_is_bound_to_its_redirect_uri() {
        String code = zoho.authorize(OFFLINE, "ada@zylker.example").orElseThrow();
        assertThat(zoho.exchangeCode(CLIENT, SECRET, REDIRECT + "/other", code, US_URL).error())
                .isEqualTo("invalid_code");
        clock.advance(Duration.ofMillis(FakeDataCenter.CODE_LIFETIME_MILLIS + 1));
        assertThat(zoho.exchangeCode(CLIENT, SECRET, REDIRECT, code, US_URL).error()).isEqualTo("invalid_code");
    }

    @Test
    void the_wrong_client_or_secret_is_invalid_client_and_a_refresh_token_is_no_access_token() {
        String code = zoho.authorize(OFFLINE, "ada@zylker.example").orElseThrow();
        assertThat(zoho.authorize(new FakeDataCenter.AuthorizeRequest("1000.OTHER", REDIRECT, "x", null, true),
                "ada@zylker.example")).isEmpty();
        assertThat(zoho.exchangeCode(CLIENT, "wrong", REDIRECT, code, US_URL).error()).isEqualTo("invalid_client");
        assertThat(zoho.exchangeCode("1000.OTHER", SECRET, REDIRECT, code, US_URL).error())
                .isEqualTo("invalid_client");
        FakeDataCenter.TokenResult tokens = zoho.exchangeCode(CLIENT, SECRET, REDIRECT, code, US_URL);
        assertThat(zoho.userOf(tokens.refreshToken())).isEmpty();
        assertThat(zoho.refresh(CLIENT, SECRET, tokens.accessToken()).error()).isEqualTo("invalid_code");
        assertThat(zoho.userOf(code)).isEmpty();
    }

    @Test
    void revoking_a_refresh_token_kills_it_and_its_access_tokens() {
        FakeDataCenter.TokenResult tokens = zoho.exchangeCode(CLIENT, SECRET, REDIRECT,
                zoho.authorize(OFFLINE, "ada@zylker.example").orElseThrow(), US_URL);
        assertThat(zoho.revoke(tokens.refreshToken())).isTrue();
        assertThat(zoho.userOf(tokens.accessToken())).isEmpty();
        assertThat(zoho.refresh(CLIENT, SECRET, tokens.refreshToken()).error()).isEqualTo("invalid_code");
        assertThat(zoho.revoke("1000.nonsense.x")).isFalse();
    }

    @Test
    void of_many_concurrent_exchanges_of_one_code_exactly_one_gets_tokens() throws Exception {
        String code = zoho.authorize(OFFLINE, "ada@zylker.example").orElseThrow();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<FakeDataCenter.TokenResult>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                results.add(pool.submit((Callable<FakeDataCenter.TokenResult>) () ->
                        zoho.exchangeCode(CLIENT, SECRET, REDIRECT, code, US_URL)));
            }
            int granted = 0;
            for (Future<FakeDataCenter.TokenResult> r : results) {
                granted += r.get(10, TimeUnit.SECONDS).error() == null ? 1 : 0;
            }
            assertThat(granted).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(zoho.counters()).containsEntry(FakeDataCenter.Counter.TOKEN_REQUESTS, 32L)
                .containsEntry(FakeDataCenter.Counter.CODE_GRANTS, 1L)
                .containsEntry(FakeDataCenter.Counter.TOKEN_ERRORS, 31L);
    }

    @Test
    void a_lifetime_below_one_second_is_rejected() {
        assertThatThrownBy(() -> new FakeDataCenter("us", CLIENT, SECRET, "key", 0, clock, random, US_KEY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expiresInSeconds is 0; it must be at least 1");
    }

    private FakeDataCenter dataCenter(String location, String secret, String signingKey, RSAKey key) {
        return new FakeDataCenter(location, CLIENT, secret, signingKey, 60, clock, random, key);
    }

    /** A SecureRandom that gives the same bytes for the same seed (SHA1PRNG seeded before its first use). */
    private static SecureRandom seeded(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-28T12:00:00Z");

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
}
