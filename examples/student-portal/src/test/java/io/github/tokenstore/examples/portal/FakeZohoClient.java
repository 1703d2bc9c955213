package io.github.tokenstore.examples.portal;

import jakarta.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Talks to one data center of a portal's fake Zoho server the way an OAuth client does; the demo client's
 * credentials.
 */
public final class FakeZohoClient {

    /** The demo client of the portal's microprofile-config.properties. */
    public static final String CLIENT_ID = "1000.ZYLKERACADEMYDEMO";
    /** Its secret in the US data center. */
    public static final String CLIENT_SECRET = "zylker-academy-demo-secret";
    /** Its secret in the EU data center. */
    public static final String EU_CLIENT_SECRET = "zylker-academy-demo-secret-eu";
    public static final String REDIRECT_URI = "http://127.0.0.1/student-portal/callback";

    private final String root;
    private final String location;
    private final String accounts;

    /** The US data center, where every login starts. */
    public FakeZohoClient(PortalServer server) {
        this(server, "us");
    }

    /** The data center of that location code ({@code us}, {@code eu}). */
    public FakeZohoClient(PortalServer server, String location) {
        this(server.baseUrl(), location);
    }

    FakeZohoClient(String portalUrl, String location) {
        this.root = portalUrl + "/fake-zoho";
        this.location = location;
        this.accounts = root + "/" + location;
    }

    /** This data center's base URL: accounts server and API domain. */
    public String accounts() {
        return accounts;
    }

    /** The client secret in this data center. */
    public String secret() {
        return "eu".equals(location) ? EU_CLIENT_SECRET : CLIENT_SECRET;
    }

    /**
     * The authorize page's redirect after {@code user} is picked, as query parameters (code, state,
     * location, accounts-server).
     */
    public Map<String, String> authorize(String user, String state) throws IOException, InterruptedException {
        return authorize(user, state, "ZohoCRM.modules.contacts.READ", null);
    }

    /** The same with a scope and an OpenID Connect nonce ({@code null}: none). */
    public Map<String, String> authorize(String user, String state, String scope, String nonce)
            throws IOException, InterruptedException {
        HttpResponse<String> r = Http.get(accounts + "/oauth/v2/auth?response_type=code&access_type=offline"
                + "&scope=" + Http.encode(scope) + "&client_id=" + Http.encode(CLIENT_ID)
                + "&redirect_uri=" + Http.encode(REDIRECT_URI) + "&state=" + Http.encode(state)
                + (nonce == null ? "" : "&nonce=" + Http.encode(nonce)) + "&user=" + Http.encode(user));
        assertThat(r.statusCode()).as("authorize status").isEqualTo(302);
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT_URI + "?");
        return query(URI.create(location).getRawQuery());
    }

    /** The token endpoint's answer to an authorization-code grant. */
    public JsonObject exchange(String code, String secret) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("client_id", CLIENT_ID);
        form.put("client_secret", secret);
        form.put("redirect_uri", REDIRECT_URI);
        form.put("code", code);
        return token(form);
    }

    /** The token endpoint's answer to a refresh-token grant. */
    public JsonObject refresh(String refreshToken, String secret) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", CLIENT_ID);
        form.put("client_secret", secret);
        form.put("refresh_token", refreshToken);
        return token(form);
    }

    public JsonObject token(Map<String, String> form) throws IOException, InterruptedException {
        HttpResponse<String> r = Http.postForm(accounts + "/oauth/v2/token", form);
        // Zoho answers errors with 200 too.
        assertThat(r.statusCode()).as("token endpoint status").isEqualTo(200);
        return Http.json(r);
    }

    public JsonObject revoke(String token) throws IOException, InterruptedException {
        HttpResponse<String> r = Http.postForm(accounts + "/oauth/v2/token/revoke?token=" + Http.encode(token),
                Map.of());
        assertThat(r.statusCode()).as("revoke status").isEqualTo(200);
        return Http.json(r);
    }

    /** {@code GET /crm/v8/Contacts} with the token (or no Authorization header for {@code null}). */
    public HttpResponse<String> contacts(String accessToken) throws IOException, InterruptedException {
        var request = Http.request(accounts + "/crm/v8/Contacts");
        if (accessToken != null) {
            request.header("Authorization", "Zoho-oauthtoken " + accessToken);
        }
        return Http.send(request);
    }

    /** This data center's counters. */
    public JsonObject stats() throws IOException, InterruptedException {
        HttpResponse<String> r = Http.get(accounts + "/stats");
        assertThat(r.statusCode()).isEqualTo(200);
        return Http.json(r);
    }

    /** Every data center's counters ({@code us}, {@code eu}) and {@code unknownRequests}. */
    public JsonObject allStats() throws IOException, InterruptedException {
        HttpResponse<String> r = Http.get(root + "/stats");
        assertThat(r.statusCode()).isEqualTo(200);
        return Http.json(r);
    }

    /** A GET of this data center's path (e.g. {@code /.well-known/openid-configuration}). */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return Http.get(accounts + path);
    }

    static Map<String, String> query(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }
}
