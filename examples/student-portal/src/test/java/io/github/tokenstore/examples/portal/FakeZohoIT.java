package io.github.tokenstore.examples.portal;

import jakarta.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal's fake Zoho accounts server and CRM API on each real server: grant code → tokens → CRM call
 * → the access token expires → 401 INVALID_TOKEN → refresh → CRM call; errors as Zoho gives them; the
 * counters the later tests rely on.
 */
class FakeZohoIT {

    /** The access-token lifetime the pom gives the servers under test. */
    private static final long EXPIRES_IN = Long.getLong("portal.fake-zoho.expires-in", 4);

    static List<PortalServer> servers() {
        return PortalServer.configured();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void code_token_crm_call_expiry_refresh_and_revoke_like_zoho(PortalServer server) throws Exception {
        server.deployed();
        FakeZohoClient zoho = new FakeZohoClient(server);
        String user = "student-" + UUID.randomUUID() + "@zylker.example";
        JsonObject before = zoho.stats();
        assertThat(before.getJsonNumber("expiresIn").longValue()).isEqualTo(EXPIRES_IN);

        Map<String, String> redirect = zoho.authorize(user, "state-1");
        assertThat(redirect).containsEntry("state", "state-1").containsEntry("location", "us")
                .containsEntry("accounts-server", zoho.accounts()).containsKey("code");
        String code = redirect.get("code");

        assertThat(zoho.exchange(code, "wrong-secret").getString("error")).isEqualTo("invalid_client");
        long issued = System.nanoTime();
        JsonObject tokens = zoho.exchange(code, FakeZohoClient.CLIENT_SECRET);
        assertThat(tokens.containsKey("error")).as("error in %s", tokens.keySet()).isFalse();
        assertThat(tokens.getString("token_type")).isEqualTo("Bearer");
        assertThat(tokens.getString("api_domain")).isEqualTo(zoho.accounts());
        assertThat(tokens.getJsonNumber("expires_in").longValue()).isEqualTo(EXPIRES_IN);
        String access = tokens.getString("access_token");
        String refresh = tokens.getString("refresh_token");
        assertThat(zoho.exchange(code, FakeZohoClient.CLIENT_SECRET).getString("error"))
                .as("a code works once").isEqualTo("invalid_code");

        HttpResponse<String> contacts = zoho.contacts(access);
        assertThat(System.nanoTime() - issued).as("the first CRM call came before the token expired")
                .isLessThan(EXPIRES_IN * 1_000_000_000L);
        assertThat(contacts.statusCode()).isEqualTo(200);
        JsonObject records = Http.json(contacts);
        assertThat(records.getJsonArray("data")).hasSize(3);
        assertThat(records.getJsonArray("data").getJsonObject(0).getJsonObject("Owner").getString("email"))
                .isEqualTo(user);
        assertInvalidToken(zoho.contacts(null));
        assertInvalidToken(zoho.contacts("1000.not-a-token.at-all"));
        assertInvalidToken(zoho.contacts(tampered(access)));

        // Let the access token expire: sleep until its lifetime has passed (bounded: a few seconds).
        long expired = issued + (EXPIRES_IN + 1) * 1_000_000_000L;
        Thread.sleep(Math.max(0, (expired - System.nanoTime()) / 1_000_000));
        assertInvalidToken(zoho.contacts(access));

        JsonObject refreshed = zoho.refresh(refresh, FakeZohoClient.CLIENT_SECRET);
        assertThat(refreshed.containsKey("error")).as("error in %s", refreshed.keySet()).isFalse();
        assertThat(refreshed.containsKey("refresh_token")).as("a refresh gives no new refresh token").isFalse();
        String newAccess = refreshed.getString("access_token");
        assertThat(newAccess).isNotEqualTo(access);
        assertThat(zoho.contacts(newAccess).statusCode()).isEqualTo(200);
        assertThat(zoho.refresh(refresh, "wrong-secret").getString("error")).isEqualTo("invalid_client");

        assertThat(zoho.revoke(refresh).getString("status")).isEqualTo("success");
        assertThat(zoho.refresh(refresh, FakeZohoClient.CLIENT_SECRET).getString("error")).isEqualTo("invalid_code");
        assertInvalidToken(zoho.contacts(newAccess));
        assertThat(zoho.token(Map.of("grant_type", "password")).getString("error"))
                .isEqualTo("unsupported_grant_type");

        JsonObject after = zoho.stats();
        assertThat(delta(before, after, "tokenRequests")).isEqualTo(7);
        assertThat(delta(before, after, "codeGrants")).isEqualTo(1);
        assertThat(delta(before, after, "refreshGrants")).isEqualTo(1);
        assertThat(delta(before, after, "tokenErrors")).isEqualTo(5);
        assertThat(delta(before, after, "revocations")).isEqualTo(1);
        assertThat(delta(before, after, "crmRequests")).isEqualTo(7);
        assertThat(delta(before, after, "crmRejected")).isEqualTo(5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void the_authorize_page_rejects_an_unknown_client(PortalServer server) throws Exception {
        server.deployed();
        HttpResponse<String> r = Http.get(server.baseUrl() + "/fake-zoho/oauth/v2/auth?response_type=code"
                + "&client_id=1000.UNKNOWN&redirect_uri=" + Http.encode(FakeZohoClient.REDIRECT_URI));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Location")).isEmpty();
    }

    private static void assertInvalidToken(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Http.json(response).getString("code")).isEqualTo("INVALID_TOKEN");
    }

    /** The token with one character of its payload changed: its signature no longer matches. */
    private static String tampered(String token) {
        char c = token.charAt(10);
        return token.substring(0, 10) + (c == 'A' ? 'B' : 'A') + token.substring(11);
    }

    private static long delta(JsonObject before, JsonObject after, String counter) {
        return after.getJsonNumber(counter).longValue() - before.getJsonNumber(counter).longValue();
    }
}
