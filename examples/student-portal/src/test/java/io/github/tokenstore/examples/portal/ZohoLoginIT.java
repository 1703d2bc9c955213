package io.github.tokenstore.examples.portal;

import jakarta.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import static io.github.tokenstore.examples.portal.StudentPortalIT.assertDataCenter;
import static io.github.tokenstore.examples.portal.StudentPortalIT.assertFailed;
import static io.github.tokenstore.examples.portal.StudentPortalIT.assertRecords;
import static io.github.tokenstore.examples.portal.StudentPortalIT.delta;
import static io.github.tokenstore.examples.portal.StudentPortalIT.ok;
import static io.github.tokenstore.examples.portal.StudentPortalIT.origin;
import static io.github.tokenstore.examples.portal.StudentPortalIT.row;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library's "Login with Zoho" on each real server, against the fake's two data centers: an EU student
 * through the US authorize page stays with EU for the code, the refresh and the revocation; the
 * account-overwrite attack of issue 12 fails; a forged callback naming a foreign accounts server is refused
 * and sends nothing anywhere.
 */
class ZohoLoginIT {

    /** The access-token lifetime the pom gives the servers under test. */
    private static final long EXPIRES_IN = Long.getLong("portal.fake-zoho.expires-in", 4);

    static List<PortalServer> servers() {
        return PortalServer.configured();
    }

    /**
     * An EU student signs in on the US authorize page (where every multi-DC login starts): the code is
     * exchanged at the EU accounts server with the EU secret, the row says EU, after the access token's
     * expiry the refresh goes to EU, and logout revokes at EU. The US data center gets no token request.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void an_eu_student_logs_in_through_the_us_page_and_every_token_request_goes_to_eu(PortalServer server)
            throws Exception {
        server.deployed();
        String portal = server.baseUrl();
        FakeZohoClient us = new FakeZohoClient(server);
        FakeZohoClient eu = new FakeZohoClient(server, "eu");
        Browser browser = new Browser();
        String student = "student-" + UUID.randomUUID() + "@zylker.eu";
        JsonObject usBefore = us.stats();
        JsonObject euBefore = eu.stats();

        URI authorize = ZohoLogin.start(browser, portal, null);
        assertThat(authorize.toString()).startsWith(us.accounts() + "/oauth/v2/auth?");
        String callback = ZohoLogin.signIn(browser, authorize, student);
        assertThat(ZohoLogin.query(callback)).containsEntry("location", "eu")
                .containsEntry("accounts-server", eu.accounts());
        assertRecords(browser.open(callback), student);

        JsonObject euLoggedIn = eu.stats();
        assertThat(delta(euBefore, euLoggedIn, "codeGrants")).as("EU code grants").isEqualTo(1);
        assertThat(delta(euBefore, euLoggedIn, "tokenErrors")).as("EU token errors (a wrong secret)").isZero();
        assertThat(delta(euBefore, euLoggedIn, "idTokens")).isEqualTo(1);
        assertThat(delta(euBefore, euLoggedIn, "crmRequests")).as("the records came from the EU API").isEqualTo(1);
        JsonObject row = row(server, student);
        assertThat(row.getInt("rows")).isEqualTo(1);
        assertThat(row.getString("apiDomain")).isEqualTo(eu.accounts());
        assertDataCenter(row, "eu", student);

        // The access token expires: the next page load refreshes it at EU.
        Thread.sleep(EXPIRES_IN * 1000 + 1500);
        assertRecords(browser.get(portal + "/records"), student);
        JsonObject euRefreshed = eu.stats();
        assertThat(delta(euLoggedIn, euRefreshed, "refreshGrants")).as("EU refreshes").isEqualTo(1);
        assertThat(delta(euLoggedIn, euRefreshed, "tokenErrors")).isZero();

        // Logout revokes at EU.
        HttpResponse<String> logout = browser.post(portal + "/logout", origin(portal));
        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(delta(euRefreshed, eu.stats(), "revocations")).as("EU revocations").isEqualTo(1);
        assertThat(row(server, student).getInt("rows")).isZero();

        JsonObject usAfter = us.stats();
        assertThat(delta(usBefore, usAfter, "tokenRequests")).as("US token requests").isZero();
        assertThat(delta(usBefore, usAfter, "revocations")).as("US revocations").isZero();
        assertThat(delta(usBefore, usAfter, "crmRequests")).as("US CRM requests").isZero();
    }

    /**
     * The attack of issue 12: a visitor starts a login naming another student (the old e-mail field, now a
     * mere {@code login_hint}) and signs in at Zoho with their own account. The tokens are saved under the
     * visitor's verified account; the other student's row is untouched and their records still work.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void a_login_hinted_as_another_student_saves_only_the_account_that_signed_in(PortalServer server)
            throws Exception {
        server.deployed();
        String portal = server.baseUrl();
        String victim = "victim-" + UUID.randomUUID() + "@zylker.example";
        String visitor = "visitor-" + UUID.randomUUID() + "@zylker.example";
        Browser victimBrowser = new Browser();
        assertRecords(ZohoLogin.login(victimBrowser, portal, victim), victim);
        JsonObject victimRow = row(server, victim);
        assertThat(victimRow.getInt("rows")).isEqualTo(1);

        Browser attacker = new Browser();
        URI authorize = ZohoLogin.start(attacker, portal, victim);
        assertThat(FakeZohoClient.query(authorize.getRawQuery())).containsEntry("login_hint", victim);
        HttpResponse<String> records = attacker.open(ZohoLogin.signIn(attacker, authorize, visitor));
        assertRecords(records, visitor);
        assertThat(records.body()).doesNotContain(victim);

        JsonObject after = row(server, victim);
        assertThat(after.getInt("rows")).isEqualTo(1);
        assertThat(after.getString("id")).isEqualTo(victimRow.getString("id"));
        assertThat(after.getString("refreshTokenSha256")).as("the victim's refresh token")
                .isEqualTo(victimRow.getString("refreshTokenSha256"));
        assertThat(after.getString("accessTokenSha256")).isEqualTo(victimRow.getString("accessTokenSha256"));
        assertThat(row(server, visitor).getInt("rows")).as("the visitor's own row").isEqualTo(1);
        assertThat(ok(attacker.get(portal + "/")).body()).contains(visitor).doesNotContain(victim);
        assertRecords(victimBrowser.get(portal + "/records"), victim);

        for (Browser b : List.of(victimBrowser, attacker)) {
            assertThat(b.post(portal + "/logout", origin(portal)).statusCode()).isEqualTo(303);
        }
        assertThat(row(server, victim).getInt("rows")).isZero();
        assertThat(row(server, visitor).getInt("rows")).isZero();
    }

    /**
     * A forged callback: the right state and code, but {@code accounts-server} names a host that is not the
     * accounts server of an allowed data center (here a path of the fake that is no data center of it). The
     * library refuses it with its ID, and no request reaches the fake at all: the forged server, US, EU.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void a_callback_naming_a_foreign_accounts_server_is_refused_and_nothing_is_sent(PortalServer server)
            throws Exception {
        server.deployed();
        String portal = server.baseUrl();
        FakeZohoClient us = new FakeZohoClient(server);
        String student = "student-" + UUID.randomUUID() + "@zylker.eu";
        String refused = "TOKENSTORE-0805"; // the library's refused accounts server
        for (String forged : List.of(portal + "/fake-zoho/evil", "https://accounts.zoho.com.evil.test",
                us.accounts() + "@127.0.0.1:1", us.accounts().replace("http:", "https:"))) {
            Browser browser = new Browser();
            String callback = ZohoLogin.signIn(browser, ZohoLogin.start(browser, portal, null), student);
            String forgedCallback = ZohoLogin.withParameter(callback, "accounts-server", forged);
            JsonObject before = us.allStats();
            assertFailed(browser.get(forgedCallback), portal, refused);
            JsonObject after = us.allStats();
            assertThat(after.getJsonNumber("unknownRequests").longValue()).as("requests to %s", forged)
                    .isEqualTo(before.getJsonNumber("unknownRequests").longValue());
            for (String dc : List.of("us", "eu")) {
                assertThat(delta(before.getJsonObject(dc), after.getJsonObject(dc), "requests"))
                        .as("requests to %s for a callback naming %s", dc, forged).isZero();
            }
            assertThat(row(server, student).getInt("rows")).isZero();
        }
        HttpResponse<String> page = Http.get(portal + "/login-failed?error=" + refused);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<code id=\"error\">" + refused + "</code>");
        assertThat(Http.get(portal + "/login-failed?error=%3Cscript%3E").body()).doesNotContain("<script>");
    }
}
