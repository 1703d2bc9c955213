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

/** Talks to the fake Zoho server of one portal the way an OAuth client does; the demo client's credentials. */
public final class FakeZohoClient {

    /** The demo client of the portal's microprofile-config.properties. */
    public static final String CLIENT_ID = "1000.ZYLKERACADEMYDEMO";
    public static final String CLIENT_SECRET = "zylker-academy-demo-secret";
    public static final String REDIRECT_URI = "http://127.0.0.1/student-portal/callback";

    private final String accounts;

    public FakeZohoClient(PortalServer server) {
        this.accounts = server.baseUrl() + "/fake-zoho";
    }

    /** The fake's base URL: accounts server and API domain. */
    public String accounts() {
        return accounts;
    }

    /** The authorize page's redirect, as query parameters (code, state, location, accounts-server). */
    public Map<String, String> authorize(String user, String state) throws IOException, InterruptedException {
        HttpResponse<String> r = Http.get(accounts + "/oauth/v2/auth?response_type=code&access_type=offline"
                + "&scope=ZohoCRM.modules.contacts.READ&client_id=" + Http.encode(CLIENT_ID)
                + "&redirect_uri=" + Http.encode(REDIRECT_URI) + "&state=" + Http.encode(state)
                + "&login_hint=" + Http.encode(user));
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

    public JsonObject stats() throws IOException, InterruptedException {
        HttpResponse<String> r = Http.get(accounts + "/stats");
        assertThat(r.statusCode()).isEqualTo(200);
        return Http.json(r);
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
