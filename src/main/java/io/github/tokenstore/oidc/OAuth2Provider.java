package io.github.tokenstore.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.Prompt;
import io.github.tokenstore.AccountsServerException;
import io.github.tokenstore.OAuthProviderException;
import io.github.tokenstore.ThrottledException;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.oauth.TokenResponse;
import io.github.tokenstore.provider.AuthorizationRequest;
import io.github.tokenstore.provider.IdTokenVerifier;
import io.github.tokenstore.provider.OAuthProvider;
import io.github.tokenstore.provider.ProviderError;
import io.github.tokenstore.provider.VerifiedIdentity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A standard OAuth 2.0 authorization server (RFC 6749, with PKCE of RFC 7636 and revocation of RFC 7009) as an
 * {@link OAuthProvider}, and, given an issuer, an OpenID Connect provider: its endpoints and keys discovered
 * from {@code {issuer}/.well-known/openid-configuration} (or a {@link ProviderPreset}'s), its ID tokens checked
 * by {@link IdTokenVerifier}.
 *
 * <p>The protocol messages are the Nimbus OAuth 2.0 SDK's: token requests ({@code authorization_code} with the
 * PKCE verifier, {@code refresh_token}), client authentication ({@code client_secret_basic} by default, {@code
 * client_secret_post}, {@code private_key_jwt} with a {@link ClientKey}, none for a public PKCE client), the
 * parsing of token and error answers, revocation requests, discovery documents, authorization URIs. The
 * transport is the JDK's {@link HttpClient}, as for Zoho's token endpoint: one request per call with the
 * connect and request timeouts, no redirects followed (a token endpoint that redirects is misconfigured, and a
 * redirect would carry the form elsewhere), HTTP/1.1, and an interrupt that ends the wait. Nimbus' own {@code HTTPRequest.send()} would use {@code
 * HttpURLConnection}, which cannot be interrupted and follows its own redirect setting.
 *
 * <p>Endpoints must be https; plain http only on loopback (tests and local fakes). The same rule holds for a
 * discovered endpoint and for an API base named by a token answer ({@code instance_url}).
 *
 * <p>Failures: {@link OAuthProviderException} for an OAuth error answer ({@code invalid_grant} → {@code
 * TOKENSTORE-1040}, {@code invalid_client} → 1041, others 1042), {@link ThrottledException} for HTTP 429 (and
 * 503 with {@code Retry-After}), {@link AccountsServerException} for an HTTP error without an OAuth error, a
 * timeout, a connection failure or a body that is not a token answer, {@link TokenStoreException} for a
 * failed discovery. No message, log or {@code toString()} holds the client secret or key, a client assertion,
 * a code, a verifier or a token. Immutable apart from the discovered endpoints, which are fetched once;
 * thread-safe.
 */
public final class OAuth2Provider implements OAuthProvider {

    /** How the client authenticates at the token and revocation endpoints. */
    public enum ClientAuth {
        /** {@code Authorization: Basic} with the form-encoded id and secret (RFC 6749 2.3.1); the default. */
        CLIENT_SECRET_BASIC,
        /** {@code client_id} and {@code client_secret} in the form. */
        CLIENT_SECRET_POST,
        /** A public client: {@code client_id} only; needs PKCE. */
        NONE,
        /**
         * A client assertion signed with the client's key (RFC 7523 2.2, OpenID Connect Core 9): {@code
         * client_assertion_type} and {@code client_assertion} in the form, no secret; see {@link ClientKey}.
         */
        PRIVATE_KEY_JWT
    }

    /** Default time to open a connection. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Default time for a whole request. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Default lifetime of an access token whose answer has no {@code expires_in}. */
    public static final Duration DEFAULT_EXPIRES_IN = Duration.ofHours(1);
    /** Scopes a login through an OpenID Connect provider asks for besides the configured ones. */
    public static final List<String> LOGIN_SCOPES = List.of("openid", "email");

    static final String GRANT = "code exchange";
    static final String REFRESH = "token refresh";
    static final String REVOKE = "token revocation";
    private static final String INVALID_SESSION_ID = "INVALID_SESSION_ID";
    private static final int MAX_ERROR_CODE_LENGTH = 100;
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,99}");

    private final ProviderPreset preset;
    private final String location;
    private final String clientId;
    private final String clientSecret;
    private final ClientKey clientKey;
    private final ClientAuth clientAuth;
    private final String redirectUri;
    private final List<String> scopes;
    private final boolean pkce;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Duration defaultExpiresIn;
    private final URI apiBase;
    private final Clock clock;
    private final HttpClient http;
    /** The issuer to discover the endpoints from, or {@code null} if all are known. */
    private final URI discoverFrom;
    /** The endpoints known without discovery (given, or the preset's); set as a whole once discovered. */
    private volatile Endpoints endpoints;
    private final Endpoints given;
    private volatile IdTokenVerifier idTokenVerifier;

    private OAuth2Provider(Builder b) {
        this.preset = b.preset;
        this.clientId = required("clientId", b.clientId);
        this.clientSecret = b.clientSecret == null || b.clientSecret.isBlank() ? null : b.clientSecret;
        this.clientKey = b.clientKey == null ? null : ClientKey.of(b.clientKey, b.clientKeyId, b.clientCertificate);
        this.clientAuth = clientAuth(b, clientSecret, clientKey);
        this.pkce = b.pkce;
        if (clientAuth == ClientAuth.NONE && !pkce) {
            throw OidcMessages.publicClientWithoutPkce();
        }
        if (clientAuth != ClientAuth.NONE && clientAuth != ClientAuth.PRIVATE_KEY_JWT && clientSecret == null) {
            throw argumentMissing("clientSecret");
        }
        this.redirectUri = b.redirectUri == null || b.redirectUri.isBlank() ? null : b.redirectUri;
        this.connectTimeout = positive("connectTimeout", b.connectTimeout);
        this.requestTimeout = positive("requestTimeout", b.requestTimeout);
        this.defaultExpiresIn = positive("defaultExpiresIn", b.defaultExpiresIn);
        this.clock = Objects.requireNonNull(b.clock, "clock");
        String tenant = b.tenant == null ? "common" : b.tenant.strip();
        if (!TENANT.matcher(tenant).matches()) {
            throw OidcMessages.endpointInvalid("tenant", "is not a tenant id or domain");
        }

        URI issuer = check("issuer", b.issuer);
        // An explicit issuer replaces the preset's endpoints by discovery; explicit endpoints beat both.
        boolean presetEndpoints = preset != null && issuer == null;
        URI presetIssuer = presetEndpoints && preset.fixedIssuer(tenant) ? preset.issuer(tenant) : null;
        this.given = new Endpoints(
                issuer != null ? issuer.toString() : presetIssuer == null ? null : presetIssuer.toString(),
                pick("authorizationEndpoint", b.authorizationEndpoint, presetEndpoints ? preset.authorizationEndpoint(tenant) : null),
                pick("tokenEndpoint", b.tokenEndpoint, presetEndpoints ? preset.tokenEndpoint(tenant) : null),
                pick("revocationEndpoint", b.revocationEndpoint, presetEndpoints ? preset.revocationEndpoint(tenant) : null),
                pick("jwksUri", b.jwksUri, presetEndpoints && presetIssuer != null ? preset.jwksUri(tenant) : null));
        boolean complete = given.tokenEndpoint != null && (given.issuer == null || given.jwksUri != null);
        this.discoverFrom = issuer != null && !complete ? issuer : null;
        if (given.tokenEndpoint == null && discoverFrom == null) {
            throw OidcMessages.noTokenEndpoint();
        }
        this.endpoints = discoverFrom == null ? given : null;
        this.location = b.location != null ? b.location : preset != null ? preset.configName()
                : issuer != null ? "oidc" : "oauth2";
        this.apiBase = b.apiBase != null ? check("apiBase", b.apiBase) : preset != null ? preset.apiBase() : null;

        List<String> all = new ArrayList<>(b.scopes);
        if (preset != null) {
            preset.requiredScopes().stream().filter(s -> !all.contains(s)).forEach(all::add);
        }
        if (given.issuer != null && b.openid) {
            LOGIN_SCOPES.stream().filter(s -> !all.contains(s)).forEach(all::add);
        }
        this.scopes = List.copyOf(all);
        // HTTP/1.1: the JDK would otherwise try an h2c upgrade on plain-http loopback endpoints.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * The client authentication: the one given, else {@code PRIVATE_KEY_JWT} with a key, else the preset's or
     * {@code CLIENT_SECRET_BASIC} with a secret, else {@code NONE}; a key and a secret exclude each other.
     */
    private static ClientAuth clientAuth(Builder b, String secret, ClientKey key) {
        if (key == null && (b.clientKeyId != null || b.clientCertificate != null)) {
            throw OidcMessages.clientKeyMissing(b.clientKeyId != null ? "clientKeyId" : "clientCertificate");
        }
        ClientAuth auth = b.clientAuth != null ? b.clientAuth : key != null ? ClientAuth.PRIVATE_KEY_JWT
                : b.preset != null ? b.preset.clientAuth() : ClientAuth.CLIENT_SECRET_BASIC;
        if (auth == ClientAuth.PRIVATE_KEY_JWT) {
            if (key == null) {
                throw OidcMessages.clientKeyMissing("clientAuth PRIVATE_KEY_JWT");
            }
            if (secret != null) {
                throw OidcMessages.credentialsConflict("clientAuth is PRIVATE_KEY_JWT, and a clientSecret is given");
            }
            return auth;
        }
        if (key != null) {
            throw OidcMessages.credentialsConflict("a clientKey is given, and clientAuth is " + auth);
        }
        return secret == null ? ClientAuth.NONE : auth;
    }

    /** A builder without a preset: every endpoint (or the issuer) is to be given. */
    public static Builder builder() {
        return new Builder(null);
    }

    /** A builder with the preset's endpoints, scopes, client authentication and quirks as defaults. */
    public static Builder builder(ProviderPreset preset) {
        return new Builder(Objects.requireNonNull(preset, "preset"));
    }

    // OAuthProvider

    @Override
    public String location() {
        return location;
    }

    @Override
    public String clientId() {
        return clientId;
    }

    @Override
    public String redirectUri() {
        return redirectUri;
    }

    /** The preset this provider was built from, or {@code null}. */
    public ProviderPreset preset() {
        return preset;
    }

    /** The scopes every login asks for: the configured ones, the preset's required ones and, for OIDC, {@link #LOGIN_SCOPES}. */
    public List<String> scopes() {
        return scopes;
    }

    /** How the client authenticates ({@link ClientAuth#NONE} for a public client). */
    public ClientAuth clientAuth() {
        return clientAuth;
    }

    /** The token endpoint (after discovery, if the issuer alone was given). */
    public URI tokenEndpoint() {
        return URI.create(endpoints().tokenEndpoint);
    }

    @Override
    public boolean pkce() {
        return pkce;
    }

    @Override
    public URI authorizationUri(AuthorizationRequest request) {
        if (redirectUri == null) {
            throw OidcMessages.cannotAuthorize(this, "redirect URI");
        }
        Endpoints e = endpoints();
        if (e.authorizationEndpoint == null) {
            throw OidcMessages.cannotAuthorize(this, "authorization endpoint");
        }
        com.nimbusds.oauth2.sdk.AuthorizationRequest.Builder b = new com.nimbusds.oauth2.sdk.AuthorizationRequest
                .Builder(ResponseType.CODE, new ClientID(clientId))
                .endpointURI(URI.create(e.authorizationEndpoint))
                .redirectionURI(URI.create(redirectUri))
                .state(new State(request.state()));
        if (!scopes.isEmpty()) {
            b.scope(new Scope(scopes.toArray(String[]::new)));
        }
        if (pkce) {
            if (request.codeChallenge() == null) {
                throw OidcMessages.challengeMissing(this);
            }
            try {
                b.codeChallenge(CodeChallenge.parse(request.codeChallenge()), CodeChallengeMethod.S256);
            } catch (ParseException notAChallenge) {
                throw OidcMessages.challengeMissing(this);
            }
        }
        if (scopes.contains("openid")) {
            b.customParameter("nonce", request.nonce());
        }
        if (request.loginHint() != null) {
            b.customParameter("login_hint", request.loginHint());
        }
        if (request.forceConsent() || preset != null && preset.alwaysConsent()) {
            b.prompt(Prompt.Type.CONSENT);
        }
        if (preset != null) {
            preset.authorizationParameters().forEach(b::customParameter);
        }
        return b.build().toURI();
    }

    @Override
    public TokenResponse exchangeCode(String code) {
        return exchangeCode(code, null);
    }

    /**
     * Exchanges a code, with the PKCE verifier when this provider uses PKCE.
     *
     * @throws IllegalArgumentException if the code is blank, the verifier is missing with PKCE ({@code
     *                                  TOKENSTORE-1037}), given without ({@code 1038}) or malformed ({@code 1020})
     */
    @Override
    public TokenResponse exchangeCode(String code, String codeVerifier) {
        checkArgument("exchangeCode", "code", code);
        CodeVerifier verifier = null;
        if (pkce) {
            if (codeVerifier == null) {
                throw OidcMessages.verifierMissing(this);
            }
            verifier = new CodeVerifier(io.github.tokenstore.provider.Pkce.of(codeVerifier).verifier());
        } else if (codeVerifier != null) {
            throw OidcMessages.verifierNotExpected(this);
        }
        URI redirect = redirectUri == null ? null : URI.create(redirectUri);
        return token(new AuthorizationCodeGrant(new AuthorizationCode(code), redirect, verifier), GRANT, code);
    }

    @Override
    public TokenResponse refresh(String refreshToken) {
        checkArgument("refresh", "refreshToken", refreshToken);
        return token(new RefreshTokenGrant(new RefreshToken(refreshToken)), REFRESH, refreshToken);
    }

    /** RFC 7009 revocation of the refresh token; nothing if the provider has no revocation endpoint. */
    @Override
    public void revoke(String refreshToken) {
        checkArgument("revoke", "refreshToken", refreshToken);
        Endpoints e = endpoints();
        if (e.revocationEndpoint == null) {
            return;
        }
        URI uri = URI.create(e.revocationEndpoint);
        ClientAuthentication auth = clientAuthentication(uri, REVOKE);
        TokenRevocationRequest request = auth != null
                ? new TokenRevocationRequest(uri, auth, new RefreshToken(refreshToken))
                : new TokenRevocationRequest(uri, new ClientID(clientId), new RefreshToken(refreshToken));
        HTTPResponse response = send(request.toHTTPRequest(), REVOKE);
        if (response.getStatusCode() == 200) {
            return;
        }
        throw failure(response, REVOKE, refreshToken);
    }

    @Override
    public boolean revocationSupported() {
        return endpoints().revocationEndpoint != null;
    }

    @Override
    public boolean idTokens() {
        return endpoints().issuer != null && scopes.contains("openid");
    }

    @Override
    public VerifiedIdentity verifyIdToken(String idToken, String expectedNonce) {
        if (!idTokens()) {
            throw OidcMessages.noIdTokens(this);
        }
        IdTokenVerifier v = idTokenVerifier;
        if (v == null) {
            Endpoints e = endpoints();
            synchronized (this) {
                if (idTokenVerifier == null) {
                    idTokenVerifier = IdTokenVerifier.forKeys(e.issuer, URI.create(e.jwksUri), clientId, http,
                            requestTimeout, clock);
                }
                v = idTokenVerifier;
            }
        }
        return v.verify(idToken, expectedNonce);
    }

    @Override
    public ProviderError classify(OAuthProviderException failure) {
        if (failure instanceof ThrottledException) {
            return ProviderError.THROTTLED;
        }
        String code = failure.errorCode();
        if ("invalid_grant".equals(code)) {
            return ProviderError.INVALID_GRANT;
        }
        if ("invalid_client".equals(code) || "unauthorized_client".equals(code)) {
            return ProviderError.INVALID_CLIENT;
        }
        return ProviderError.OTHER;
    }

    /** RFC 6750, and for Salesforce also its 401 body {@code [{"errorCode":"INVALID_SESSION_ID",…}]}. */
    @Override
    public boolean rejectsAccessToken(int status, String wwwAuthenticate, String body) {
        if (preset == ProviderPreset.SALESFORCE && status == 401 && salesforceErrorCode(body) != null) {
            return INVALID_SESSION_ID.equals(salesforceErrorCode(body));
        }
        return OAuthProvider.super.rejectsAccessToken(status, wwwAuthenticate, body);
    }

    /** Names the location, the token endpoint (or the issuer still to be discovered) and the client id. */
    @Override
    public String toString() {
        Endpoints e = endpoints;
        return "OAuth2Provider[" + location + ", " + (e != null ? e.tokenEndpoint : "issuer " + discoverFrom)
                + ", clientId=" + clientId + "]";
    }

    // Token endpoint

    private TokenResponse token(AuthorizationGrant grant, String operation, String secret) {
        Endpoints e = endpoints();
        URI uri = URI.create(e.tokenEndpoint);
        ClientAuthentication auth = clientAuthentication(uri, operation);
        TokenRequest request = auth != null ? new TokenRequest(uri, auth, grant)
                : new TokenRequest(uri, new ClientID(clientId), grant);
        HTTPResponse response = send(request.toHTTPRequest(), operation);
        if (response.getStatusCode() != 200 || hasError(response)) {
            throw failure(response, operation, secret);
        }
        com.nimbusds.oauth2.sdk.TokenResponse parsed;
        try {
            parsed = OIDCTokenResponseParser.parse(response);
        } catch (ParseException ex) {
            // Nimbus' messages may quote the body: only a fixed problem goes into ours.
            throw OidcMessages.unexpectedAnswer(operation, this, 200, "no access_token or token_type, or not JSON");
        }
        if (!parsed.indicatesSuccess()) {
            throw failure(response, operation, secret);
        }
        Tokens tokens = parsed.toSuccessResponse().getTokens();
        long lifetime = tokens.getAccessToken().getLifetime();
        Duration expiresIn = lifetime > 0 ? Duration.ofSeconds(lifetime) : defaultExpiresIn;
        String idToken = parsed instanceof OIDCTokenResponse oidc && oidc.getOIDCTokens().getIDTokenString() != null
                ? oidc.getOIDCTokens().getIDTokenString() : null;
        RefreshToken refresh = tokens.getRefreshToken();
        return new TokenResponse(tokens.getAccessToken().getValue(), refresh == null ? null : refresh.getValue(),
                apiBase(parsed.toSuccessResponse().getCustomParameters(), operation),
                tokens.getAccessToken().getType().getValue(), expiresIn, idToken);
    }

    /** The answer's API base (Salesforce's {@code instance_url}), else the configured or preset one. */
    private String apiBase(Map<String, Object> custom, String operation) {
        String parameter = preset != null && preset.apiBaseParameter() != null ? preset.apiBaseParameter()
                : "instance_url";
        Object named = custom.get(parameter);
        if (named instanceof String s && !s.isBlank()) {
            try {
                return check("instance_url", URI.create(s.strip())).toString();
            } catch (IllegalArgumentException e) {
                throw OidcMessages.unexpectedAnswer(operation, this, 200, parameter
                        + " is not an https URL (http only on loopback)");
            }
        }
        return apiBase == null ? null : apiBase.toString();
    }

    /** The client's authentication of one request to {@code endpoint}: a new assertion each time. */
    private ClientAuthentication clientAuthentication(URI endpoint, String operation) {
        return switch (clientAuth) {
            case CLIENT_SECRET_BASIC -> new ClientSecretBasic(new ClientID(clientId), new Secret(clientSecret));
            case CLIENT_SECRET_POST -> new ClientSecretPost(new ClientID(clientId), new Secret(clientSecret));
            case PRIVATE_KEY_JWT -> {
                try {
                    yield clientKey.assertion(clientId, endpoint, clock.instant());
                } catch (JOSEException e) {
                    throw OidcMessages.assertionUnsigned(operation, this, e);
                }
            }
            case NONE -> null;
        };
    }

    /** Some servers answer an error with HTTP 200 (as Zoho does): an {@code error} member is an error anyway. */
    private static boolean hasError(HTTPResponse response) {
        Map<String, Object> body = jsonObject(response.getBody());
        return body != null && body.containsKey("error");
    }

    private TokenStoreException failure(HTTPResponse response, String operation, String secret) {
        int status = response.getStatusCode();
        Map<String, Object> body = jsonObject(response.getBody());
        String code = body != null && body.get("error") instanceof String c ? c : null;
        Instant retryAt = retryAt(response.getHeaderValue("Retry-After"));
        if (status == 429 || status == 503 && retryAt != null) {
            return OidcMessages.throttled(operation, this, status, code != null ? sanitize(code, secret)
                    : "HTTP " + status, retryAt);
        }
        if (code == null || code.isBlank()) {
            return OidcMessages.httpStatus(operation, this, status);
        }
        return switch (code) {
            case "invalid_grant" -> OidcMessages.invalidGrant(operation, this);
            case "invalid_client", "unauthorized_client" -> OidcMessages.invalidClient(operation, this, code);
            default -> OidcMessages.providerError(operation, this, status, sanitize(code, secret));
        };
    }

    /** {@code Retry-After} as seconds or an HTTP date; {@code null} if absent or unreadable. */
    private Instant retryAt(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.strip();
        try {
            long seconds = Long.parseLong(h);
            return seconds < 0 ? null : clock.instant().plusSeconds(seconds);
        } catch (NumberFormatException e) {
            try {
                return ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /** An error code fit for a message: printable ASCII (RFC 6749's error charset), short, never a secret. */
    private String sanitize(String code, String secret) {
        if (clientSecret != null && code.contains(clientSecret) || secret != null && code.contains(secret)) {
            return "(withheld)";
        }
        StringBuilder b = new StringBuilder();
        code.codePoints().limit(MAX_ERROR_CODE_LENGTH)
                .forEach(c -> b.appendCodePoint(c >= 0x20 && c <= 0x7e ? c : '?'));
        return b.toString();
    }

    private HTTPResponse send(HTTPRequest request, String operation) {
        HttpRequest.Builder b = HttpRequest.newBuilder(request.getURI()).timeout(requestTimeout)
                .header("Accept", "application/json");
        request.getHeaderMap().forEach((name, values) -> values.forEach(v -> b.header(name, v)));
        String body = request.getBody() == null ? "" : request.getBody();
        b.method(request.getMethod().name(), HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        HttpResponse<String> answer;
        try {
            answer = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            Duration elapsed = requestTimeout.compareTo(connectTimeout) < 0 ? requestTimeout : connectTimeout;
            throw OidcMessages.timeout(operation, this, elapsed, e);
        } catch (HttpTimeoutException e) {
            throw OidcMessages.timeout(operation, this, requestTimeout, e);
        } catch (IOException e) {
            throw OidcMessages.unreachable(operation, this, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw OidcMessages.interrupted(operation);
        }
        HTTPResponse response = new HTTPResponse(answer.statusCode());
        answer.headers().map().forEach((name, values) -> response.setHeader(name, values.toArray(String[]::new)));
        response.setBody(answer.body());
        return response;
    }

    // Discovery

    private Endpoints endpoints() {
        Endpoints e = endpoints;
        if (e != null) {
            return e;
        }
        synchronized (this) {
            if (endpoints == null) {
                endpoints = OidcDiscovery.discover(discoverFrom, given, http, requestTimeout);
            }
            return endpoints;
        }
    }

    /** The endpoints as strings (checked URIs), the issuer {@code null} for plain OAuth 2.0. */
    record Endpoints(String issuer, String authorizationEndpoint, String tokenEndpoint, String revocationEndpoint,
                     String jwksUri) {
        Endpoints(String issuer, URI authorizationEndpoint, URI tokenEndpoint, URI revocationEndpoint,
                  URI jwksUri) {
            this(issuer, str(authorizationEndpoint), str(tokenEndpoint), str(revocationEndpoint), str(jwksUri));
        }

        private static String str(URI uri) {
            return uri == null ? null : uri.toString();
        }
    }

    // Checks

    private static URI pick(String argument, URI explicit, URI preset) {
        return explicit != null ? check(argument, explicit) : preset;
    }

    /** An https URL, or http on loopback; {@code null} stays {@code null}. */
    static URI check(String argument, URI url) {
        if (url == null) {
            return null;
        }
        String problem = Endpoint.problem(url);
        if (problem != null) {
            throw OidcMessages.endpointInvalid(argument, problem);
        }
        String s = url.toString();
        return URI.create(s.endsWith("/") && "issuer".equals(argument) ? s.substring(0, s.length() - 1) : s);
    }

    private static Map<String, Object> jsonObject(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSONObjectUtils.parse(body);
        } catch (java.text.ParseException e) {
            return null;
        }
    }

    private static String salesforceErrorCode(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            List<Object> errors = JSONArrayUtils.parse(body);
            return !errors.isEmpty() && errors.get(0) instanceof Map<?, ?> m && m.get("errorCode") instanceof String s
                    ? s : null;
        } catch (java.text.ParseException e) {
            return null;
        }
    }

    private static String required(String argument, String value) {
        if (value == null || value.isBlank()) {
            throw argumentMissing(argument);
        }
        return value;
    }

    private static IllegalArgumentException argumentMissing(String argument) {
        return OidcMessages.argumentMissing(argument);
    }

    private static void checkArgument(String method, String argument, String value) {
        if (value == null || value.isBlank()) {
            throw OidcMessages.callArgumentMissing(method, argument);
        }
    }

    private static Duration positive(String argument, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw OidcMessages.durationInvalid(argument, value);
        }
        return value;
    }

    /**
     * Builds an {@link OAuth2Provider}: the values of one client of configuration ({@code
     * tokenstore.clients.<name>.*}). Not thread-safe; {@link #build()} checks every value.
     */
    public static final class Builder {
        private final ProviderPreset preset;
        private URI issuer;
        private URI authorizationEndpoint;
        private URI tokenEndpoint;
        private URI revocationEndpoint;
        private URI jwksUri;
        private String clientId;
        private String clientSecret;
        private PrivateKey clientKey;
        private String clientKeyId;
        private X509Certificate clientCertificate;
        private ClientAuth clientAuth;
        private String redirectUri;
        private List<String> scopes = List.of();
        private boolean pkce = true;
        private boolean openid = true;
        private String tenant;
        private String location;
        private URI apiBase;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Duration defaultExpiresIn = DEFAULT_EXPIRES_IN;
        private Clock clock = Clock.systemUTC();

        private Builder(ProviderPreset preset) {
            this.preset = preset;
        }

        /**
         * The OpenID Connect issuer: endpoints not given explicitly, and the key set, come from its discovery
         * document (fetched on first use; its {@code issuer} must equal this exactly, a trailing slash aside).
         * With a preset, an issuer replaces the preset's endpoints.
         */
        public Builder issuer(URI issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder authorizationEndpoint(URI authorizationEndpoint) {
            this.authorizationEndpoint = authorizationEndpoint;
            return this;
        }

        public Builder tokenEndpoint(URI tokenEndpoint) {
            this.tokenEndpoint = tokenEndpoint;
            return this;
        }

        /** The RFC 7009 endpoint; without one (and none discovered), {@link #revoke} does nothing. */
        public Builder revocationEndpoint(URI revocationEndpoint) {
            this.revocationEndpoint = revocationEndpoint;
            return this;
        }

        /** The issuer's key set, for ID tokens; else discovered or the preset's. */
        public Builder jwksUri(URI jwksUri) {
            this.jwksUri = jwksUri;
            return this;
        }

        /** Required. */
        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /** Required unless a public PKCE client or {@link ClientAuth#PRIVATE_KEY_JWT}; never shown anywhere. */
        public Builder clientSecret(String clientSecret) {
            this.clientSecret = clientSecret;
            return this;
        }

        /**
         * The key that signs the client assertions of {@link ClientAuth#PRIVATE_KEY_JWT}, which it implies: an RSA
         * key of at least 2048 bits (RS256) or an EC P-256 key (ES256); read a PEM one with {@link
         * ClientKey#parsePrivateKey}. Never shown anywhere; excludes a client secret.
         */
        public Builder clientKey(PrivateKey clientKey) {
            this.clientKey = clientKey;
            return this;
        }

        /** The {@code kid} header of the client assertions: the id the provider registered the key under. */
        public Builder clientKeyId(String clientKeyId) {
            this.clientKeyId = clientKeyId;
            return this;
        }

        /**
         * The client key's certificate: the assertions carry its SHA-256 thumbprint as {@code x5t#S256}
         * (Microsoft Entra ID's certificate credentials). Its public key must be the client key's.
         */
        public Builder clientCertificate(X509Certificate clientCertificate) {
            this.clientCertificate = clientCertificate;
            return this;
        }

        /**
         * Default: {@link ClientAuth#PRIVATE_KEY_JWT} with a {@link #clientKey}, else the preset's, else {@link
         * ClientAuth#CLIENT_SECRET_BASIC}; {@code NONE} without a secret or key.
         */
        public Builder clientAuth(ClientAuth clientAuth) {
            this.clientAuth = clientAuth;
            return this;
        }

        /** The registered redirect URI: needed for logins, sent with code exchanges. */
        public Builder redirectUri(String redirectUri) {
            this.redirectUri = redirectUri;
            return this;
        }

        /** The API scopes; the preset's required ones and, for OIDC, {@link #LOGIN_SCOPES} are added. */
        public Builder scopes(List<String> scopes) {
            this.scopes = List.copyOf(Objects.requireNonNull(scopes, "scopes"));
            return this;
        }

        /** PKCE S256 for logins; default on. */
        public Builder pkce(boolean pkce) {
            this.pkce = pkce;
            return this;
        }

        /** Whether an OpenID Connect provider's logins ask for {@link #LOGIN_SCOPES}; default on. */
        public Builder openid(boolean openid) {
            this.openid = openid;
            return this;
        }

        /** Microsoft's tenant (id or domain); default {@code common}. Ignored by other presets. */
        public Builder tenant(String tenant) {
            this.tenant = tenant;
            return this;
        }

        /**
         * What the tokens keep as their location ({@code OAuthToken.dataCenter}): default the preset's name,
         * else {@code oidc} or {@code oauth2}.
         */
        public Builder location(String location) {
            this.location = location;
            return this;
        }

        /** The API base when the token answer names none; default the preset's (e.g. Graph for Microsoft). */
        public Builder apiBase(URI apiBase) {
            this.apiBase = apiBase;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        /** The access token's lifetime when an answer has no {@code expires_in}; default 1 hour. */
        public Builder defaultExpiresIn(Duration defaultExpiresIn) {
            this.defaultExpiresIn = defaultExpiresIn;
            return this;
        }

        /** The time of ID-token expiry, {@code Retry-After} and assertions' {@code iat}; default the system clock. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * The provider. Makes no request: discovery happens on first use.
         *
         * @throws IllegalArgumentException if the client id is missing, the secret is missing for a confidential
         *                                  client, a public client has no PKCE, an endpoint is not https (http
         *                                  only on loopback), there is neither a token endpoint nor an issuer, a
         *                                  duration is not positive, or the client key is unfit ({@code
         *                                  TOKENSTORE-1061}), missing for {@code PRIVATE_KEY_JWT} ({@code 1064}),
         *                                  given beside a secret ({@code 1065}), or not its certificate's
         *                                  ({@code 1063})
         */
        public OAuth2Provider build() {
            return new OAuth2Provider(this);
        }
    }
}
