package io.github.tokenstore.examples.portal;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal's fake Zoho accounts servers and CRM APIs on each real server: grant code → tokens → CRM call
 * → the access token expires → 401 INVALID_TOKEN → refresh → CRM call; errors as Zoho gives them; the
 * multi-DC login (an EU student through the US authorize page) with a signed ID token; the counters the
 * later tests rely on.
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
        assertThat(zoho.exchange(code, FakeZohoClient.EU_CLIENT_SECRET).getString("error"))
                .as("the EU secret at US").isEqualTo("invalid_client");
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
        assertThat(delta(before, after, "tokenRequests")).isEqualTo(8);
        assertThat(delta(before, after, "codeGrants")).isEqualTo(1);
        assertThat(delta(before, after, "refreshGrants")).isEqualTo(1);
        assertThat(delta(before, after, "tokenErrors")).isEqualTo(6);
        assertThat(delta(before, after, "idTokens")).as("no openid scope").isZero();
        assertThat(delta(before, after, "revocations")).isEqualTo(1);
        assertThat(delta(before, after, "crmRequests")).isEqualTo(7);
        assertThat(delta(before, after, "crmRejected")).isEqualTo(5);
    }

    /**
     * Zoho's multi-DC login: an EU student picked on the US authorize page is sent back with
     * {@code location=eu} and the EU accounts server; the code works only there, with the EU secret, and
     * the ID token is signed with the EU key of the EU discovery document, issued by the EU accounts URL.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void an_eu_student_picked_on_the_us_page_is_sent_to_eu_with_an_id_token_of_eu(PortalServer server)
            throws Exception {
        server.deployed();
        FakeZohoClient us = new FakeZohoClient(server);
        FakeZohoClient eu = new FakeZohoClient(server, "eu");
        String user = "student-" + UUID.randomUUID() + "@zylker.eu";
        JsonObject usBefore = us.stats();
        JsonObject euBefore = eu.stats();

        Map<String, String> redirect = us.authorize(user, "state-2", "ZohoCRM.modules.contacts.READ,openid,email",
                "nonce-2");
        assertThat(redirect).containsEntry("location", "eu").containsEntry("accounts-server", eu.accounts())
                .containsEntry("state", "state-2");
        String code = redirect.get("code");
        assertThat(us.exchange(code, FakeZohoClient.CLIENT_SECRET).getString("error")).as("the code at US")
                .isEqualTo("invalid_code");
        assertThat(eu.exchange(code, FakeZohoClient.CLIENT_SECRET).getString("error")).as("the US secret at EU")
                .isEqualTo("invalid_client");
        JsonObject tokens = eu.exchange(code, FakeZohoClient.EU_CLIENT_SECRET);
        assertThat(tokens.containsKey("error")).as("error in %s", tokens.keySet()).isFalse();
        assertThat(tokens.getString("api_domain")).isEqualTo(eu.accounts());
        assertThat(eu.contacts(tokens.getString("access_token")).statusCode()).isEqualTo(200);
        assertThat(us.contacts(tokens.getString("access_token")).statusCode()).as("an EU token at US").isEqualTo(401);

        JsonObject discovery = Http.json(eu.get("/.well-known/openid-configuration"));
        assertThat(discovery.getString("issuer")).isEqualTo(eu.accounts());
        assertThat(discovery.getString("jwks_uri")).isEqualTo(eu.accounts() + "/oauth/v2/keys");
        assertThat(discovery.getString("token_endpoint")).isEqualTo(eu.accounts() + "/oauth/v2/token");
        HttpResponse<String> keys = Http.get(discovery.getString("jwks_uri"));
        assertThat(keys.statusCode()).isEqualTo(200);
        SignedJWT idToken = SignedJWT.parse(tokens.getString("id_token"));
        assertThat(idToken.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        RSAKey key = (RSAKey) JWKSet.parse(keys.body()).getKeyByKeyId(idToken.getHeader().getKeyID());
        assertThat(key).as("the ID token's key in the EU JWKS").isNotNull();
        assertThat(key.isPrivate()).isFalse();
        assertThat(idToken.verify(new RSASSAVerifier(key))).isTrue();
        RSAKey usKey = (RSAKey) JWKSet.parse(us.get("/oauth/v2/keys").body()).getKeys().get(0);
        assertThat(idToken.verify(new RSASSAVerifier(usKey))).as("the US key").isFalse();
        JWTClaimsSet claims = idToken.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(eu.accounts());
        assertThat(claims.getAudience()).containsExactly(FakeZohoClient.CLIENT_ID);
        assertThat(claims.getStringClaim("email")).isEqualTo(user);
        assertThat(claims.getStringClaim("nonce")).isEqualTo("nonce-2");
        assertThat(claims.getExpirationTime()).isInTheFuture();

        JsonObject usAfter = us.stats();
        JsonObject euAfter = eu.stats();
        assertThat(delta(usBefore, usAfter, "codeGrants")).isZero();
        assertThat(delta(usBefore, usAfter, "tokenRequests")).isEqualTo(1);
        assertThat(delta(euBefore, euAfter, "authorizations")).as("the EU data center issued the code").isEqualTo(1);
        assertThat(delta(euBefore, euAfter, "codeGrants")).isEqualTo(1);
        assertThat(delta(euBefore, euAfter, "idTokens")).isEqualTo(1);
        assertThat(delta(euBefore, euAfter, "tokenRequests")).isEqualTo(2);
        assertThat(delta(euBefore, euAfter, "discoveryRequests")).isEqualTo(1);
        assertThat(delta(euBefore, euAfter, "keyRequests")).isEqualTo(1);
    }

    /** Without a picked user the authorize page asks who signs in; a location the fake lacks is 404, counted. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void the_authorize_page_asks_who_signs_in_and_an_unknown_data_center_is_counted(PortalServer server)
            throws Exception {
        server.deployed();
        FakeZohoClient us = new FakeZohoClient(server);
        HttpResponse<String> page = us.get("/oauth/v2/auth?response_type=code&client_id="
                + Http.encode(FakeZohoClient.CLIENT_ID) + "&redirect_uri=" + Http.encode(FakeZohoClient.REDIRECT_URI)
                + "&state=s%22%3E&login_hint=" + Http.encode("a<b@zylker.example"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("ada@zylker.example", "emma@zylker.eu", "EU data center")
                .contains("name=\"state\" value=\"s&quot;&gt;\"").contains("value=\"a&lt;b@zylker.example\"")
                .doesNotContain("s\">");
        long unknown = us.allStats().getJsonNumber("unknownRequests").longValue();
        assertThat(Http.postForm(server.baseUrl() + "/fake-zoho/evil/oauth/v2/token", Map.of("grant_type", "x"))
                .statusCode()).isEqualTo(404);
        assertThat(us.allStats().getJsonNumber("unknownRequests").longValue()).isEqualTo(unknown + 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void the_authorize_page_rejects_an_unknown_client(PortalServer server) throws Exception {
        server.deployed();
        HttpResponse<String> r = Http.get(server.baseUrl() + "/fake-zoho/us/oauth/v2/auth?response_type=code"
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
