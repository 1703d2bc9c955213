package io.github.tokenstore.cdi;

import io.github.tokenstore.OAuthToken;

import java.time.Instant;

/** Tokens for the CDI tests. */
final class Tokens {

    private Tokens() {
    }

    /** A complete token of {@code user}. */
    static OAuthToken of(String user) {
        return OAuthToken.builder()
                .user(user)
                .clientId("1000.CLIENT")
                .clientSecret("client-secret-" + user)
                .refreshToken("1000.refresh." + user)
                .accessToken("1000.access." + user)
                .expiresAt(Instant.ofEpochMilli(1_800_000_000_000L))
                .redirectUrl("https://app.example/callback")
                .apiDomain("https://www.zohoapis.eu")
                .build();
    }

    /** The partial token that finds {@code user}'s token. */
    static OAuthToken user(String user) {
        return OAuthToken.builder().user(user).build();
    }
}
