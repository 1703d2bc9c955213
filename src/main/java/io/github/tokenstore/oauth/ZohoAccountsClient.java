package io.github.tokenstore.oauth;

import io.github.tokenstore.AccountsServerException;
import io.github.tokenstore.OAuthProviderException;
import io.github.tokenstore.ThrottledException;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.core.CoreMessages;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.StringJoiner;

/**
 * The client of a Zoho accounts server's token endpoint: grant-code exchange, refresh and revocation
 * ({@code POST {accounts}/oauth/v2/token} and {@code POST {accounts}/oauth/v2/token/revoke}).
 *
 * <p>Every call is one HTTP request with the configured connect and request timeouts; nothing is retried
 * here (retries and back-off are the {@link TokenService}'s business). Failures are unchecked:
 * <ul>
 *   <li>{@link ThrottledException} when the server throttles ({@code "error":"Access Denied"});</li>
 *   <li>{@link OAuthProviderException} for any other {@code error} in the answer, carrying its code
 *       ({@code invalid_code}, {@code invalid_client}, …);</li>
 *   <li>{@link AccountsServerException} for a timeout, a connection failure, an HTTP error status
 *       without an {@code error} field, or a body that is not a token response;</li>
 *   <li>a {@link TokenStoreException} if the calling thread is interrupted (its flag is set again).</li>
 * </ul>
 * No message holds the client secret, a code, a token or the response body.
 *
 * <p>Answers are read with JSON-P, which needs an implementation at run time (Jakarta EE servers have
 * one; Java SE applications add e.g. {@code org.eclipse.parsson:parsson}). Thread-safe; build one per
 * client id and share it.
 */
public final class ZohoAccountsClient {

    /** Default time to open a connection to the accounts server. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Default time for a whole request, from sending to the complete answer. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    static final String GRANT = "grant-code exchange";
    static final String REFRESH = "token refresh";
    static final String REVOKE = "token revocation";

    private static final String OWNER = "ZohoAccountsClient";
    /** Longest provider error code quoted in a message; a longer one is cut. */
    private static final int MAX_ERROR_CODE_LENGTH = 100;

    private final URI accountsUrl;
    private final String clientId;
    private final String clientSecret;
    private final String redirectUri;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final HttpClient http;
    private final JsonReaderFactory json;

    private ZohoAccountsClient(Builder b) {
        this.accountsUrl = b.accountsUrl != null ? checkUrl(b.accountsUrl) : b.dataCenter.accountsUrl();
        this.clientId = required("clientId", b.clientId);
        this.clientSecret = required("clientSecret", b.clientSecret);
        this.redirectUri = b.redirectUri == null || b.redirectUri.isBlank() ? null : b.redirectUri;
        this.connectTimeout = positive("connectTimeout", b.connectTimeout);
        this.requestTimeout = positive("requestTimeout", b.requestTimeout);
        // HTTP/1.1: the JDK would otherwise try an h2c upgrade on plain-http accounts URLs (loopback tests);
        // the token endpoint gains nothing from HTTP/2.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        try {
            this.json = Json.createReaderFactory(Map.of());
        } catch (JsonException | ServiceConfigurationError e) {
            throw OAuthMessages.noJsonProvider(e);
        }
    }

    /** A builder with the defaults: data center {@link DataCenter#US}, 5 s to connect, 10 s per request. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Exchanges a grant code ("Login with Zoho" callback, or a self-client code) for tokens.
     *
     * @param grantCode the {@code code} the accounts server handed to the redirect URI; single-use, valid
     *                  for 3 minutes
     * @return the tokens; the refresh token only if the code was requested with {@code access_type=offline}
     * @throws IllegalArgumentException if {@code grantCode} is null or blank
     * @throws OAuthProviderException   if the server refuses ({@code invalid_code}, {@code invalid_client},
     *                                  {@link ThrottledException})
     * @throws AccountsServerException  if the server cannot be reached or answers something else
     */
    public TokenResponse exchangeGrantCode(String grantCode) {
        checkArgument("exchangeGrantCode", "grantCode", grantCode);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        if (redirectUri != null) {
            form.put("redirect_uri", redirectUri);
        }
        form.put("code", grantCode);
        return tokenResponse(post(tokenUri(), form, GRANT), GRANT, grantCode);
    }

    /**
     * Gets a new access token for a refresh token. The answer holds no new refresh token: the given one
     * stays valid.
     *
     * @throws IllegalArgumentException if {@code refreshToken} is null or blank
     * @throws OAuthProviderException   if the server refuses ({@code invalid_code} for a revoked refresh
     *                                  token, {@code invalid_client}, {@link ThrottledException})
     * @throws AccountsServerException  if the server cannot be reached or answers something else
     */
    public TokenResponse refresh(String refreshToken) {
        checkArgument("refresh", "refreshToken", refreshToken);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        form.put("refresh_token", refreshToken);
        return tokenResponse(post(tokenUri(), form, REFRESH), REFRESH, refreshToken);
    }

    /**
     * Revokes a refresh token (and with it every access token issued for it).
     *
     * @throws IllegalArgumentException if {@code refreshToken} is null or blank
     * @throws OAuthProviderException   if the server refuses
     * @throws AccountsServerException  if the server cannot be reached or answers an HTTP error status
     */
    public void revoke(String refreshToken) {
        checkArgument("revoke", "refreshToken", refreshToken);
        // Zoho takes the token in the query; the URI therefore never goes into a message.
        URI uri = URI.create(accountsUrl + "/oauth/v2/token/revoke?token="
                + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8));
        answer(post(uri, Map.of(), REVOKE), REVOKE, refreshToken);
    }

    /** The accounts server's base URL, e.g. {@code https://accounts.zoho.eu}. */
    public URI accountsUrl() {
        return accountsUrl;
    }

    /** The OAuth client id. */
    public String clientId() {
        return clientId;
    }

    /** The redirect URI sent with grant-code exchanges, or {@code null} if none is configured. */
    public String redirectUri() {
        return redirectUri;
    }

    /** Names the accounts server and the client id; never the secret. */
    @Override
    public String toString() {
        return "ZohoAccountsClient[accountsUrl=" + accountsUrl + ", clientId=" + clientId + "]";
    }

    private URI tokenUri() {
        return URI.create(accountsUrl + "/oauth/v2/token");
    }

    private HttpResponse<String> post(URI uri, Map<String, String> form, String operation) {
        StringJoiner body = new StringJoiner("&");
        form.forEach((k, v) -> body.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            // The JDK's client also throws this one when the request timeout runs out while it is still
            // connecting (a loaded machine): the message names whichever of the two ran out first.
            Duration elapsed = requestTimeout.compareTo(connectTimeout) < 0 ? requestTimeout : connectTimeout;
            throw OAuthMessages.accountsTimeout(operation, accountsUrl.toString(), elapsed, e);
        } catch (HttpTimeoutException e) {
            throw OAuthMessages.accountsTimeout(operation, accountsUrl.toString(), requestTimeout, e);
        } catch (IOException e) {
            throw OAuthMessages.accountsUnreachable(operation, accountsUrl.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw OAuthMessages.oauthInterrupted(operation);
        }
    }

    /**
     * Checks an answer for a provider error and an HTTP error status.
     *
     * @param secret the code or token sent with the request, withheld if the answer quotes it
     * @return the body as a JSON object, or {@code null} for a 2xx answer that is not one
     */
    private JsonObject answer(HttpResponse<String> response, String operation, String secret) {
        JsonObject body = parseObject(response.body());
        // Zoho answers its errors with HTTP 200 and an "error" field; some gateways use 4xx with the same body.
        if (body != null && body.containsKey("error")) {
            throw providerFailure(body.get("error"), operation, secret);
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw OAuthMessages.accountsHttpStatus(operation, accountsUrl.toString(), status);
        }
        return body;
    }

    private TokenResponse tokenResponse(HttpResponse<String> response, String operation, String secret) {
        JsonObject body = answer(response, operation, secret);
        if (body == null) {
            throw unexpected(response, operation, "not a JSON object");
        }
        String accessToken = string(body, "access_token");
        if (accessToken == null) {
            throw unexpected(response, operation, "no access_token");
        }
        Duration expiresIn = seconds(body.get("expires_in"));
        if (expiresIn == null) {
            throw unexpected(response, operation, "expires_in is missing or not a positive number of seconds");
        }
        return new TokenResponse(accessToken, string(body, "refresh_token"), string(body, "api_domain"),
                string(body, "token_type"), expiresIn, string(body, "id_token"));
    }

    private TokenStoreException providerFailure(JsonValue error, String operation, String secret) {
        String code = error instanceof JsonString s ? s.getString() : "(not a string)";
        String url = accountsUrl.toString();
        if (ThrottledException.ACCESS_DENIED.equalsIgnoreCase(code.strip())) {
            return OAuthMessages.throttled(operation, url);
        }
        switch (code) {
            case "invalid_code":
                return OAuthMessages.invalidCode(operation, url);
            case "invalid_client", "invalid_client_secret":
                return OAuthMessages.invalidClient(operation, url, code);
            default:
                return OAuthMessages.providerError(operation, url, sanitize(code, secret));
        }
    }

    /** The error code fit for a message: never a secret of the request, no control characters, short. */
    private String sanitize(String code, String secret) {
        if (code.contains(clientSecret) || (secret != null && code.contains(secret))) {
            return "(withheld)";
        }
        StringBuilder b = new StringBuilder(Math.min(code.length(), MAX_ERROR_CODE_LENGTH));
        code.codePoints().limit(MAX_ERROR_CODE_LENGTH)
                .forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.toString();
    }

    private AccountsServerException unexpected(HttpResponse<String> response, String operation, String problem) {
        return OAuthMessages.accountsUnexpectedAnswer(operation, accountsUrl.toString(),
                response.statusCode(), problem, null);
    }

    private JsonObject parseObject(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try (JsonReader reader = json.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonObject o ? o : null;
        } catch (JsonException e) {
            // Not JSON (an HTML error page, say): the caller decides by the status what to report.
            return null;
        }
    }

    private static String string(JsonObject body, String name) {
        JsonValue v = body.get(name);
        if (v instanceof JsonString s && !s.getString().isEmpty()) {
            return s.getString();
        }
        return null;
    }

    private static Duration seconds(JsonValue v) {
        long n;
        if (v instanceof JsonNumber num && num.isIntegral()) {
            n = num.longValue();
        } else if (v instanceof JsonString s) {
            try {
                n = Long.parseLong(s.getString().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        } else {
            return null;
        }
        return n > 0 ? Duration.ofSeconds(n) : null;
    }

    private static void checkArgument(String method, String argument, String value) {
        if (value == null || value.isBlank()) {
            throw OAuthMessages.oauthArgumentMissing(OWNER + "." + method, argument);
        }
    }

    private static String required(String argument, String value) {
        if (value == null || value.isBlank()) {
            throw OAuthMessages.oauthArgumentMissing(OWNER, argument);
        }
        return value;
    }

    private static Duration positive(String argument, Duration value) {
        if (value == null) {
            throw CoreMessages.oauthArgumentNull(OWNER, argument);
        }
        if (value.isNegative() || value.isZero()) {
            throw CoreMessages.oauthDurationInvalid(OWNER, argument, value, "it must be positive");
        }
        return value;
    }

    private static URI checkUrl(URI url) {
        String scheme = url.getScheme();
        if (!url.isAbsolute() || url.isOpaque() || url.getHost() == null
                || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                || url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw OAuthMessages.accountsUrlInvalid(OWNER);
        }
        String s = url.toString();
        // The endpoint paths are appended to it: no trailing slash.
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s);
    }

    /**
     * Builds a {@link ZohoAccountsClient}. Not thread-safe; {@link #build()} checks every value.
     */
    public static final class Builder {
        private DataCenter dataCenter = DataCenter.US;
        private URI accountsUrl;
        private String clientId;
        private String clientSecret;
        private String redirectUri;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

        private Builder() {
        }

        /** The data center whose accounts server to call; default {@link DataCenter#US}. */
        public Builder dataCenter(DataCenter dataCenter) {
            if (dataCenter == null) {
                throw CoreMessages.oauthArgumentNull(OWNER, "dataCenter");
            }
            this.dataCenter = dataCenter;
            return this;
        }

        /**
         * An explicit accounts server base URL (e.g. a fake server on loopback); overrides the data
         * center. {@code null} goes back to the data center's.
         */
        public Builder accountsUrl(URI accountsUrl) {
            this.accountsUrl = accountsUrl;
            return this;
        }

        /** The OAuth client id; required. */
        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /** The OAuth client secret; required; never shown anywhere. */
        public Builder clientSecret(String clientSecret) {
            this.clientSecret = clientSecret;
            return this;
        }

        /** The redirect URI registered for the client, sent with grant-code exchanges; optional. */
        public Builder redirectUri(String redirectUri) {
            this.redirectUri = redirectUri;
            return this;
        }

        /** Time to open a connection; positive; default 5 s. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** Time for a whole request; positive; default 10 s. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        /**
         * The client.
         *
         * @throws IllegalArgumentException if the client id or secret is missing, a timeout is not
         *                                  positive, or the accounts URL is not a plain http(s) URL
         * @throws TokenStoreException      if no JSON-P implementation is on the class path
         */
        public ZohoAccountsClient build() {
            return new ZohoAccountsClient(this);
        }
    }
}
