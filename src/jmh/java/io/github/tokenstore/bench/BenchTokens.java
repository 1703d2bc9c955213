package io.github.tokenstore.bench;

import io.github.tokenstore.OAuthToken;

import java.time.Instant;

/** The benchmark's tokens: token {@code i} of a data set is the same in every store and every run. */
final class BenchTokens {

    static final String CLIENT_ID = "1000.BENCHCLIENT0000000000000000000";
    static final String CLIENT_SECRET = "bench0000000000000000000000000000000000000";
    static final String API_DOMAIN = "https://www.zohoapis.com";
    static final Instant EXPIRY_INSTANT = Instant.parse("2030-01-01T00:00:00Z");
    static final long EXPIRY = EXPIRY_INSTANT.toEpochMilli();

    private BenchTokens() {
    }

    static String id(long i) {
        return "bench-" + i;
    }

    static String user(long i) {
        return "user" + i + "@zylker.example";
    }

    /** Shaped like a Zoho token: {@code 1000.<32 hex>.<32 hex>}, 70 characters. */
    static String refreshToken(long i) {
        return String.format("1000.%032x.%032x", i, i * 0x9E3779B97F4A7C15L);
    }

    static String accessToken(long i) {
        return String.format("1000.%032x.%032x", i * 0xC2B2AE3D27D4EB4FL, i);
    }

    static OAuthToken token(long i) {
        return OAuthToken.builder()
                .id(id(i))
                .user(user(i))
                .clientId(CLIENT_ID)
                .clientSecret(CLIENT_SECRET)
                .refreshToken(refreshToken(i))
                .accessToken(accessToken(i))
                .expiresAt(Instant.ofEpochMilli(EXPIRY))
                .apiDomain(API_DOMAIN)
                .build();
    }
}
