package io.github.tokenstore.examples.fakeclassroom;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Date;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for a standard OpenID Connect provider, "Zylker Classroom", whose API lists a student's
 * courses: the portal's second OAuth client beside Zoho. It behaves as the strictest providers do
 * (Salesforce with rotation on, Microsoft Entra's single-page clients):
 * <ul>
 *   <li>codes are single use, live 60 seconds, and need the PKCE verifier of their S256 challenge;</li>
 *   <li>the client authenticates with HTTP Basic ({@code client_secret_basic}) only;</li>
 *   <li>every refresh answers with a new refresh token, and the old one is dead from then on: sending it
 *       again is {@code invalid_grant}, so a client that loses the new one makes its user log in again;</li>
 *   <li>RFC 7009 revocation kills the refresh token and the access tokens issued with it;</li>
 *   <li>an API call with an unknown or expired access token gets 401 with
 *       {@code WWW-Authenticate: Bearer error="invalid_token"} (RFC 6750).</li>
 * </ul>
 * State lives in memory (one server, unlike the fake Zoho, whose signed tokens survive restarts). Tokens
 * are kept by their SHA-256 only. Thread-safe.
 */
public final class FakeClassroom {

    /** How long a code lives. */
    static final long CODE_LIFETIME_MILLIS = 60_000;
    private static final long ID_TOKEN_LIFETIME_MILLIS = 600_000;
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    /** What the fake counts, for tests and the demo. */
    public enum Counter {
        /** Authorize requests that issued a code. */
        AUTHORIZATIONS,
        /** Every token-endpoint request, whatever its outcome. */
        TOKEN_REQUESTS,
        /** Successful authorization-code grants. */
        CODE_GRANTS,
        /** Successful refresh-token grants. */
        REFRESH_GRANTS,
        /** Token-endpoint requests answered with {@code invalid_grant}. */
        INVALID_GRANTS,
        /** Token-endpoint requests answered with another error. */
        TOKEN_ERRORS,
        /** Revocations of a live refresh token. */
        REVOCATIONS,
        /** API requests, whatever their outcome. */
        API_REQUESTS,
        /** API requests answered 401. */
        API_REJECTED
    }

    /** What the token endpoint answers: an error, or tokens. {@link #toString()} shows no token. */
    public record TokenResult(String error, String accessToken, String refreshToken, String idToken,
                              long expiresIn) {
        static TokenResult failed(String error) {
            return new TokenResult(error, null, null, null, 0);
        }

        @Override
        public String toString() {
            return error != null ? "TokenResult[error=" + error + "]" : "TokenResult[tokens, expiresIn=" + expiresIn + "]";
        }
    }

    private record Code(String user, String redirectUri, String challenge, String nonce, long expiresAt) {
    }

    private record Access(String user, long expiresAt, String refreshHash) {
    }

    private final String clientId;
    private final String clientSecret;
    private final long expiresInSeconds;
    private final Clock clock;
    private final SecureRandom random;
    private final RSAKey idTokenKey;
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    /** Live refresh tokens (by hash) → their user. A rotated or revoked one is removed. */
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, Access> accessTokens = new ConcurrentHashMap<>();
    private final Map<Counter, AtomicLong> counters = new EnumMap<>(Counter.class);

    /**
     * @param clientId         the one registered client
     * @param clientSecret     its secret
     * @param expiresInSeconds how long an access token lives, at least 1
     * @param clock            the time codes and tokens are issued and checked by
     * @param random           the tokens' source
     * @throws IllegalArgumentException if an argument is blank or {@code expiresInSeconds} < 1
     */
    public FakeClassroom(String clientId, String clientSecret, long expiresInSeconds, Clock clock,
                         SecureRandom random) {
        this.clientId = required("clientId", clientId);
        this.clientSecret = required("clientSecret", clientSecret);
        if (expiresInSeconds < 1) {
            throw new IllegalArgumentException("expiresInSeconds is " + expiresInSeconds + "; it must be at least 1");
        }
        this.expiresInSeconds = expiresInSeconds;
        this.clock = clock;
        this.random = random;
        try {
            this.idTokenKey = new RSAKeyGenerator(2048).keyID("classroom-1").keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).secureRandom(random).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make the fake classroom's RSA key", e);
        }
        for (Counter c : Counter.values()) {
            counters.put(c, new AtomicLong());
        }
    }

    /** Whether {@code id} is the registered client. */
    public boolean registered(String id) {
        return clientId.equals(id);
    }

    /**
     * A code for {@code user}, if the request is one the fake accepts: its client, {@code response_type=code},
     * an {@code openid} scope, a redirect URI and an S256 PKCE challenge.
     */
    public Optional<String> authorize(String client, String responseType, String redirectUri, String scope,
                                      String challenge, String challengeMethod, String nonce, String user) {
        if (!registered(client) || !"code".equals(responseType) || blank(redirectUri) || blank(user)
                || scope == null || !(" " + scope + " ").contains(" openid ")
                || blank(challenge) || !"S256".equals(challengeMethod)) {
            return Optional.empty();
        }
        String code = newToken("code");
        codes.put(hash(code), new Code(user, redirectUri, challenge, nonce, clock.millis() + CODE_LIFETIME_MILLIS));
        count(Counter.AUTHORIZATIONS);
        return Optional.of(code);
    }

    /**
     * The {@code authorization_code} grant: the code once, with its redirect URI and PKCE verifier, for the
     * client authenticated by {@code basicAuthorization} (the {@code Authorization} header).
     *
     * @param issuer the issuer the ID token names (the fake's URL as the client sees it)
     */
    public TokenResult exchangeCode(String basicAuthorization, String code, String redirectUri, String verifier,
                                    String issuer) {
        count(Counter.TOKEN_REQUESTS);
        if (!authenticates(basicAuthorization)) {
            return error("invalid_client");
        }
        Code c = code == null ? null : codes.remove(hash(code));
        if (c == null || clock.millis() >= c.expiresAt || !c.redirectUri.equals(redirectUri)
                || verifier == null || !BASE64.encodeToString(sha256(verifier)).equals(c.challenge)) {
            return invalidGrant();
        }
        count(Counter.CODE_GRANTS);
        return issue(c.user, c.nonce, issuer);
    }

    /** The {@code refresh_token} grant: a new access token and a new refresh token; the old one dies. */
    public TokenResult refresh(String basicAuthorization, String refreshToken) {
        count(Counter.TOKEN_REQUESTS);
        if (!authenticates(basicAuthorization)) {
            return error("invalid_client");
        }
        String user = refreshToken == null ? null : refreshTokens.remove(hash(refreshToken));
        if (user == null) {
            return invalidGrant();
        }
        count(Counter.REFRESH_GRANTS);
        return issue(user, null, null);
    }

    /** An error answer for an unsupported grant type. */
    public TokenResult unsupported() {
        count(Counter.TOKEN_REQUESTS);
        return error("unsupported_grant_type");
    }

    /**
     * RFC 7009: revokes a refresh token and the access tokens issued with it, or one access token. An unknown
     * token changes nothing (the endpoint answers 200 either way).
     *
     * @return whether a live refresh token was revoked
     */
    public boolean revoke(String basicAuthorization, String token) {
        if (!authenticates(basicAuthorization) || token == null) {
            return false;
        }
        accessTokens.remove(hash(token));
        if (!kill(token)) {
            return false;
        }
        count(Counter.REVOCATIONS);
        return true;
    }

    /**
     * The user withdraws the client's access in the provider's own settings: the refresh token and the access
     * tokens issued with it die, as with a revocation, but no client asked, so {@link Counter#REVOCATIONS} stays.
     *
     * @return whether {@code refreshToken} was live
     */
    public boolean withdraw(String refreshToken) {
        return refreshToken != null && kill(refreshToken);
    }

    private boolean kill(String refreshToken) {
        String h = hash(refreshToken);
        if (refreshTokens.remove(h) == null) {
            return false;
        }
        accessTokens.values().removeIf(a -> h.equals(a.refreshHash));
        return true;
    }

    /** The user of a live access token, for an API call; counts the call and a rejection. */
    public Optional<String> userOf(String accessToken) {
        count(Counter.API_REQUESTS);
        Access a = accessToken == null ? null : accessTokens.get(hash(accessToken));
        if (a == null || clock.millis() >= a.expiresAt) {
            count(Counter.API_REJECTED);
            return Optional.empty();
        }
        return Optional.of(a.user);
    }

    /** The public key ID tokens are signed with, as a JWK set. */
    public String jwks() {
        return new JWKSet(idTokenKey.toPublicJWK()).toString();
    }

    /** How long an access token lives. */
    public long expiresInSeconds() {
        return expiresInSeconds;
    }

    /** The counters since the server started. */
    public Map<Counter, Long> counters() {
        Map<Counter, Long> now = new EnumMap<>(Counter.class);
        counters.forEach((c, n) -> now.put(c, n.get()));
        return now;
    }

    /** How many refresh tokens are live: one per logged-in user and client, however often it refreshed. */
    public int liveRefreshTokens() {
        return refreshTokens.size();
    }

    /**
     * Whether the refresh token whose SHA-256 (lower-case hex, as the library's token table keeps it) is
     * {@code sha256} is live: issued and neither rotated away nor revoked. For tests, which see only digests.
     */
    public boolean refreshTokenLive(String sha256) {
        return sha256 != null && refreshTokens.containsKey(sha256.toLowerCase(Locale.ROOT));
    }

    private TokenResult issue(String user, String nonce, String issuer) {
        String refresh = newToken("rt");
        String access = newToken("at");
        refreshTokens.put(hash(refresh), user);
        accessTokens.put(hash(access), new Access(user, clock.millis() + expiresInSeconds * 1000, hash(refresh)));
        String idToken = issuer == null ? null : idToken(user, nonce, issuer);
        return new TokenResult(null, access, refresh, idToken, expiresInSeconds);
    }

    private String idToken(String user, String nonce, String issuer) {
        long now = clock.millis();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject("classroom-" + HexFormat.of().formatHex(sha256(user)).substring(0, 16))
                .audience(clientId)
                .issueTime(new Date(now))
                .expirationTime(new Date(now + ID_TOKEN_LIFETIME_MILLIS))
                .claim("email", user)
                .claim("email_verified", true);
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(idTokenKey.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims.build());
        try {
            jwt.sign(new RSASSASigner(idTokenKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an ID token", e);
        }
        return jwt.serialize();
    }

    /** Whether an {@code Authorization} header authenticates the registered client (HTTP Basic, RFC 6749 2.3.1). */
    public boolean authenticates(String basicAuthorization) {
        if (basicAuthorization == null || !basicAuthorization.startsWith("Basic ")) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(basicAuthorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        // RFC 6749 2.3.1: id and secret are form-encoded before they are joined.
        String expected = java.net.URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + java.net.URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), decoded.getBytes(StandardCharsets.UTF_8));
    }

    private TokenResult invalidGrant() {
        count(Counter.INVALID_GRANTS);
        return TokenResult.failed("invalid_grant");
    }

    private TokenResult error(String error) {
        count(Counter.TOKEN_ERRORS);
        return TokenResult.failed(error);
    }

    private void count(Counter counter) {
        counters.get(counter).incrementAndGet();
    }

    private String newToken(String kind) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return kind + "." + BASE64.encodeToString(bytes);
    }

    private static String hash(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String required(String name, String value) {
        if (blank(value)) {
            throw new IllegalArgumentException(name + " is blank");
        }
        return value;
    }
}
