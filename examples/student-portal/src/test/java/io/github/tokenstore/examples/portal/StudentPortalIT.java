package io.github.tokenstore.examples.portal;

import jakarta.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal on each real server, deployed with no {@code tokenstore.*} store configuration, used the way
 * a student's browser uses it: the library's "Login with Zoho" through the (fake) accounts server → the records page →
 * the token row in the server's default datasource → restart of the server's JVM → the records page
 * again, without a new login → the access token expires → the next page load refreshes it exactly once
 * → logout revokes and deletes the token.
 */
class StudentPortalIT {

    /** The access-token lifetime the pom gives the servers under test. */
    private static final long EXPIRES_IN = Long.getLong("portal.fake-zoho.expires-in", 4);
    private static final Pattern RECORD = Pattern.compile("<tr class=\"record\">");

    static List<PortalServer> servers() {
        return PortalServer.configured();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void the_store_is_the_libraries_jpa_store_on_the_servers_default_datasource(PortalServer server)
            throws Exception {
        server.deployed();
        JsonObject store = Http.json(ok(Http.get(server.baseUrl() + "/test-support/store")));
        assertThat(store.getString("store")).isEqualTo("the JPA token store (H2)");
        assertThat(store.getString("provider")).isEqualTo(server.jpaProvider());
        assertThat(store.getString("database")).isEqualTo("H2");
        // The default datasource the pom points at an H2 file, so tokens outlive the JVM.
        assertThat(store.getString("url")).startsWith("jdbc:h2:").doesNotContain(":mem:").contains("student-portal");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void login_records_restart_expiry_refresh_and_logout(PortalServer server) throws Exception {
        server.deployed();
        String portal = server.baseUrl();
        FakeZohoClient zoho = new FakeZohoClient(server);
        Browser browser = new Browser();
        String student = "student-" + UUID.randomUUID() + "@zylker.example";

        // Home: not logged in; "Login with Zoho" is the library's login, with an optional login hint.
        assertThat(ok(browser.get(portal + "/")).body()).contains("Login with Zoho")
                .contains("action=\"tokenstore/login\"").contains("name=\"login_hint\"")
                .doesNotContain("records</a>");
        assertThat(browser.get(portal + "/records").headers().firstValue("Location")).as("records before login")
                .hasValue(portal + "/?notice=login");

        // "Login with Zoho": the library sends the browser to the US accounts server's authorize page.
        JsonObject before = zoho.stats();
        URI authorize = ZohoLogin.start(browser, portal, student);
        assertThat(authorize.toString()).startsWith(zoho.accounts() + "/oauth/v2/auth?");
        Map<String, String> params = FakeZohoClient.query(authorize.getRawQuery());
        assertThat(params).containsEntry("client_id", FakeZohoClient.CLIENT_ID)
                .containsEntry("redirect_uri", portal + "/tokenstore/callback")
                .containsEntry("response_type", "code")
                .containsEntry("access_type", "offline")
                .containsEntry("login_hint", student);
        assertThat(List.of(params.get("scope").split("[,\\s]+")))
                .contains("ZohoCRM.modules.contacts.READ", "openid", "email");
        assertThat(params.get("state")).hasSizeGreaterThanOrEqualTo(22);
        assertThat(params.get("nonce")).hasSizeGreaterThanOrEqualTo(22);
        assertThat(browser.cookie(portal + "/tokenstore/callback", "tokenstore_login")).as("the login cookie")
                .isPresent();

        // The fake asks who signs in (the hint filled in), then sends the browser back with a code and the state.
        assertThat(ok(browser.get(authorize.toString())).body()).contains("value=\"" + student + "\"");
        String callback = ZohoLogin.signIn(browser, authorize, student);
        assertThat(callback).startsWith(portal + "/tokenstore/callback?");
        Map<String, String> back = ZohoLogin.query(callback);
        assertThat(back).containsEntry("state", params.get("state")).containsEntry("location", "us")
                .containsKey("code");

        // A forged state is refused before the code goes anywhere (CSRF), and so is the callback of another
        // login in a browser that did not start it (no login cookie). The library uses up a state it was
        // shown from another browser, so that check takes a login of its own.
        assertFailed(browser.get(ZohoLogin.withParameter(callback, "state", "forged")), portal,
                "TOKENSTORE-0801");
        Browser starter = new Browser();
        String othersCallback = ZohoLogin.signIn(starter, ZohoLogin.start(starter, portal, null), student);
        assertFailed(new Browser().get(othersCallback), portal, "TOKENSTORE-0803");
        assertThat(delta(before, zoho.stats(), "tokenRequests")).as("no code exchanged yet").isZero();

        // The callback: the library exchanges the code, checks the ID token, saves the tokens under the
        // e-mail Zoho verified, and sends the browser to /records, which sets the remember-me cookie.
        HttpResponse<String> done = browser.get(callback);
        assertThat(done.statusCode()).as("callback: %s", done.body()).isEqualTo(303);
        assertThat(location(done)).isEqualTo(portal + "/records");
        assertFailed(browser.get(callback), portal, "TOKENSTORE-0801"); // a state works once
        assertRecords(browser.open(portal + "/records"), student);
        assertThat(browser.cookie(portal + "/", "zylker_student")).as("remember-me cookie").isPresent();
        JsonObject loggedIn = zoho.stats();
        assertThat(delta(before, loggedIn, "codeGrants")).isEqualTo(1);
        assertThat(delta(before, loggedIn, "idTokens")).isEqualTo(1);
        assertThat(delta(before, loggedIn, "crmRequests")).isGreaterThanOrEqualTo(1);
        assertThat(ok(browser.get(portal + "/")).body()).contains(student).contains("My records");

        // The token row is in the server's default datasource.
        JsonObject row = row(server, student);
        assertThat(row.getInt("rows")).isEqualTo(1);
        assertThat(row.getString("clientId")).isEqualTo(FakeZohoClient.CLIENT_ID);
        assertThat(row.getString("apiDomain")).isEqualTo(zoho.accounts());
        assertThat(row.isNull("refreshTokenSha256")).as("a refresh token is stored").isFalse();
        assertDataCenter(row, "us", student);
        String id = row.getString("id");

        // Restart: a new JVM, an empty token cache and no session; the remember-me cookie names the student.
        server.restart();
        JsonObject storedRow = row(server, student);
        assertThat(storedRow.getInt("rows")).as("rows after the restart: %s; before: %s; store: %s", storedRow, row,
                Http.get(portal + "/test-support/store").body()).isEqualTo(1);
        assertThat(storedRow.getString("id")).as("the row after the restart").isEqualTo(id);
        browser.forgetSession();
        assertThat(browser.cookie(portal + "/", "JSESSIONID")).isEmpty();
        JsonObject fresh = zoho.stats(); // the fake's counters start again with the JVM
        // The restart takes longer than the token lives, so it has expired by now; checked, not assumed.
        boolean expired = System.currentTimeMillis() > storedRow.getJsonNumber("expiryTime").longValue();
        assertRecords(browser.get(portal + "/records"), student);
        JsonObject restarted = zoho.stats();
        assertThat(delta(fresh, restarted, "codeGrants")).as("no new login after the restart").isZero();
        assertThat(delta(fresh, restarted, "refreshGrants")).as("refreshes after the restart (expired: %s)",
                expired).isEqualTo(expired ? 1 : 0);

        // Let the access token expire: the next page load refreshes it, exactly once.
        JsonObject refreshedRow = row(server, student);
        Thread.sleep(EXPIRES_IN * 1000 + 1500);
        JsonObject beforeExpiry = zoho.stats();
        long loadStarted = System.nanoTime();
        assertRecords(browser.get(portal + "/records"), student);
        JsonObject afterExpiry = zoho.stats();
        assertThat(delta(beforeExpiry, afterExpiry, "refreshGrants")).as("refreshes of the page load").isEqualTo(1);
        assertThat(delta(beforeExpiry, afterExpiry, "codeGrants")).isZero();
        assertThat(delta(beforeExpiry, afterExpiry, "tokenErrors")).isZero();
        assertThat(delta(beforeExpiry, afterExpiry, "crmRejected")).as("the CRM never saw the expired token")
                .isZero();
        // The next load, while the new token is valid, is served from the library's cache: no refresh.
        assertRecords(browser.get(portal + "/records"), student);
        if ((System.nanoTime() - loadStarted) / 1_000_000 < EXPIRES_IN * 1000 - 500) {
            assertThat(delta(afterExpiry, zoho.stats(), "refreshGrants")).as("refreshes of the next load").isZero();
        }
        JsonObject newRow = row(server, student);
        assertThat(newRow.getString("id")).isEqualTo(id);
        assertThat(newRow.getString("accessTokenSha256")).as("the refreshed access token is stored")
                .isNotEqualTo(refreshedRow.getString("accessTokenSha256"));
        assertThat(newRow.getString("refreshTokenSha256")).isEqualTo(row.getString("refreshTokenSha256"));
        assertThat(newRow.getJsonNumber("expiryTime").longValue())
                .isGreaterThan(refreshedRow.getJsonNumber("expiryTime").longValue());

        // A logout from another site is refused; the token stays.
        assertThat(browser.post(portal + "/logout", "http://evil.example").statusCode()).isEqualTo(403);
        assertThat(row(server, student).getInt("rows")).isEqualTo(1);

        // Logout revokes the refresh token at the accounts server and deletes the row.
        JsonObject beforeLogout = zoho.stats();
        HttpResponse<String> logout = browser.post(portal + "/logout", origin(portal));
        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(logout.headers().firstValue("Location")).hasValue(portal + "/?notice=logged-out");
        assertThat(delta(beforeLogout, zoho.stats(), "revocations")).isEqualTo(1);
        assertThat(row(server, student).getInt("rows")).as("rows after the logout").isZero();
        assertThat(browser.cookie(portal + "/", "zylker_student")).as("remember-me cookie after logout").isEmpty();
        assertThat(browser.get(portal + "/records").headers().firstValue("Location"))
                .hasValue(portal + "/?notice=login");
    }

    /**
     * The student removed the portal's access at Zoho: the CRM rejects the (unexpired) access token with
     * 401 {@code INVALID_TOKEN}, the library's client filter turns that into the exception on which
     * {@code @CrmCall} refreshes, the accounts server refuses the revoked refresh token, and the portal
     * asks the student to log in again. One CRM rejection, one refused refresh, no code grant.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void a_token_revoked_at_zoho_sends_the_student_to_log_in_again(PortalServer server) throws Exception {
        server.deployed();
        String portal = server.baseUrl();
        FakeZohoClient zoho = new FakeZohoClient(server);
        Browser browser = new Browser();
        String student = "student-" + UUID.randomUUID() + "@zylker.example";
        assertRecords(ZohoLogin.login(browser, portal, student), student);
        String base = portal + "/test-support/tokens/" + Http.encode(student);
        assertThat(Http.json(ok(Http.postForm(base + "/revoke-at-fake-zoho", Map.of()))).getBoolean("revoked"))
                .isTrue();

        JsonObject before = zoho.stats();
        HttpResponse<String> records = browser.get(portal + "/records");
        JsonObject after = zoho.stats();
        assertThat(records.statusCode()).as("records: %s", records.body()).isEqualTo(303);
        assertThat(records.headers().firstValue("Location")).hasValue(portal + "/?notice=login-again");
        assertThat(delta(before, after, "crmRejected")).as("CRM rejections").isEqualTo(1);
        assertThat(delta(before, after, "tokenErrors")).as("refused refreshes").isEqualTo(1);
        assertThat(delta(before, after, "refreshGrants")).isZero();
        assertThat(delta(before, after, "codeGrants")).isZero();
        assertThat(browser.cookie(portal + "/", "zylker_student")).as("remember-me cookie").isEmpty();
        assertThat(ok(browser.get(portal + "/?notice=login-again")).body()).contains("please log in with Zoho again");
        assertThat(Http.json(ok(Http.postForm(base + "/delete", Map.of()))).getInt("rows")).isZero();
    }

    /**
     * The library's store, injected with {@code @Inject TokenStore}, runs outside an application's JTA
     * transaction: a token saved inside one that rolls back stays saved (a refreshed token must not be lost).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void a_token_saved_inside_a_transaction_that_rolls_back_stays(PortalServer server) throws Exception {
        server.deployed();
        String user = "student-" + UUID.randomUUID() + "@zylker.example";
        String base = server.baseUrl() + "/test-support/tokens/" + Http.encode(user);
        JsonObject saved = Http.json(ok(Http.postForm(base + "/save-in-rolled-back-transaction", Map.of())));
        assertThat(saved.getInt("rows")).isEqualTo(1);
        assertThat(saved.getString("accessTokenSha256")).isEqualTo(Http.sha256("test-support-" + user));
        assertThat(Http.json(ok(Http.postForm(base + "/delete", Map.of()))).getInt("rows")).isZero();
    }

    /** The library refused the login: a 303 to the portal's {@code tokenstore.login.error-path} with its ID. */
    static void assertFailed(HttpResponse<String> response, String portal, String messageId) {
        assertThat(response.statusCode()).as("refused login: %s", response.body()).isEqualTo(303);
        assertThat(location(response)).as("refused login").isEqualTo(portal + "/login-failed?error=" + messageId);
    }

    /** A redirect's {@code Location}, resolved against the request's URL (the library sends paths). */
    static String location(HttpResponse<String> response) {
        return response.uri().resolve(response.headers().firstValue("Location").orElseThrow()).toString();
    }

    /** The token row's data center and Zoho account, once the table has those columns (library schema V3). */
    static void assertDataCenter(JsonObject row, String location, String account) {
        assertThat(row.containsKey("dataCenter")).as("the row has a data center: %s", row.keySet()).isTrue();
        assertThat(row.getString("dataCenter")).isEqualToIgnoringCase(location);
        if (row.containsKey("account") && !row.isNull("account")) {
            assertThat(row.getString("account")).isEqualTo(account);
        }
    }

    static void assertRecords(HttpResponse<String> page, String student) {
        assertThat(page.statusCode()).as("records page %s: %s", page.uri(), page.body()).isEqualTo(200);
        assertThat(page.uri().getPath()).endsWith("/records");
        assertThat(page.body()).contains("<b id=\"student\">" + student + "</b>")
                .contains("Ada Lovelace").contains("Alan Turing").contains("Grace Hopper");
        Matcher m = RECORD.matcher(page.body());
        int rows = 0;
        while (m.find()) {
            rows++;
        }
        assertThat(rows).isEqualTo(3);
    }

    static JsonObject row(PortalServer server, String user) throws Exception {
        return Http.json(ok(Http.get(server.baseUrl() + "/test-support/tokens/" + Http.encode(user))));
    }

    static long delta(JsonObject before, JsonObject after, String counter) {
        return after.getJsonNumber(counter).longValue() - before.getJsonNumber(counter).longValue();
    }

    static String origin(String url) {
        URI u = URI.create(url);
        return u.getScheme() + "://" + u.getHost() + (u.getPort() == -1 ? "" : ":" + u.getPort());
    }

    static HttpResponse<String> ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("status of %s: %s", response.uri(), response.body()).isEqualTo(200);
        return response;
    }
}
