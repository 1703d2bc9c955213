package io.github.tokenstore.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.auth.JWTAuthentication;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A standard OAuth 2.0 / OpenID Connect authorization server on loopback (127.0.0.1, port 0) that behaves as
 * the providers of issue 13 document and counts every request. Its state lives in the JVM that created it:
 * child JVMs reach it over loopback through {@link #url()} (pass it as a system property).
 *
 * <p>Endpoints ({@code url()} + path):
 * <ul>
 *   <li>{@code GET /authorize} — the login page: issues a code for {@link #loginAs} and redirects (302) to the
 *       {@code redirect_uri} with {@code code} and {@code state}; with {@link #requirePkce} a request without an
 *       {@code S256} {@code code_challenge} is sent back with {@code error=invalid_request}.</li>
 *   <li>{@code POST /token} — {@code authorization_code} (single-use codes, redirect URI and PKCE verifier
 *       checked; an RS256 ID token when the scopes hold {@code openid}) and {@code refresh_token} (by
 *       {@link Mode}); the client authenticates as {@link #clientAuth} says, else 401 {@code invalid_client};
 *       a dead or unknown refresh token or code answers 400 {@code invalid_grant}.</li>
 *   <li>Client authentication by {@link ClientAuth#PRIVATE_KEY_JWT} is verified as a provider does: the
 *       signature against {@link #clientPublicKey}, the claims, the audience (the endpoint called) and the
 *       {@code jti} (once only); the accepted assertions are in {@link #assertions}, the reasons of refusals in
 *       {@link #assertionRefusals}.</li>
 *   <li>{@code POST /revoke} — RFC 7009: revokes a refresh token (and its access tokens) or an access token;
 *       200 also for an unknown token.</li>
 *   <li>{@code GET /.well-known/openid-configuration} and {@code GET /jwks} — discovery and the key set.</li>
 *   <li>{@code GET /api/me} — a resource: 200 with the subject for a live {@code Bearer} access token, else
 *       401 with {@code WWW-Authenticate: Bearer error="invalid_token"}.</li>
 * </ul>
 * Tokens are numbered ({@code access-1}, {@code refresh-1}, … in issue order, one sequence for both kinds).
 * Thread-safe; a test changes the public fields before the calls it means them for.
 */
public final class FakeOAuthServer implements AutoCloseable {

    /** How refreshes answer: the three behaviours of issue 13 (Zoho's is {@code oauth.FakeAccountsServer}). */
    public enum Mode {
        /** (a) Salesforce with rotation on: a new refresh token each refresh; the old one dies at its first use. */
        ROTATING_STRICT,
        /** (b) Microsoft Entra: a new refresh token each refresh; the old one stays valid. */
        ROTATING_LENIENT,
        /** (c) Google: a refresh answers without a refresh token; the one used stays valid. */
        NO_REFRESH_TOKEN
    }

    /** How the client must authenticate at the token and revocation endpoints. */
    public enum ClientAuth {
        /** {@code Authorization: Basic} (RFC 6749 2.3.1: form-encoded id and secret). */
        BASIC,
        /** {@code client_id} and {@code client_secret} in the form. */
        POST,
        /** A public client: {@code client_id} in the form, no secret (PKCE instead). */
        NONE,
        /**
         * RFC 7523 2.2: a {@code client_assertion} of type {@code …:jwt-bearer}, no secret and no Basic header; the
         * JWT signed by {@link #clientPublicKey}'s private key (RS256 for RSA, ES256 for EC), {@code iss} and {@code
         * sub} the client id, {@code aud} the endpoint called, {@code exp} after the fake's {@link #clock}, a
         * {@code jti} never seen before.
         */
        PRIVATE_KEY_JWT
    }

    /** A scripted answer: status, content type, body and extra headers. */
    public record Reply(int status, String contentType, String body, Map<String, String> headers) {
        public static Reply json(int status, String body) {
            return new Reply(status, "application/json;charset=UTF-8", body, Map.of());
        }

        public static Reply html(int status, String body) {
            return new Reply(status, "text/html;charset=UTF-8", body, Map.of());
        }

        public Reply header(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, contentType, body, h);
        }
    }

    public static final String CLIENT_ID = "fake-client";
    public static final String CLIENT_SECRET = "fake-secret-do-not-show";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(16);
    private final RSAKey key;

    // Settings: change before the calls they are meant for.
    public volatile Mode mode;
    public volatile ClientAuth clientAuth = ClientAuth.BASIC;
    public volatile String clientId = CLIENT_ID;
    public volatile String clientSecret = CLIENT_SECRET;
    /** The key client assertions must verify with ({@link ClientAuth#PRIVATE_KEY_JWT}). */
    public volatile PublicKey clientPublicKey;
    /** Whether codes must come with an S256 challenge (and exchanges with its verifier). */
    public volatile boolean requirePkce = true;
    /** Who logs in at {@code /authorize}: the {@code sub} and {@code email} of the ID token. */
    public volatile String loginAs = "ana@zylker.example";
    /** The {@code expires_in} of access tokens; {@code null}: none in the answer (Salesforce). */
    public volatile Long expiresInSeconds = 3600L;
    /** If set, token answers carry it as {@code instance_url} (Salesforce's API base). */
    public volatile String instanceUrl;
    /** The discovery document's {@code issuer} and the ID tokens' {@code iss}; {@code null}: {@link #url()}. */
    public volatile String issuer;
    /** If set, served as the discovery document instead of the real one (hostile documents). */
    public volatile String discoveryDocument;
    /** Time every token-endpoint answer takes (a slow provider); zero by default. */
    public volatile Duration delay = Duration.ZERO;
    /** If set, refresh requests are answered only once it is counted down (at most a minute later). */
    public volatile java.util.concurrent.CountDownLatch holdRefreshes;
    /** The time of ID tokens' {@code iat}/{@code exp}. */
    public volatile Clock clock = Clock.systemUTC();
    /** Answers for the next token-endpoint calls, taken in order before anything else (HTML, 500, 429…). */
    public final Queue<Reply> nextTokenReplies = new ConcurrentLinkedQueue<>();

    // Counters of each request kind.
    public final AtomicInteger authorizeCalls = new AtomicInteger();
    public final AtomicInteger grantCalls = new AtomicInteger();
    public final AtomicInteger refreshCalls = new AtomicInteger();
    public final AtomicInteger revokeCalls = new AtomicInteger();
    public final AtomicInteger discoveryCalls = new AtomicInteger();
    public final AtomicInteger jwksCalls = new AtomicInteger();
    public final AtomicInteger apiCalls = new AtomicInteger();
    /** Token-endpoint answers with {@code invalid_grant}. */
    public final AtomicInteger invalidGrants = new AtomicInteger();
    /** Token-endpoint answers with {@code invalid_client}. */
    public final AtomicInteger invalidClients = new AtomicInteger();
    /** The form of every token-endpoint call, in order (the test's view of what was sent). */
    public final List<Map<String, String>> tokenForms = new CopyOnWriteArrayList<>();
    /** The {@code Authorization} header of every token-endpoint call ({@code null} if none). */
    public final List<String> tokenAuthorizations = Collections.synchronizedList(new ArrayList<>());
    /** Every client assertion accepted, token and revocation endpoint, in order. */
    public final List<SignedJWT> assertions = new CopyOnWriteArrayList<>();
    /** Why each refused client assertion was refused, in order (e.g. {@code "bad signature"}). */
    public final List<String> assertionRefusals = new CopyOnWriteArrayList<>();

    // State, guarded by this.
    private int sequence;
    private final Map<String, Code> codes = new HashMap<>();
    private final Map<String, Grant> refreshTokens = new HashMap<>();
    private final Map<String, String> accessTokens = new HashMap<>();
    private final Set<String> usedAssertionIds = new HashSet<>();

    private record Code(String subject, String redirectUri, String scope, String challenge, String nonce) {
    }

    /**
     * One refresh token: whose, its scope, whether it still refreshes ({@code alive}: false once rotated away in
     * {@link Mode#ROTATING_STRICT}, or revoked) and whether it was revoked (then its access tokens die too).
     */
    private static final class Grant {
        final String subject;
        final String scope;
        boolean alive = true;
        boolean revoked;

        Grant(String subject, String scope) {
            this.subject = subject;
            this.scope = scope;
        }
    }

    /** A server in {@code mode}, client {@link #CLIENT_ID} with {@code client_secret_basic}, PKCE required. */
    public FakeOAuthServer(Mode mode) throws IOException {
        this.mode = mode;
        this.key = Keys.RSA;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.createContext("/revoke", this::revoke);
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.createContext("/jwks", this::jwks);
        server.createContext("/api/me", this::api);
        server.setExecutor(threads);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>}: the issuer, and the base of every endpoint. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public URI authorizationEndpoint() {
        return URI.create(url() + "/authorize");
    }

    public URI tokenEndpoint() {
        return URI.create(url() + "/token");
    }

    public URI revocationEndpoint() {
        return URI.create(url() + "/revoke");
    }

    public URI jwksUri() {
        return URI.create(url() + "/jwks");
    }

    /** The resource that checks access tokens. */
    public URI apiUri() {
        return URI.create(url() + "/api/me");
    }

    /** The issuer the server names: {@link #issuer} if set, else {@link #url()}. */
    public String issuerName() {
        String iss = issuer;
        return iss != null ? iss : url().toString();
    }

    /** The public key set (also at {@code /jwks}). */
    public String jwks() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    /**
     * A code as {@code /authorize} would issue it, without the browser.
     *
     * @param subject       who logged in
     * @param redirectUri   the redirect URI the exchange must name, or {@code null} for none
     * @param scope         the granted scopes (space-separated); {@code openid} among them gives an ID token
     * @param codeChallenge the S256 challenge, or {@code null}
     * @param nonce         the ID token's nonce, or {@code null}
     */
    public synchronized String issueCode(String subject, String redirectUri, String scope, String codeChallenge,
                                         String nonce) {
        String code = "code-" + (++sequence);
        codes.put(code, new Code(subject, redirectUri, scope, codeChallenge, nonce));
        return code;
    }

    /** A refresh token (and an access token) for {@code subject}, as if a login had happened. */
    public synchronized String issueRefreshToken(String subject, String scope) {
        String refresh = "refresh-" + (++sequence);
        refreshTokens.put(refresh, new Grant(subject, scope));
        return refresh;
    }

    /** Whose the refresh token is (alive, rotated away or revoked), or {@code null} if this server never issued it. */
    public synchronized String ownerOfRefreshToken(String refreshToken) {
        Grant g = refreshTokens.get(refreshToken);
        return g == null ? null : g.subject;
    }

    /** Whether the refresh token would still be accepted. */
    public synchronized boolean isAlive(String refreshToken) {
        Grant g = refreshTokens.get(refreshToken);
        return g != null && g.alive;
    }

    /** Whether the access token would still be accepted at {@code /api/me}. */
    public synchronized boolean isAccessTokenAlive(String accessToken) {
        return subjectOf(accessToken) != null;
    }

    /** Whose the access token is, or {@code null} if it is unknown, expired or revoked. */
    private synchronized String subjectOf(String accessToken) {
        String owner = accessToken == null ? null : accessTokens.get(accessToken);
        Grant g = owner == null ? null : refreshTokens.get(owner);
        return g != null && !g.revoked ? g.subject : null;
    }

    /** The newest refresh token issued to {@code subject} that still works, or {@code null}. */
    public synchronized String newestRefreshToken(String subject) {
        String newest = null;
        int best = -1;
        for (Map.Entry<String, Grant> e : refreshTokens.entrySet()) {
            int n = Integer.parseInt(e.getKey().substring("refresh-".length()));
            if (e.getValue().alive && e.getValue().subject.equals(subject) && n > best) {
                best = n;
                newest = e.getKey();
            }
        }
        return newest;
    }

    /** Revokes a refresh token and its access tokens, as a user removing the app at the provider would. */
    public synchronized void kill(String refreshToken) {
        Grant g = refreshTokens.get(refreshToken);
        if (g != null) {
            g.alive = false;
            g.revoked = true;
        }
    }

    /** Makes every access token issued so far fail at {@code /api/me} (they expired early). */
    public synchronized void expireAccessTokens() {
        accessTokens.clear();
    }

    /** Every request answered, of any kind. */
    public int requests() {
        return authorizeCalls.get() + grantCalls.get() + refreshCalls.get() + revokeCalls.get()
                + discoveryCalls.get() + jwksCalls.get() + apiCalls.get();
    }

    // The endpoints.

    private void authorize(HttpExchange exchange) throws IOException {
        try (exchange) {
            authorizeCalls.incrementAndGet();
            Map<String, String> q = parse(exchange.getRequestURI().getRawQuery());
            String redirect = q.get("redirect_uri");
            if (redirect == null || !clientId.equals(q.get("client_id")) || !"code".equals(q.get("response_type"))) {
                send(exchange, Reply.html(400, "<html>bad authorization request</html>"));
                return;
            }
            String challenge = q.get("code_challenge");
            String location;
            if (requirePkce && (challenge == null || !"S256".equals(q.get("code_challenge_method")))) {
                location = redirect + "?error=invalid_request&state=" + encode(q.getOrDefault("state", ""));
            } else {
                String code = issueCode(loginAs, redirect, q.getOrDefault("scope", ""), challenge, q.get("nonce"));
                location = redirect + (redirect.contains("?") ? "&" : "?") + "code=" + encode(code)
                        + (q.containsKey("state") ? "&state=" + encode(q.get("state")) : "");
            }
            exchange.getResponseHeaders().set("Location", location);
            exchange.sendResponseHeaders(302, -1);
        }
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            tokenForms.add(form);
            tokenAuthorizations.add(authorization);
            boolean refresh = "refresh_token".equals(form.get("grant_type"));
            (refresh ? refreshCalls : grantCalls).incrementAndGet();
            if (refresh) {
                awaitHold();
            }
            pause();
            Reply scripted = nextTokenReplies.poll();
            if (scripted != null) {
                send(exchange, scripted);
                return;
            }
            if (!authenticated(form, authorization, tokenEndpoint())) {
                invalidClients.incrementAndGet();
                send(exchange, error(401, "invalid_client", "client authentication failed")
                        .header("WWW-Authenticate", "Basic realm=\"token\""));
                return;
            }
            Reply reply = switch (String.valueOf(form.get("grant_type"))) {
                case "authorization_code" -> exchangeCode(form);
                case "refresh_token" -> refresh(form);
                default -> error(400, "unsupported_grant_type", "only authorization_code and refresh_token");
            };
            if (reply.body().contains("\"invalid_grant\"")) {
                invalidGrants.incrementAndGet();
            }
            send(exchange, reply);
        }
    }

    private synchronized Reply exchangeCode(Map<String, String> form) {
        Code code = codes.remove(String.valueOf(form.get("code")));
        if (code == null) {
            return error(400, "invalid_grant", "the code is unknown or used");
        }
        if (code.redirectUri() != null && !code.redirectUri().equals(form.get("redirect_uri"))) {
            return error(400, "invalid_grant", "redirect_uri differs from the authorization request's");
        }
        String verifier = form.get("code_verifier");
        if (code.challenge() != null ? verifier == null || !code.challenge().equals(s256(verifier))
                : requirePkce || verifier != null) {
            return error(400, "invalid_grant", "PKCE verification failed");
        }
        String refresh = "refresh-" + (++sequence);
        refreshTokens.put(refresh, new Grant(code.subject(), code.scope()));
        Map<String, Object> body = tokens(refresh, refresh, code.scope());
        if (List.of(code.scope().split(" ")).contains("openid")) {
            body.put("id_token", idToken(code.subject(), code.nonce()));
        }
        return Reply.json(200, JSONObjectUtils.toJSONString(body));
    }

    private synchronized Reply refresh(Map<String, String> form) {
        String used = String.valueOf(form.get("refresh_token"));
        Grant grant = refreshTokens.get(used);
        if (grant == null || !grant.alive) {
            return error(400, "invalid_grant", "the refresh token is invalid, expired or revoked");
        }
        String next = null;
        String owner = used;
        if (mode != Mode.NO_REFRESH_TOKEN) {
            next = "refresh-" + (++sequence);
            refreshTokens.put(next, new Grant(grant.subject, grant.scope));
            owner = next;
            if (mode == Mode.ROTATING_STRICT) {
                grant.alive = false;
            }
        }
        return Reply.json(200, JSONObjectUtils.toJSONString(tokens(owner, next, grant.scope)));
    }

    /** A token answer's body: a new access token bound to {@code owner}, {@code refresh} if not null. */
    private Map<String, Object> tokens(String owner, String refresh, String scope) {
        String access = "access-" + (++sequence);
        accessTokens.put(access, owner);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", access);
        body.put("token_type", "Bearer");
        Long expires = expiresInSeconds;
        if (expires != null) {
            body.put("expires_in", expires);
        }
        if (refresh != null) {
            body.put("refresh_token", refresh);
        }
        if (scope != null && !scope.isEmpty()) {
            body.put("scope", scope);
        }
        String instance = instanceUrl;
        if (instance != null) {
            body.put("instance_url", instance);
        }
        return body;
    }

    private void revoke(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            revokeCalls.incrementAndGet();
            if (!authenticated(form, exchange.getRequestHeaders().getFirst("Authorization"), revocationEndpoint())) {
                invalidClients.incrementAndGet();
                send(exchange, error(401, "invalid_client", "client authentication failed"));
                return;
            }
            String token = form.get("token");
            if (token == null) {
                send(exchange, error(400, "invalid_request", "no token"));
                return;
            }
            synchronized (this) {
                kill(token);
                accessTokens.remove(token);
            }
            // RFC 7009 2.2: 200 also for a token that is unknown or already revoked.
            send(exchange, new Reply(200, "text/plain", "", Map.of()));
        }
    }

    private void discovery(HttpExchange exchange) throws IOException {
        try (exchange) {
            discoveryCalls.incrementAndGet();
            String document = discoveryDocument;
            if (document == null) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("issuer", issuerName());
                d.put("authorization_endpoint", authorizationEndpoint().toString());
                d.put("token_endpoint", tokenEndpoint().toString());
                d.put("revocation_endpoint", revocationEndpoint().toString());
                d.put("jwks_uri", jwksUri().toString());
                d.put("response_types_supported", List.of("code"));
                d.put("subject_types_supported", List.of("public"));
                d.put("id_token_signing_alg_values_supported", List.of("RS256"));
                d.put("code_challenge_methods_supported", List.of("S256"));
                d.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post",
                        "private_key_jwt"));
                d.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS256", "ES256"));
                document = JSONObjectUtils.toJSONString(d);
            }
            send(exchange, Reply.json(200, document));
        }
    }

    private void jwks(HttpExchange exchange) throws IOException {
        try (exchange) {
            jwksCalls.incrementAndGet();
            send(exchange, Reply.json(200, jwks()));
        }
    }

    private void api(HttpExchange exchange) throws IOException {
        try (exchange) {
            apiCalls.incrementAndGet();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String token = authorization != null && authorization.startsWith("Bearer ")
                    ? authorization.substring("Bearer ".length()) : null;
            String subject = subjectOf(token);
            if (subject == null) {
                send(exchange, error(401, "invalid_token", "the access token is invalid")
                        .header("WWW-Authenticate", "Bearer realm=\"api\", error=\"invalid_token\""));
                return;
            }
            send(exchange, Reply.json(200, JSONObjectUtils.toJSONString(Map.of("sub", subject))));
        }
    }

    // Helpers.

    private boolean authenticated(Map<String, String> form, String authorization, URI endpoint) {
        return switch (clientAuth) {
            case BASIC -> authorization != null && !form.containsKey("client_secret")
                    && authorization.equals(basic(clientId, clientSecret));
            case POST -> authorization == null && clientId.equals(form.get("client_id"))
                    && clientSecret.equals(form.get("client_secret"));
            case NONE -> authorization == null && clientId.equals(form.get("client_id"))
                    && !form.containsKey("client_secret");
            case PRIVATE_KEY_JWT -> assertionAccepted(form, authorization, endpoint);
        };
    }

    /** RFC 7523 3 and OpenID Connect Core 9, checked with Nimbus; why not goes to {@link #assertionRefusals}. */
    private boolean assertionAccepted(Map<String, String> form, String authorization, URI endpoint) {
        String refusal = assertionRefusal(form, authorization, endpoint);
        if (refusal != null) {
            assertionRefusals.add(refusal);
        }
        return refusal == null;
    }

    private String assertionRefusal(Map<String, String> form, String authorization, URI endpoint) {
        if (authorization != null || form.containsKey("client_secret")) {
            return "a secret besides the assertion";
        }
        if (!JWTAuthentication.CLIENT_ASSERTION_TYPE.equals(form.get("client_assertion_type"))) {
            return "client_assertion_type is " + form.get("client_assertion_type");
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        form.forEach((k, v) -> parameters.put(k, List.of(v)));
        PrivateKeyJWT jwt;
        try {
            jwt = PrivateKeyJWT.parse(parameters);
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            return "not a private_key_jwt assertion: " + e.getMessage();
        }
        SignedJWT assertion = jwt.getClientAssertion();
        PublicKey publicKey = clientPublicKey;
        JWSAlgorithm alg = assertion.getHeader().getAlgorithm();
        try {
            JWSVerifier verifier;
            if (publicKey instanceof RSAPublicKey rsa && JWSAlgorithm.RS256.equals(alg)) {
                verifier = new RSASSAVerifier(rsa);
            } else if (publicKey instanceof ECPublicKey ec && JWSAlgorithm.ES256.equals(alg)) {
                verifier = new ECDSAVerifier(ec);
            } else {
                return "alg " + alg + " does not fit the registered key";
            }
            if (!assertion.verify(verifier)) {
                return "bad signature";
            }
        } catch (JOSEException e) {
            return "unverifiable: " + e.getMessage();
        }
        JWTAuthenticationClaimsSet claims = jwt.getJWTAuthenticationClaimsSet();
        if (!clientId.equals(claims.getIssuer().getValue()) || !clientId.equals(claims.getSubject().getValue())
                || !clientId.equals(jwt.getClientID().getValue())
                || form.containsKey("client_id") && !clientId.equals(form.get("client_id"))) {
            return "iss or sub is not the client id";
        }
        if (!claims.getAudience().contains(new Audience(endpoint))) {
            return "aud " + claims.getAudience() + " is not " + endpoint;
        }
        if (claims.getExpirationTime() == null || !claims.getExpirationTime().toInstant().isAfter(clock.instant())) {
            return "expired";
        }
        synchronized (this) {
            if (claims.getJWTID() == null || !usedAssertionIds.add(claims.getJWTID().getValue())) {
                return "jti missing or used before";
            }
        }
        assertions.add(assertion);
        return null;
    }

    /** RFC 6749 2.3.1: id and secret form-encoded, then joined with a colon and base64-encoded. */
    public static String basic(String id, String secret) {
        String pair = encode(id) + ":" + encode(secret);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private String idToken(String subject, String nonce) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuerName()).audience(clientId)
                .subject("sub-" + subject).claim("email", subject).claim("email_verified", true)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                claims.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static Reply error(int status, String code, String description) {
        return Reply.json(status, JSONObjectUtils.toJSONString(Map.of("error", code, "error_description",
                description)));
    }

    private void awaitHold() {
        java.util.concurrent.CountDownLatch hold = holdRefreshes;
        if (hold != null) {
            try {
                hold.await(1, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void pause() {
        Duration d = delay;
        if (!d.isZero()) {
            try {
                // A slow provider: the answer takes this long (not a way to order events).
                Thread.sleep(d.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One signing key per JVM: 2048-bit RSA keys take a while to make. */
    private static final class Keys {
        static final RSAKey RSA = rsaKey();
    }

    private static RSAKey rsaKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID("fake-key-1").keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static Map<String, String> parse(String form) {
        Map<String, String> map = new LinkedHashMap<>();
        if (form == null || form.isEmpty()) {
            return map;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            map.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return map;
    }

    /** Names the mode and the address; never the client secret. */
    @Override
    public String toString() {
        return "FakeOAuthServer[" + mode + ", " + url() + "]";
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
