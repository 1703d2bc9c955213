package io.github.tokenstore.examples.fakezoho;

import org.junit.jupiter.api.Test;

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
    private static final String REDIRECT = "http://127.0.0.1/cb";

    private final MutableClock clock = new MutableClock();
    private final FakeZoho zoho = new FakeZoho(CLIENT, SECRET, "key", 60, clock);

    @Test
    void a_code_gives_tokens_once_and_the_access_token_works_until_it_expires() {
        String code = zoho.authorize(CLIENT, REDIRECT, "ada@zylker.example").orElseThrow();
        FakeZoho.TokenResult tokens = zoho.exchangeCode(CLIENT, SECRET, REDIRECT, code);
        assertThat(tokens.error()).isNull();
        assertThat(tokens.expiresIn()).isEqualTo(60);
        assertThat(zoho.exchangeCode(CLIENT, SECRET, REDIRECT, code).error()).isEqualTo("invalid_code");

        assertThat(zoho.userOf(tokens.accessToken())).contains("ada@zylker.example");
        clock.advance(Duration.ofSeconds(61));
        assertThat(zoho.userOf(tokens.accessToken())).isEmpty();

        FakeZoho.TokenResult refreshed = zoho.refresh(CLIENT, SECRET, tokens.refreshToken());
        assertThat(refreshed.refreshToken()).isNull();
        assertThat(zoho.userOf(refreshed.accessToken())).contains("ada@zylker.example");
    }

    @Test
    void tokens_signed_with_the_same_key_stay_valid_in_a_new_instance_like_after_a_restart() {
        String code = zoho.authorize(CLIENT, REDIRECT, "ada@zylker.example").orElseThrow();
        FakeZoho.TokenResult tokens = zoho.exchangeCode(CLIENT, SECRET, REDIRECT, code);
        FakeZoho restarted = new FakeZoho(CLIENT, SECRET, "key", 60, clock);
        FakeZoho otherKey = new FakeZoho(CLIENT, SECRET, "other key", 60, clock);

        assertThat(restarted.userOf(tokens.accessToken())).contains("ada@zylker.example");
        assertThat(restarted.refresh(CLIENT, SECRET, tokens.refreshToken()).error()).isNull();
        assertThat(otherKey.userOf(tokens.accessToken())).isEmpty();
        assertThat(otherKey.refresh(CLIENT, SECRET, tokens.refreshToken()).error()).isEqualTo("invalid_code");
    }

    @Test
    void a_code_expires_after_three_minutes_and_is_bound_to_its_redirect_uri() {
        String code = zoho.authorize(CLIENT, REDIRECT, "ada@zylker.example").orElseThrow();
        assertThat(zoho.exchangeCode(CLIENT, SECRET, REDIRECT + "/other", code).error()).isEqualTo("invalid_code");
        clock.advance(Duration.ofMillis(FakeZoho.CODE_LIFETIME_MILLIS + 1));
        assertThat(zoho.exchangeCode(CLIENT, SECRET, REDIRECT, code).error()).isEqualTo("invalid_code");
    }

    @Test
    void the_wrong_client_or_secret_is_invalid_client_and_a_refresh_token_is_no_access_token() {
        String code = zoho.authorize(CLIENT, REDIRECT, "ada@zylker.example").orElseThrow();
        assertThat(zoho.authorize("1000.OTHER", REDIRECT, "ada@zylker.example")).isEmpty();
        assertThat(zoho.exchangeCode(CLIENT, "wrong", REDIRECT, code).error()).isEqualTo("invalid_client");
        assertThat(zoho.exchangeCode("1000.OTHER", SECRET, REDIRECT, code).error()).isEqualTo("invalid_client");
        FakeZoho.TokenResult tokens = zoho.exchangeCode(CLIENT, SECRET, REDIRECT, code);
        assertThat(zoho.userOf(tokens.refreshToken())).isEmpty();
        assertThat(zoho.refresh(CLIENT, SECRET, tokens.accessToken()).error()).isEqualTo("invalid_code");
        assertThat(zoho.userOf(code)).isEmpty();
    }

    @Test
    void revoking_a_refresh_token_kills_it_and_its_access_tokens() {
        FakeZoho.TokenResult tokens = zoho.exchangeCode(CLIENT, SECRET, REDIRECT,
                zoho.authorize(CLIENT, REDIRECT, "ada@zylker.example").orElseThrow());
        assertThat(zoho.revoke(tokens.refreshToken())).isTrue();
        assertThat(zoho.userOf(tokens.accessToken())).isEmpty();
        assertThat(zoho.refresh(CLIENT, SECRET, tokens.refreshToken()).error()).isEqualTo("invalid_code");
        assertThat(zoho.revoke("1000.nonsense.x")).isFalse();
    }

    @Test
    void of_many_concurrent_exchanges_of_one_code_exactly_one_gets_tokens() throws Exception {
        String code = zoho.authorize(CLIENT, REDIRECT, "ada@zylker.example").orElseThrow();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<FakeZoho.TokenResult>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                results.add(pool.submit((Callable<FakeZoho.TokenResult>) () ->
                        zoho.exchangeCode(CLIENT, SECRET, REDIRECT, code)));
            }
            int granted = 0;
            for (Future<FakeZoho.TokenResult> r : results) {
                granted += r.get(10, TimeUnit.SECONDS).error() == null ? 1 : 0;
            }
            assertThat(granted).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(zoho.counters()).containsEntry(FakeZoho.Counter.TOKEN_REQUESTS, 32L)
                .containsEntry(FakeZoho.Counter.CODE_GRANTS, 1L)
                .containsEntry(FakeZoho.Counter.TOKEN_ERRORS, 31L);
    }

    @Test
    void a_lifetime_below_one_second_is_rejected() {
        assertThatThrownBy(() -> new FakeZoho(CLIENT, SECRET, "key", 0, clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expiresInSeconds is 0; it must be at least 1");
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
