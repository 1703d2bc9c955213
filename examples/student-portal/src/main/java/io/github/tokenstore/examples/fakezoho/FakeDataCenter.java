package io.github.tokenstore.examples.fakezoho;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Base64;
import java.util.Date;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One data center of the fake Zoho (e.g. {@code us} or {@code eu}): its accounts server and CRM API, with
 * Zoho's rules for what the library sees: single-use grant codes that live 3 minutes, short-lived access
 * tokens, errors as values, and for an {@code openid} login an ID token signed (RS256) with this data
 * center's own RSA key, published as its JWKS.
 *
 * <p>Codes and tokens are signed with HMAC-SHA256 under a key of this data center
 * ({@code 1000.<payload>.<signature>}), so a code or token of another data center is unknown here, and
 * tokens issued before a server restart stay valid after it, as Zoho's do. The RSA key is made at start:
 * ID tokens are checked once, at the login. Used codes, revocations and counters live in memory. Not
 * emulated: Zoho's rate limits and its caps on tokens per user. Thread-safe.
 */
public final class FakeDataCenter {

    /** How long a grant code lives, as on Zoho. */
    static final long CODE_LIFETIME_MILLIS = 180_000;
    /** How long an ID token lives. */
    static final long ID_TOKEN_LIFETIME_MILLIS = 3_600_000;
    private static final String TOKEN_PREFIX = "1000.";
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64_DECODER = Base64.getUrlDecoder();

    private final String location;
    private final String clientId;
    private final byte[] clientSecret;
    private final byte[] signingKey;
    private final RSAKey idTokenKey;
    private final long expiresInSeconds;
    private final Clock clock;
    private final SecureRandom random;

    /** Nonces of used codes → when they expire, so a code works once. */
    private final Map<String, Long> usedCodes = new ConcurrentHashMap<>();
    /** Nonces of revoked refresh tokens; their access tokens die with them. */
    private final Map<String, Boolean> revoked = new ConcurrentHashMap<>();
    private final Map<Counter, AtomicLong> counters = new ConcurrentHashMap<>();

    /** What a data center counts, for tests and the demo's status page. */
    public enum Counter {
        /** Every request to this data center's accounts server or API, except its counters. */
        REQUESTS,
        /** Authorize-page requests that issued a grant code. */
        AUTHORIZATIONS,
        /** Every request to the token endpoint, whatever its outcome. */
        TOKEN_REQUESTS,
        /** Successful authorization-code grants. */
        CODE_GRANTS,
        /** Successful refresh-token grants. */
        REFRESH_GRANTS,
        /** Token-endpoint requests answered with an {@code error}. */
        TOKEN_ERRORS,
        /** ID tokens issued (authorization-code grants of an {@code openid} login). */
        ID_TOKENS,
        /** Requests for the discovery document. */
        DISCOVERY_REQUESTS,
        /** Requests for the JWKS. */
        KEY_REQUESTS,
        /** Revocations of a valid refresh token. */
        REVOCATIONS,
        /** CRM requests, whatever their outcome. */
        CRM_REQUESTS,
        /** CRM requests answered 401. */
        CRM_REJECTED
    }

    /**
     * @param location         the data center's code as Zoho's {@code location} parameter writes it, e.g. {@code eu}
     * @param clientId         the one registered client (the same in every data center)
     * @param clientSecret     its secret in this data center
     * @param signingKey       signs codes and tokens; keep it across restarts so tokens stay valid
     * @param expiresInSeconds how long an access token lives, at least 1
     * @param clock            the time codes and tokens are issued and checked by
     * @param random           the nonces' and the RSA key's source
     * @throws IllegalArgumentException if an argument is blank or {@code expiresInSeconds} < 1
     */
    public FakeDataCenter(String location, String clientId, String clientSecret, String signingKey,
                          long expiresInSeconds, Clock clock, SecureRandom random) {
        this(location, clientId, clientSecret, signingKey, expiresInSeconds, clock, random,
                rsaKey(required("location", location), random));
    }

    /** With a given RSA key for the ID tokens (tests share one: making a key takes a while). */
    FakeDataCenter(String location, String clientId, String clientSecret, String signingKey,
                   long expiresInSeconds, Clock clock, SecureRandom random, RSAKey idTokenKey) {
        this.location = required("location", location);
        this.clientId = required("clientId", clientId);
        this.clientSecret = required("clientSecret", clientSecret).getBytes(StandardCharsets.UTF_8);
        // One key per data center: a code of one is unknown at the others, as on Zoho.
        this.signingKey = (required("signingKey", signingKey) + "\n" + location).getBytes(StandardCharsets.UTF_8);
        if (expiresInSeconds < 1) {
            throw new IllegalArgumentException("expiresInSeconds is " + expiresInSeconds + "; it must be at least 1");
        }
        this.expiresInSeconds = expiresInSeconds;
        this.clock = clock;
        this.random = random;
        this.idTokenKey = idTokenKey;
        for (Counter c : Counter.values()) {
            counters.put(c, new AtomicLong());
        }
    }

    /** The data center's code, e.g. {@code eu}. */
    public String location() {
        return location;
    }

    /** Seconds an access token lives. */
    public long expiresInSeconds() {
        return expiresInSeconds;
    }

    /** Whether {@code clientId} is the registered client. */
    public boolean registered(String clientId) {
        return this.clientId.equals(clientId);
    }

    /** What the authorize page was asked for: the parts the grant code carries to the token endpoint. */
    public record AuthorizeRequest(String clientId, String redirectUri, String scope, String nonce,
                                   boolean offline) {
    }

    /**
     * A grant code for {@code user}, bound to the client and the redirect URI, carrying the scope, the
     * OpenID Connect nonce and whether a refresh token was asked for ({@code access_type=offline}).
     *
     * @return the code, or empty if the client is not the registered one or an argument is unusable
     */
    public Optional<String> authorize(AuthorizeRequest request, String user) {
        if (!clientId.equals(request.clientId()) || blank(request.redirectUri()) || blank(user)
                || hasNewline(request.redirectUri(), user, request.scope(), request.nonce())) {
            return Optional.empty();
        }
        count(Counter.AUTHORIZATIONS);
        return Optional.of(sign(new Claims('c', user, clock.millis() + CODE_LIFETIME_MILLIS, nonce(),
                request.redirectUri(), orEmpty(request.scope()), orEmpty(request.nonce()),
                request.offline() ? "offline" : "")));
    }

    /** The outcome of a token request: tokens, or an error as Zoho words it. */
    public record TokenResult(String error, String accessToken, String refreshToken, String idToken,
                              long expiresIn) {

        static TokenResult failed(String error) {
            return new TokenResult(error, null, null, null, 0);
        }

        /** Never a token: the error or which tokens there are. */
        @Override
        public String toString() {
            return error != null ? "TokenResult[error=" + error + "]" : "TokenResult[access token"
                    + (refreshToken != null ? ", refresh token" : "") + (idToken != null ? ", ID token" : "") + "]";
        }
    }

    /**
     * The authorization-code grant: an access token, a refresh token if the login asked for
     * {@code access_type=offline}, and an ID token (issuer {@code accountsUrl}, audience the client id)
     * if it asked for the {@code openid} scope; the code is spent.
     *
     * @param accountsUrl this data center's accounts URL as the client sees it: the ID token's {@code iss}
     */
    public TokenResult exchangeCode(String clientId, String clientSecret, String redirectUri, String code,
                                    String accountsUrl) {
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
        Claims c = claims.get();
        String refreshNonce = nonce();
        String refreshToken = c.accessType().equals("offline")
                ? sign(new Claims('r', c.user(), 0, refreshNonce, "", "", "", "")) : null;
        String idToken = scopes(c.scope()).contains("openid") ? idToken(c.user(), c.oidcNonce(), accountsUrl) : null;
        count(Counter.CODE_GRANTS);
        return new TokenResult(null, accessToken(c.user(), refreshNonce), refreshToken, idToken, expiresInSeconds);
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
        return new TokenResult(null, accessToken(claims.get().user(), claims.get().nonce()), null, null,
                expiresInSeconds);
    }

    /** A request the token endpoint cannot take (unknown grant type): counted as an error. */
    public TokenResult unsupported(String error) {
        count(Counter.TOKEN_REQUESTS);
        return failure(error);
    }

    /**
     * Revokes a refresh token of this data center and every access token issued with it.
     *
     * @return whether the token was a valid refresh token of this data center
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
     * @return the user, or empty if the token is unknown here, expired or revoked
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

    /** The public key ID tokens are signed with, as a JWK set (what {@code jwks_uri} answers). */
    public String jwks() {
        count(Counter.KEY_REQUESTS);
        return new JWKSet(idTokenKey.toPublicJWK()).toString();
    }

    /** The ID of the key ID tokens are signed with ({@code kid}). */
    public String keyId() {
        return idTokenKey.getKeyID();
    }

    /** Counts a request for the discovery document. */
    public void discovered() {
        count(Counter.DISCOVERY_REQUESTS);
    }

    /** Counts a request to this data center (anything but its counters). */
    public void requested() {
        count(Counter.REQUESTS);
    }

    /** The counters since the server started. */
    public Map<Counter, Long> counters() {
        Map<Counter, Long> copy = new EnumMap<>(Counter.class);
        counters.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /**
     * Zoho's user id for an e-mail address: digits, the same for the same address (the ID token's {@code sub}).
     */
    static String userId(String email) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(email.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return "7" + Long.toUnsignedString(Long.parseUnsignedLong(HexFormat.of().formatHex(digest, 0, 7), 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Zoho writes scopes comma-separated; OpenID Connect clients write them space-separated. */
    static List<String> scopes(String scope) {
        return scope == null || scope.isBlank() ? List.of() : List.of(scope.strip().split("[,\\s]+"));
    }

    private String idToken(String user, String oidcNonce, String accountsUrl) {
        long now = clock.millis();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(accountsUrl)
                .subject(userId(user))
                .audience(clientId)
                .issueTime(new Date(now))
                .expirationTime(new Date(now + ID_TOKEN_LIFETIME_MILLIS))
                .claim("email", user)
                .claim("email_verified", true)
                .claim("name", user.substring(0, Math.max(1, user.indexOf('@'))));
        if (!oidcNonce.isEmpty()) {
            claims.claim("nonce", oidcNonce);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(idTokenKey.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims.build());
        try {
            jwt.sign(new RSASSASigner(idTokenKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("signing with a fresh RSA key failed", e);
        }
        count(Counter.ID_TOKENS);
        return jwt.serialize();
    }

    private String accessToken(String user, String refreshNonce) {
        return sign(new Claims('a', user, clock.millis() + expiresInSeconds * 1000, nonce(), refreshNonce, "", "", ""));
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
     * when it expires (epoch millis, 0 for never), a nonce, the redirect URI (codes) or the refresh
     * token's nonce (access tokens), and for codes the scope, the OpenID Connect nonce and the access type.
     */
    private record Claims(char kind, String user, long expiresAt, String nonce, String extra, String scope,
                          String oidcNonce, String accessType) {

        String encode() {
            return String.join("\n", String.valueOf(kind), user, String.valueOf(expiresAt), nonce, extra, scope,
                    oidcNonce, accessType);
        }

        static Optional<Claims> decode(String text) {
            String[] parts = text.split("\n", -1);
            if (parts.length != 8 || parts[0].length() != 1) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Claims(parts[0].charAt(0), parts[1], Long.parseLong(parts[2]), parts[3],
                        parts[4], parts[5], parts[6], parts[7]));
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

    static RSAKey rsaKey(String location, SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, random);
            KeyPair pair = generator.generateKeyPair();
            byte[] kid = new byte[6];
            random.nextBytes(kid);
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                    .privateKey(pair.getPrivate())
                    .keyID(location + "-" + BASE64.encodeToString(kid))
                    .algorithm(JWSAlgorithm.RS256)
                    .keyUse(KeyUse.SIGNATURE)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform makes RSA keys", e);
        }
    }

    private static boolean hasNewline(String... values) {
        for (String v : values) {
            if (v != null && (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0)) {
                return true;
            }
        }
        return false;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
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
