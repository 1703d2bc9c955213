package io.github.tokenstore.examples.fakezoho;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A stand-in for Zoho's accounts server and CRM API in demo mode and tests: issues grant codes, access
 * and refresh tokens for one registered client, and checks access tokens, with Zoho's rules for what
 * the library sees (single-use codes that live 3 minutes, short-lived access tokens, errors as values).
 *
 * <p>Codes and tokens are signed ({@code 1000.<payload>.<HMAC-SHA256>}), so tokens issued before a
 * server restart stay valid after it, as Zoho's do; only the used codes, the revocations and the
 * counters live in memory. Not emulated: Zoho's rate limits and its caps on tokens per user.
 * Thread-safe.
 */
public final class FakeZoho {

    /** How long a grant code lives, as on Zoho. */
    static final long CODE_LIFETIME_MILLIS = 180_000;
    private static final String TOKEN_PREFIX = "1000.";
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64_DECODER = Base64.getUrlDecoder();

    private final String clientId;
    private final byte[] clientSecret;
    private final byte[] signingKey;
    private final long expiresInSeconds;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /** Nonces of used codes → when they expire, so a code works once. */
    private final Map<String, Long> usedCodes = new ConcurrentHashMap<>();
    /** Nonces of revoked refresh tokens; their access tokens die with them. */
    private final Map<String, Boolean> revoked = new ConcurrentHashMap<>();
    private final Map<Counter, AtomicLong> counters = new ConcurrentHashMap<>();

    /** What the fake counts, for tests and the demo's status page. */
    public enum Counter {
        /** Every request to the token endpoint, whatever its outcome. */
        TOKEN_REQUESTS,
        /** Successful authorization-code grants. */
        CODE_GRANTS,
        /** Successful refresh-token grants. */
        REFRESH_GRANTS,
        /** Token-endpoint requests answered with an {@code error}. */
        TOKEN_ERRORS,
        /** Revocations. */
        REVOCATIONS,
        /** CRM requests, whatever their outcome. */
        CRM_REQUESTS,
        /** CRM requests answered 401. */
        CRM_REJECTED
    }

    /**
     * @param clientId         the one registered client
     * @param clientSecret     its secret
     * @param signingKey       signs codes and tokens; keep it across restarts so tokens stay valid
     * @param expiresInSeconds how long an access token lives, at least 1
     * @throws IllegalArgumentException if an argument is blank or {@code expiresInSeconds} < 1
     */
    public FakeZoho(String clientId, String clientSecret, String signingKey, long expiresInSeconds, Clock clock) {
        this.clientId = required("clientId", clientId);
        this.clientSecret = required("clientSecret", clientSecret).getBytes(StandardCharsets.UTF_8);
        this.signingKey = required("signingKey", signingKey).getBytes(StandardCharsets.UTF_8);
        if (expiresInSeconds < 1) {
            throw new IllegalArgumentException("expiresInSeconds is " + expiresInSeconds + "; it must be at least 1");
        }
        this.expiresInSeconds = expiresInSeconds;
        this.clock = clock;
        for (Counter c : Counter.values()) {
            counters.put(c, new AtomicLong());
        }
    }

    /** Seconds an access token lives. */
    public long expiresInSeconds() {
        return expiresInSeconds;
    }

    /**
     * A grant code for {@code user}, bound to the client and the redirect URI.
     *
     * @return the code, or empty if {@code clientId} is not the registered client
     */
    public Optional<String> authorize(String clientId, String redirectUri, String user) {
        if (!this.clientId.equals(clientId) || blank(redirectUri) || blank(user)
                || (redirectUri + user).indexOf('\n') >= 0) {
            return Optional.empty();
        }
        return Optional.of(sign(new Claims('c', user, clock.millis() + CODE_LIFETIME_MILLIS, nonce(), redirectUri)));
    }

    /** The outcome of a token request: tokens, or an error as Zoho words it. */
    public record TokenResult(String error, String accessToken, String refreshToken, long expiresIn) {

        static TokenResult failed(String error) {
            return new TokenResult(error, null, null, 0);
        }
    }

    /** The authorization-code grant: a new refresh token and access token; the code is spent. */
    public TokenResult exchangeCode(String clientId, String clientSecret, String redirectUri, String code) {
        count(Counter.TOKEN_REQUESTS);
        if (!clientMatches(clientId, clientSecret)) {
            return failure("invalid_client");
        }
        Optional<Claims> claims = verify(code, 'c');
        long now = clock.millis();
        if (claims.isEmpty() || claims.get().expiresAt() < now || !claims.get().extra().equals(redirectUri)) {
            return failure("invalid_code");
        }
        // putIfAbsent: of two requests with one code, only one gets tokens.
        if (usedCodes.putIfAbsent(claims.get().nonce(), claims.get().expiresAt()) != null) {
            return failure("invalid_code");
        }
        usedCodes.values().removeIf(expiry -> expiry < now);
        String refreshNonce = nonce();
        String refreshToken = sign(new Claims('r', claims.get().user(), 0, refreshNonce, ""));
        count(Counter.CODE_GRANTS);
        return new TokenResult(null, accessToken(claims.get().user(), refreshNonce), refreshToken, expiresInSeconds);
    }

    /** The refresh-token grant: a new access token, no new refresh token. */
    public TokenResult refresh(String clientId, String clientSecret, String refreshToken) {
        count(Counter.TOKEN_REQUESTS);
        if (!clientMatches(clientId, clientSecret)) {
            return failure("invalid_client");
        }
        Optional<Claims> claims = verify(refreshToken, 'r');
        if (claims.isEmpty() || revoked.containsKey(claims.get().nonce())) {
            return failure("invalid_code");
        }
        count(Counter.REFRESH_GRANTS);
        return new TokenResult(null, accessToken(claims.get().user(), claims.get().nonce()), null, expiresInSeconds);
    }

    /** A request the token endpoint cannot take (unknown grant type): counted as an error. */
    public TokenResult unsupported(String error) {
        count(Counter.TOKEN_REQUESTS);
        return failure(error);
    }

    /**
     * Revokes a refresh token and every access token issued with it.
     *
     * @return whether the token was a valid refresh token
     */
    public boolean revoke(String refreshToken) {
        Optional<Claims> claims = verify(refreshToken, 'r');
        claims.ifPresent(c -> {
            revoked.put(c.nonce(), Boolean.TRUE);
            count(Counter.REVOCATIONS);
        });
        return claims.isPresent();
    }

    /**
     * The user an access token belongs to, for a CRM call.
     *
     * @return the user, or empty if the token is unknown, expired or revoked
     */
    public Optional<String> userOf(String accessToken) {
        count(Counter.CRM_REQUESTS);
        Optional<String> user = verify(accessToken, 'a')
                .filter(c -> c.expiresAt() >= clock.millis() && !revoked.containsKey(c.extra()))
                .map(Claims::user);
        if (user.isEmpty()) {
            count(Counter.CRM_REJECTED);
        }
        return user;
    }

    /** The counters since the server started. */
    public Map<Counter, Long> counters() {
        Map<Counter, Long> copy = new EnumMap<>(Counter.class);
        counters.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    private String accessToken(String user, String refreshNonce) {
        return sign(new Claims('a', user, clock.millis() + expiresInSeconds * 1000, nonce(), refreshNonce));
    }

    private TokenResult failure(String error) {
        count(Counter.TOKEN_ERRORS);
        return TokenResult.failed(error);
    }

    private void count(Counter counter) {
        counters.get(counter).incrementAndGet();
    }

    private boolean clientMatches(String clientId, String clientSecret) {
        return this.clientId.equals(clientId) && clientSecret != null
                && MessageDigest.isEqual(this.clientSecret, clientSecret.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * What a code or token says: its kind ({@code c}ode, {@code a}ccess, {@code r}efresh), whose it is,
     * when it expires (epoch millis, 0 for never), a nonce, and the redirect URI (codes) or the refresh
     * token's nonce (access tokens).
     */
    private record Claims(char kind, String user, long expiresAt, String nonce, String extra) {

        String encode() {
            return kind + "\n" + user + "\n" + expiresAt + "\n" + nonce + "\n" + extra;
        }

        static Optional<Claims> decode(String text) {
            String[] parts = text.split("\n", -1);
            if (parts.length != 5 || parts[0].length() != 1) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Claims(parts[0].charAt(0), parts[1], Long.parseLong(parts[2]), parts[3],
                        parts[4]));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    private String sign(Claims claims) {
        String payload = BASE64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
        return TOKEN_PREFIX + payload + "." + BASE64.encodeToString(mac(payload));
    }

    private Optional<Claims> verify(String token, char kind) {
        if (token == null || !token.startsWith(TOKEN_PREFIX)) {
            return Optional.empty();
        }
        String[] parts = token.substring(TOKEN_PREFIX.length()).split("\\.", -1);
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            if (!MessageDigest.isEqual(mac(parts[0]), BASE64_DECODER.decode(parts[1]))) {
                return Optional.empty();
            }
            return Claims.decode(new String(BASE64_DECODER.decode(parts[0]), StandardCharsets.UTF_8))
                    .filter(c -> c.kind() == kind);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String payload) {
        try {
            // A Mac is not thread-safe: one per call.
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has HmacSHA256", e);
        }
    }

    private String nonce() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return BASE64.encodeToString(bytes);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String required(String name, String value) {
        if (blank(value)) {
            throw new IllegalArgumentException(name + " is blank; the fake Zoho server needs it");
        }
        return value;
    }
}
