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

import static io.github.tokenstore.examples.portal.StudentPortalIT.assertRecords;
import static io.github.tokenstore.examples.portal.StudentPortalIT.delta;
import static io.github.tokenstore.examples.portal.StudentPortalIT.location;
import static io.github.tokenstore.examples.portal.StudentPortalIT.ok;
import static io.github.tokenstore.examples.portal.StudentPortalIT.origin;
import static io.github.tokenstore.examples.portal.StudentPortalIT.row;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One application, two OAuth clients, on each real server (issue 13): Zoho (the {@code tokenstore.oauth.*}
 * client, the default one) and Zylker Classroom ({@code tokenstore.clients.classroom.*}, OpenID Connect with
 * PKCE, {@code client_secret_basic} and strict refresh-token rotation, the fake under {@code /fake-classroom}).
 * A student logs in with Zoho, then connects the classroom through the library's pages of that client; the
 * student then holds two rows, one per client; both tokens expire and each is refreshed once, at its own
 * provider; the stored classroom refresh token is the newest one and the one it replaced is dead; access
 * withdrawn at the classroom asks for that client's login only, and connecting again works; logout revokes both.
 */
class TwoClientsIT {

    /** The access-token lifetime the pom gives both fakes on the servers under test. */
    private static final long EXPIRES_IN = Long.getLong("portal.fake-classroom.expires-in", 4);
    private static final Pattern COURSE = Pattern.compile("<tr class=\"course\">");
    private static final String CLASSROOM_CLIENT_ID = "zylker-academy-portal";

    static List<PortalServer> servers() {
        return PortalServer.configured();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void a_student_connects_the_classroom_and_each_token_is_refreshed_at_its_own_provider(PortalServer server)
            throws Exception {
        server.deployed();
        String portal = server.baseUrl();
        FakeZohoClient zoho = new FakeZohoClient(server);
        Browser browser = new Browser();
        String student = "student-" + UUID.randomUUID() + "@zylker.example";

        // Zoho first, as today: the library's default login.
        assertRecords(ZohoLogin.login(browser, portal, student), student);

        // The courses page: no classroom token yet, so the link to the library's login of that client.
        HttpResponse<String> notConnected = ok(browser.get(portal + "/courses"));
        String link = "tokenstore/login/classroom?return=%2Fcourses&amp;login_hint=" + Http.encode(student);
        assertThat(notConnected.body()).contains("Connect Zylker Classroom").contains("href=\"" + link + "\"")
                .contains("<b id=\"student\">" + student + "</b>");
        assertThat(row(server, student).getInt("rows")).isEqualTo(1);

        // "Connect Zylker Classroom": the library's /tokenstore/login/classroom → the fake's authorize page
        // (PKCE S256, the client's scopes, its own callback) → the fake's redirect → the library's callback.
        JsonObject classroomBefore = classroomStats(portal);
        connectClassroom(browser, portal, student);
        JsonObject classroomConnected = classroomStats(portal);
        assertThat(delta(classroomBefore, classroomConnected, "codeGrants")).isEqualTo(1);
        assertThat(delta(classroomBefore, classroomConnected, "tokenErrors")).as("a client that failed Basic auth")
                .isZero();
        assertThat(delta(classroomBefore, classroomConnected, "invalidGrants")).isZero();
        assertThat(delta(classroomBefore, classroomConnected, "apiRequests")).isEqualTo(1);

        // Two rows for one student in the default datasource: the Zoho client's (no client name) and the classroom's.
        JsonObject rows = row(server, student);
        assertThat(rows.getInt("rows")).isEqualTo(2);
        JsonObject clients = rows.getJsonObject("clients");
        assertThat(clients.keySet()).containsExactlyInAnyOrder("", "classroom");
        JsonObject zohoRow = clients.getJsonObject("");
        JsonObject classroomRow = clients.getJsonObject("classroom");
        assertThat(zohoRow.getString("clientId")).isEqualTo(FakeZohoClient.CLIENT_ID);
        assertThat(classroomRow.getString("clientId")).isEqualTo(CLASSROOM_CLIENT_ID);
        assertThat(classroomRow.getString("account")).as("the classroom's verified e-mail").isEqualTo(student);
        assertThat(classroomRow.isNull("refreshTokenSha256")).isFalse();
        assertThat(live(portal, classroomRow.getString("refreshTokenSha256"))).isTrue();
        // The Zoho login stays: its records page still works, with the Zoho token.
        assertRecords(browser.get(portal + "/records"), student);

        // Both access tokens expire (the stored expiry times say when); each page load refreshes its own
        // client's token once, at its own provider.
        long expiry = Math.max(zohoRow.getJsonNumber("expiryTime").longValue(),
                classroomRow.getJsonNumber("expiryTime").longValue());
        Thread.sleep(Math.max(0, expiry - System.currentTimeMillis()) + 1000);
        JsonObject zohoBefore = zoho.stats();
        JsonObject classroomBeforeExpiry = classroomStats(portal);
        assertRecords(browser.get(portal + "/records"), student);
        assertCourses(browser.get(portal + "/courses"), student);
        JsonObject zohoAfter = zoho.stats();
        JsonObject classroomAfter = classroomStats(portal);
        assertThat(delta(zohoBefore, zohoAfter, "refreshGrants")).as("Zoho refreshes").isEqualTo(1);
        assertThat(delta(zohoBefore, zohoAfter, "tokenErrors")).isZero();
        assertThat(delta(zohoBefore, zohoAfter, "crmRejected")).isZero();
        assertThat(delta(classroomBeforeExpiry, classroomAfter, "refreshGrants")).as("classroom refreshes")
                .isEqualTo(1);
        assertThat(delta(classroomBeforeExpiry, classroomAfter, "invalidGrants")).as("a dead refresh token sent")
                .isZero();
        assertThat(delta(classroomBeforeExpiry, classroomAfter, "tokenErrors")).isZero();
        assertThat(delta(classroomBeforeExpiry, classroomAfter, "apiRejected")).as("the API saw no expired token")
                .isZero();
        assertThat(delta(classroomBeforeExpiry, classroomAfter, "codeGrants")).isZero();

        // Strict rotation: the stored classroom refresh token is the new one, the one it replaced is dead.
        JsonObject refreshed = row(server, student).getJsonObject("clients");
        JsonObject newClassroom = refreshed.getJsonObject("classroom");
        assertThat(newClassroom.getString("id")).isEqualTo(classroomRow.getString("id"));
        assertThat(newClassroom.getString("refreshTokenSha256")).as("the stored classroom refresh token")
                .isNotEqualTo(classroomRow.getString("refreshTokenSha256"));
        assertThat(live(portal, newClassroom.getString("refreshTokenSha256"))).as("the newest is live").isTrue();
        assertThat(live(portal, classroomRow.getString("refreshTokenSha256"))).as("the replaced one").isFalse();
        assertThat(newClassroom.getString("accessTokenSha256"))
                .isNotEqualTo(classroomRow.getString("accessTokenSha256"));
        // Zoho does not rotate: same refresh token, a new access token.
        JsonObject newZoho = refreshed.getJsonObject("");
        assertThat(newZoho.getString("refreshTokenSha256")).isEqualTo(zohoRow.getString("refreshTokenSha256"));
        assertThat(newZoho.getString("accessTokenSha256")).isNotEqualTo(zohoRow.getString("accessTokenSha256"));

        // The student withdraws the portal's access at the classroom: the courses page offers "Connect Zylker
        // Classroom" again after exactly one refused refresh (whether the API saw the dead access token first,
        // 401 invalid_token, or it had expired), and the Zoho side is untouched: the records page still works.
        String base = portal + "/test-support/tokens/" + Http.encode(student);
        assertThat(Http.json(ok(Http.postForm(base + "/withdraw-at-fake-classroom", Map.of())))
                .getBoolean("withdrawn")).isTrue();
        JsonObject beforeWithdrawn = classroomStats(portal);
        JsonObject zohoBeforeWithdrawn = zoho.stats();
        HttpResponse<String> withdrawn = ok(browser.get(portal + "/courses"));
        assertThat(withdrawn.body()).contains("Connect Zylker Classroom").doesNotContain("class=\"course\"");
        JsonObject afterWithdrawn = classroomStats(portal);
        assertThat(delta(beforeWithdrawn, afterWithdrawn, "invalidGrants")).as("refused refreshes").isEqualTo(1);
        assertThat(delta(beforeWithdrawn, afterWithdrawn, "refreshGrants")).isZero();
        assertThat(delta(beforeWithdrawn, afterWithdrawn, "apiRejected")).isLessThanOrEqualTo(1);
        assertRecords(browser.get(portal + "/records"), student);
        JsonObject zohoAfterWithdrawn = zoho.stats();
        assertThat(delta(zohoBeforeWithdrawn, zohoAfterWithdrawn, "tokenErrors")).isZero();
        assertThat(delta(zohoBeforeWithdrawn, zohoAfterWithdrawn, "codeGrants")).isZero();
        assertThat(delta(zohoBeforeWithdrawn, zohoAfterWithdrawn, "revocations")).isZero();
        // Connecting again works, under the same student, with no new Zoho login.
        connectClassroom(browser, portal, student);
        JsonObject reconnected = classroomStats(portal);
        assertThat(delta(afterWithdrawn, reconnected, "codeGrants")).isEqualTo(1);
        JsonObject again = row(server, student);
        assertThat(again.getInt("rows")).isEqualTo(2);
        String newest = again.getJsonObject("clients").getJsonObject("classroom").getString("refreshTokenSha256");
        assertThat(live(portal, newest)).isTrue();
        assertThat(delta(zohoAfterWithdrawn, zoho.stats(), "codeGrants")).as("no new Zoho login").isZero();

        // Logout revokes each token at its own provider and deletes both rows.
        HttpResponse<String> logout = browser.post(portal + "/logout", origin(portal));
        assertThat(logout.statusCode()).as("logout: %s", logout.body()).isEqualTo(303);
        assertThat(delta(zohoAfter, zoho.stats(), "revocations")).as("Zoho revocations").isEqualTo(1);
        assertThat(delta(reconnected, classroomStats(portal), "revocations")).as("classroom revocations")
                .isEqualTo(1);
        assertThat(live(portal, newest)).as("revoked").isFalse();
        assertThat(row(server, student).getInt("rows")).isZero();
    }

    /**
     * "Connect Zylker Classroom", as the courses page links it: the library's {@code /tokenstore/login/classroom}
     * → the fake's authorize page (PKCE S256, the client's scopes, its own callback) → the fake's redirect → the
     * library's callback → the courses page.
     */
    static void connectClassroom(Browser browser, String portal, String student) throws Exception {
        HttpResponse<String> start = browser.get(portal + "/tokenstore/login/classroom?return=%2Fcourses&login_hint="
                + Http.encode(student));
        assertThat(start.statusCode()).as("classroom login start: %s", start.body()).isEqualTo(303);
        URI authorize = URI.create(location(start));
        assertThat(authorize.toString()).startsWith(portal + "/fake-classroom/authorize?");
        Map<String, String> params = FakeZohoClient.query(authorize.getRawQuery());
        assertThat(params).containsEntry("client_id", CLASSROOM_CLIENT_ID)
                .containsEntry("redirect_uri", portal + "/tokenstore/callback/classroom")
                .containsEntry("response_type", "code")
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("login_hint", student)
                .containsKeys("state", "nonce", "code_challenge");
        assertThat(List.of(params.get("scope").split("[,\\s]+")))
                .contains("openid", "email", "offline_access", "courses.read");
        HttpResponse<String> consent = browser.get(authorize.toString());
        assertThat(consent.statusCode()).as("the fake classroom's authorize: %s", consent.body()).isEqualTo(302);
        String callback = consent.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith(portal + "/tokenstore/callback/classroom?");
        HttpResponse<String> done = browser.get(callback);
        assertThat(done.statusCode()).as("classroom callback: %s", done.body()).isEqualTo(303);
        assertThat(location(done)).isEqualTo(portal + "/courses");
        assertCourses(browser.get(portal + "/courses"), student);
    }

    static void assertCourses(HttpResponse<String> page, String student) {
        assertThat(page.statusCode()).as("courses page %s: %s", page.uri(), page.body()).isEqualTo(200);
        assertThat(page.body()).contains("<b id=\"student\">" + student + "</b>")
                .contains("CS101").contains("Analytical Engines").contains("CS205").contains("Computability")
                .doesNotContain("Connect Zylker Classroom");
        Matcher m = COURSE.matcher(page.body());
        int rows = 0;
        while (m.find()) {
            rows++;
        }
        assertThat(rows).isEqualTo(2);
    }

    private static JsonObject classroomStats(String portal) throws Exception {
        return Http.json(ok(Http.get(portal + "/fake-classroom/stats")));
    }

    private static boolean live(String portal, String refreshTokenSha256) throws Exception {
        return Http.json(ok(Http.get(portal + "/test-support/fake-classroom/refresh-tokens/" + refreshTokenSha256)))
                .getBoolean("live");
    }
}
