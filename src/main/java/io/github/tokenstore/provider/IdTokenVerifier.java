package io.github.tokenstore.provider;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import io.github.tokenstore.LoginException;
import io.github.tokenstore.login.LoginMessages;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks OpenID Connect ID tokens of one issuer for one client, with the keys of the issuer's discovery
 * document ({@code {issuer}/.well-known/openid-configuration}, its {@code jwks_uri}). The JOSE work
 * (parsing, key selection, signature verification) is Nimbus JOSE+JWT's.
 *
 * <ul>
 *   <li>The discovery document's {@code issuer} must be the accounts server it was fetched from (same scheme,
 *       host, port and path), and its {@code jwks_uri} must be on that server's origin: a forged document
 *       cannot point at other keys.</li>
 *   <li>Only asymmetric signatures are accepted (RS256/384/512, PS256/384/512, ES256/384/512): {@code alg:
 *       none} and HMAC (e.g. HS256 "signed" with the public key) are refused.</li>
 *   <li>{@code iss} = the document's issuer, {@code aud} holds the client id (and {@code azp} is the client id
 *       when there are several audiences), {@code exp} after now (by the given clock, {@value #SKEW_SECONDS}
 *       s leeway), {@code nonce} = the login's, {@code sub} and {@code email} present, {@code email_verified}
 *       not {@code false}.</li>
 *   <li>The document and keys are fetched on first use and cached; a {@code kid} not in the cached set
 *       fetches the set once more (a key rotation), at most once per {@value #REFETCH_INTERVAL_SECONDS}
 *       s.</li>
 * </ul>
 * Every failure is a {@link LoginException} with its own {@link LoginException.Failure}. Thread-safe.
 */
public final class IdTokenVerifier {

    /** Leeway for {@code exp}, for clocks that differ a little. */
    public static final long SKEW_SECONDS = 30;
    /** A key set is fetched again for an unknown {@code kid} at most this often. */
    public static final long REFETCH_INTERVAL_SECONDS = 30;

    private static final Set<JWSAlgorithm> ALLOWED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512);
    /** The largest discovery document or key set read. */
    private static final int MAX_BODY = 256 * 1024;

    private final URI accountsUrl;
    /** With {@link #forKeys}: the issuer and key set known already (discovered elsewhere, or a preset's). */
    private final String knownIssuer;
    private final URI jwksUri;
    private final String clientId;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final Clock clock;

    /** The issuer and keys once fetched; replaced whole, never changed. */
    private volatile Keys keys;
    private Instant lastRefetch;

    /**
     * @param accountsUrl    the accounts server (issuer) whose {@code /.well-known/openid-configuration} to read
     * @param clientId       the expected audience
     * @param http           the HTTP client (no redirects followed)
     * @param requestTimeout time for one request
     * @param clock          the time for {@code exp}
     */
    public IdTokenVerifier(URI accountsUrl, String clientId, HttpClient http, Duration requestTimeout, Clock clock) {
        this(Objects.requireNonNull(accountsUrl, "accountsUrl"), null, null, clientId, http, requestTimeout, clock);
    }

    private IdTokenVerifier(URI accountsUrl, String knownIssuer, URI jwksUri, String clientId, HttpClient http,
                            Duration requestTimeout, Clock clock) {
        this.accountsUrl = accountsUrl;
        this.knownIssuer = knownIssuer;
        this.jwksUri = jwksUri;
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.http = Objects.requireNonNull(http, "http");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A verifier for an issuer whose key set is known without this class reading a discovery document: a
     * generic provider that read (and checked) the document itself, or a preset (Google's keys are on another
     * host than its issuer, so the same-origin rule of the discovery case does not apply here). The key set is
     * fetched from {@code jwksUri} on first use and again for an unknown {@code kid}, as above.
     *
     * @param issuer  the exact {@code iss} of the ID tokens
     * @param jwksUri where the issuer publishes its keys
     */
    public static IdTokenVerifier forKeys(String issuer, URI jwksUri, String clientId, HttpClient http,
                                          Duration requestTimeout, Clock clock) {
        return new IdTokenVerifier(null, Objects.requireNonNull(issuer, "issuer"),
                Objects.requireNonNull(jwksUri, "jwksUri"), clientId, http, requestTimeout, clock);
    }

    /**
     * Checks {@code idToken}.
     *
     * @return who logged in
     * @throws LoginException if a check fails or the keys cannot be had
     */
    public VerifiedIdentity verify(String idToken, String expectedNonce) {
        if (idToken == null || idToken.isBlank()) {
            throw LoginMessages.failure(LoginException.Failure.ID_TOKEN_MISSING);
        }
        JWT parsed;
        try {
            parsed = JWTParser.parse(idToken);
        } catch (ParseException e) {
            throw LoginMessages.failure(LoginException.Failure.ID_TOKEN_UNSIGNED, "not a JWT", null);
        }
        if (!(parsed instanceof SignedJWT jwt)) {
            throw LoginMessages.failure(LoginException.Failure.ID_TOKEN_UNSIGNED, "alg " + parsed.getHeader().getAlgorithm(),
                    null);
        }
        JWSHeader header = jwt.getHeader();
        if (!ALLOWED.contains(header.getAlgorithm())) {
            throw LoginMessages.failure(LoginException.Failure.ID_TOKEN_ALGORITHM, "alg " + header.getAlgorithm(), null);
        }
        Keys k = keys();
        List<JWK> candidates = candidates(k.set, header);
        if (candidates.isEmpty() && header.getKeyID() != null) {
            // A key rotation at the provider: the set is fetched once more.
            Keys again = refetch(k);
            if (again != k) {
                k = again;
                candidates = candidates(k.set, header);
            }
        }
        if (candidates.isEmpty()) {
            throw LoginMessages.failure(LoginException.Failure.ID_TOKEN_UNKNOWN_KEY);
        }
        if (!verifies(jwt, candidates)) {
            throw LoginMessages.failure(LoginException.Failure.ID_TOKEN_SIGNATURE);
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw LoginMessages.failure(LoginException.Failure.ID_TOKEN_UNSIGNED, "claims are not a JSON object", null);
        }
        return checkClaims(claims, k.issuer, expectedNonce);
    }

    private VerifiedIdentity checkClaims(JWTClaimsSet claims, String issuer, String expectedNonce) {
        if (!issuer.equals(claims.getIssuer())) {
            throw LoginMessages.failure(LoginException.Failure.ID_TOKEN_ISSUER);
        }
        List<String> audience = claims.getAudience();
        Object azp = claims.getClaim("azp");
        if (!audience.contains(clientId) || (audience.size() > 1 && !clientId.equals(azp))) {
            throw LoginMessages.failure(LoginException.Failure.ID_TOKEN_AUDIENCE);
        }
        Date exp = claims.getExpirationTime();
        if (exp == null || !clock.instant().isBefore(exp.toInstant().plusSeconds(SKEW_SECONDS))) {
            throw LoginMessages.failure(LoginException.Failure.ID_TOKEN_EXPIRED);
        }
        Object nonce = claims.getClaim("nonce");
        if (!(nonce instanceof String n) || expectedNonce == null || !MessageDigest.isEqual(
                n.getBytes(StandardCharsets.UTF_8), expectedNonce.getBytes(StandardCharsets.UTF_8))) {
            throw LoginMessages.failure(LoginException.Failure.ID_TOKEN_NONCE);
        }
        Object email = claims.getClaim("email");
        Object verified = claims.getClaim("email_verified");
        String subject = claims.getSubject();
        if (!(email instanceof String e) || e.isBlank() || subject == null || subject.isBlank()
                || Boolean.FALSE.equals(verified) || "false".equals(verified)) {
            throw LoginMessages.failure(LoginException.Failure.ID_TOKEN_EMAIL);
        }
        return new VerifiedIdentity(subject, e.strip(), issuer);
    }

    private static List<JWK> candidates(JWKSet set, JWSHeader header) {
        JWSAlgorithm alg = header.getAlgorithm();
        JWKMatcher.Builder matcher = new JWKMatcher.Builder()
                .keyType(KeyType.forAlgorithm(alg))
                .keyUses(KeyUse.SIGNATURE, null)
                .algorithms(alg, null);
        if (header.getKeyID() != null) {
            matcher.keyID(header.getKeyID());
        }
        return new JWKSelector(matcher.build()).select(set);
    }

    private static boolean verifies(SignedJWT jwt, List<JWK> candidates) {
        DefaultJWSVerifierFactory factory = new DefaultJWSVerifierFactory();
        for (JWK jwk : candidates) {
            try {
                Key key = ((AsymmetricJWK) jwk).toPublicKey();
                JWSVerifier verifier = factory.createJWSVerifier(jwt.getHeader(), key);
                if (jwt.verify(verifier)) {
                    return true;
                }
            } catch (JOSEException | ClassCastException | IllegalStateException e) {
                // A key that cannot check this signature: try the next one.
            }
        }
        return false;
    }

    private Keys keys() {
        Keys k = keys;
        if (k != null) {
            return k;
        }
        synchronized (this) {
            if (keys == null) {
                keys = fetch();
            }
            return keys;
        }
    }

    private synchronized Keys refetch(Keys seen) {
        if (keys != seen) {
            return keys;
        }
        Instant now = clock.instant();
        if (lastRefetch != null && now.isBefore(lastRefetch.plusSeconds(REFETCH_INTERVAL_SECONDS))) {
            return seen;
        }
        lastRefetch = now;
        keys = fetch();
        return keys;
    }

    private Keys fetch() {
        if (jwksUri != null) {
            try {
                return new Keys(knownIssuer, JWKSet.parse(get(jwksUri)));
            } catch (ParseException | IllegalArgumentException e) {
                throw LoginMessages.failure(LoginException.Failure.PROVIDER_KEYS_UNAVAILABLE, "the key set is not a"
                        + " JWK set", null);
            }
        }
        URI discovery = URI.create(accountsUrl + "/.well-known/openid-configuration");
        Map<String, Object> document;
        try {
            document = JSONObjectUtils.parse(get(discovery));
        } catch (ParseException e) {
            throw LoginMessages.failure(LoginException.Failure.PROVIDER_KEYS_UNAVAILABLE, "the discovery document is not a"
                    + " JSON object", null);
        }
        Object issuer = document.get("issuer");
        if (!(issuer instanceof String iss) || !sameServer(iss, accountsUrl, true)) {
            throw LoginMessages.failure(LoginException.Failure.DISCOVERY_ISSUER, "expected " + accountsUrl, null);
        }
        Object keysUri = document.get("jwks_uri");
        if (!(keysUri instanceof String j) || !sameServer(j, accountsUrl, false)) {
            throw LoginMessages.failure(LoginException.Failure.PROVIDER_KEYS_UNAVAILABLE, "jwks_uri is missing or not on "
                    + accountsUrl, null);
        }
        try {
            return new Keys(iss, JWKSet.parse(get(URI.create(j))));
        } catch (ParseException | IllegalArgumentException e) {
            throw LoginMessages.failure(LoginException.Failure.PROVIDER_KEYS_UNAVAILABLE, "the key set is not a JWK set",
                    null);
        }
    }

    private String get(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .header("Accept", "application/json").GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(
                    StandardCharsets.UTF_8));
            if (response.statusCode() != 200 || response.body() == null || response.body().length() > MAX_BODY) {
                throw LoginMessages.failure(LoginException.Failure.PROVIDER_KEYS_UNAVAILABLE, "HTTP " + response.statusCode()
                        + " from " + uri.getHost(), null);
            }
            return response.body();
        } catch (IOException e) {
            throw LoginMessages.failure(LoginException.Failure.PROVIDER_KEYS_UNAVAILABLE, e.getClass().getSimpleName()
                    + " from " + uri.getHost(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LoginMessages.failure(LoginException.Failure.PROVIDER_KEYS_UNAVAILABLE, "interrupted", null);
        }
    }

    /**
     * Whether {@code value} is on the server {@code base}: same scheme, host and port, and, if {@code
     * exactly}, the same path (a trailing slash aside); else any path below it.
     */
    static boolean sameServer(String value, URI base, boolean exactly) {
        URI u;
        try {
            // Normalized: a jwks_uri of /base/../elsewhere is not below /base.
            u = new URI(value).normalize();
        } catch (URISyntaxException e) {
            return false;
        }
        if (!Objects.equals(u.getScheme(), base.getScheme()) || !Objects.equals(u.getHost(), base.getHost())
                || port(u) != port(base) || u.getRawUserInfo() != null || u.getRawFragment() != null) {
            return false;
        }
        String path = strip(u.getRawPath());
        String basePath = strip(base.getRawPath());
        return exactly ? path.equals(basePath) && u.getRawQuery() == null
                : path.equals(basePath) || path.startsWith(basePath + "/");
    }

    static int port(URI u) {
        if (u.getPort() != -1) {
            return u.getPort();
        }
        return "https".equals(u.getScheme()) ? 443 : "http".equals(u.getScheme()) ? 80 : -1;
    }

    private static String strip(String path) {
        String p = path == null ? "" : path;
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    @Override
    public String toString() {
        return "IdTokenVerifier[" + (accountsUrl != null ? accountsUrl : knownIssuer) + ", clientId=" + clientId + "]";
    }

    private record Keys(String issuer, JWKSet set) {
    }
}
