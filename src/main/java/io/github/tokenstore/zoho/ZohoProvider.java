package io.github.tokenstore.zoho;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.tokenstore.OAuthProviderException;
import io.github.tokenstore.ThrottledException;
import io.github.tokenstore.oauth.DataCenter;
import io.github.tokenstore.oauth.TokenResponse;
import io.github.tokenstore.oauth.ZohoAccountsClient;
import io.github.tokenstore.provider.AuthorizationRequest;
import io.github.tokenstore.provider.IdTokenVerifier;
import io.github.tokenstore.provider.OAuthProvider;
import io.github.tokenstore.provider.ProviderError;
import io.github.tokenstore.provider.VerifiedIdentity;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * One Zoho data center as an {@link OAuthProvider}: its accounts server's token endpoint (through a {@link
 * ZohoAccountsClient} with that data center's client secret), its authorize page ({@code
 * {accounts}/oauth/v2/auth} with Zoho's comma-separated scopes plus {@code openid} and {@code email}, {@code
 * access_type=offline}) and its "Sign in using Zoho" ID tokens. Immutable, thread-safe; never shows the
 * secret.
 */
public final class ZohoProvider implements OAuthProvider {

    /** Scopes every login asks for besides the configured ones: the ID token and its e-mail. */
    public static final List<String> LOGIN_SCOPES = List.of("openid", "email");
    /** The {@code code} of Zoho's 401 answer to an invalid access token. */
    public static final String INVALID_TOKEN = "INVALID_TOKEN";

    private final String location;
    private final ZohoAccountsClient client;
    private final List<String> scopes;
    private final IdTokenVerifier idTokens;

    /**
     * @param location the data center's location code (e.g. {@code eu}), kept with the tokens it issues
     * @param client   the token-endpoint client of that data center's accounts server, with its secret
     * @param scopes   the API scopes to ask for (e.g. {@code ZohoCRM.modules.ALL}); {@link #LOGIN_SCOPES} are added
     * @param clock    the time for ID-token expiry
     */
    public ZohoProvider(String location, ZohoAccountsClient client, List<String> scopes, Clock clock) {
        this.location = Objects.requireNonNull(location, "location");
        this.client = Objects.requireNonNull(client, "client");
        this.scopes = List.copyOf(scopes);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(ZohoAccountsClient.DEFAULT_CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.idTokens = new IdTokenVerifier(client.accountsUrl(), client.clientId(), http,
                ZohoAccountsClient.DEFAULT_REQUEST_TIMEOUT, Objects.requireNonNull(clock, "clock"));
    }

    /**
     * The provider of a lone token-endpoint client (an application configured for one data center): its
     * location is that of the data center whose accounts server the client calls ({@code us} for any other
     * server, such as a fake); no extra scopes; the system clock.
     */
    public static ZohoProvider of(ZohoAccountsClient client) {
        String location = java.util.Arrays.stream(DataCenter.values())
                .filter(dc -> dc.accountsUrl().equals(client.accountsUrl()))
                .findFirst().orElse(DataCenter.US).location();
        return new ZohoProvider(location, client, List.of(), Clock.systemUTC());
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public String clientId() {
        return client.clientId();
    }

    @Override
    public String redirectUri() {
        return client.redirectUri();
    }

    /** The accounts server, e.g. {@code https://accounts.zoho.eu}. */
    public URI accountsUrl() {
        return client.accountsUrl();
    }

    /** The token-endpoint client. */
    public ZohoAccountsClient client() {
        return client;
    }

    @Override
    public URI authorizationUri(AuthorizationRequest request) {
        if (client.redirectUri() == null) {
            throw new IllegalStateException("no redirect URI is configured");
        }
        List<String> all = new ArrayList<>(scopes);
        LOGIN_SCOPES.stream().filter(s -> !all.contains(s)).forEach(all::add);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", client.clientId());
        query.put("response_type", "code");
        query.put("redirect_uri", client.redirectUri());
        // Zoho separates scopes with commas, not the spaces of RFC 6749.
        query.put("scope", String.join(",", all));
        query.put("access_type", "offline");
        query.put("state", request.state());
        query.put("nonce", request.nonce());
        if (request.loginHint() != null) {
            query.put("login_hint", request.loginHint());
        }
        if (request.forceConsent()) {
            query.put("prompt", "consent");
        }
        StringJoiner q = new StringJoiner("&");
        query.forEach((k, v) -> q.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return URI.create(client.accountsUrl() + "/oauth/v2/auth?" + q);
    }

    @Override
    public TokenResponse exchangeCode(String code) {
        return client.exchangeGrantCode(code);
    }

    @Override
    public TokenResponse refresh(String refreshToken) {
        return client.refresh(refreshToken);
    }

    @Override
    public void revoke(String refreshToken) {
        client.revoke(refreshToken);
    }

    @Override
    public VerifiedIdentity verifyIdToken(String idToken, String expectedNonce) {
        return idTokens.verify(idToken, expectedNonce);
    }

    @Override
    public ProviderError classify(OAuthProviderException failure) {
        if (failure instanceof ThrottledException) {
            return ProviderError.THROTTLED;
        }
        String code = failure.errorCode();
        if ("invalid_code".equals(code) || "invalid_grant".equals(code)) {
            return ProviderError.INVALID_GRANT;
        }
        if ("invalid_client".equals(code) || "invalid_client_secret".equals(code)) {
            return ProviderError.INVALID_CLIENT;
        }
        return ProviderError.OTHER;
    }

    @Override
    public String authorizationHeader(String accessToken) {
        return "Zoho-oauthtoken " + accessToken;
    }

    /**
     * Zoho's APIs refuse an expired or revoked access token with a 401 whose JSON body has {@code "code":
     * "INVALID_TOKEN"} (and no Bearer challenge); any other 401 (e.g. {@code OAUTH_SCOPE_MISMATCH}) is not a
     * token problem.
     */
    @Override
    public boolean rejectsAccessToken(int status, String wwwAuthenticate, String body) {
        if (status != 401 || body == null || body.isBlank()) {
            return false;
        }
        try {
            return INVALID_TOKEN.equals(JSONObjectUtils.parse(body).get("code"));
        } catch (ParseException e) {
            // Not a JSON object (an HTML page of a proxy, say): not Zoho's answer.
            return false;
        }
    }

    /** Names the location, the accounts server and the client id; never the secret. */
    @Override
    public String toString() {
        return "ZohoProvider[" + location + ", " + client.accountsUrl() + ", clientId=" + client.clientId() + "]";
    }
}
