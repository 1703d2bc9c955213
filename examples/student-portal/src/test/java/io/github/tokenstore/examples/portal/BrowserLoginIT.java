package io.github.tokenstore.examples.portal;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real browser on each server: headless Chromium opens the home page, types an EU student's e-mail (a
 * login hint), clicks "Login with Zoho", is taken by the library's login to the fake's US sign-in page,
 * signs in, and comes back through the library's callback (the code exchanged at EU) to the records page,
 * which shows the records; a screenshot of it is kept under {@code target/browser/}; then it clicks "Log out".
 */
class BrowserLoginIT {

    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);

    static List<PortalServer> servers() {
        return PortalServer.configured();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void a_student_logs_in_with_chromium_sees_the_records_and_logs_out(PortalServer server) throws Exception {
        server.deployed();
        String portal = server.baseUrl();
        String student = "browser-" + UUID.randomUUID().toString().substring(0, 8) + "@zylker.eu";
        String name = server.toString().toLowerCase().replace(' ', '-');
        Path dir = Path.of("target", "browser");
        try (Chromium chromium = Chromium.start(dir.resolve("chromium-" + name + ".log"))) {
            chromium.navigate(portal + "/");
            chromium.waitFor("document.readyState === 'complete' && document.getElementById('email')", PAGE_TIMEOUT);

            chromium.evaluate("document.getElementById('email').value = '" + student + "';"
                    + " document.getElementById('login').click(); true");
            // The fake accounts server asks who signs in, the login hint filled in.
            chromium.waitFor("document.readyState === 'complete' && document.getElementById('zoho-sign-in')",
                    PAGE_TIMEOUT);
            assertThat(((JsonString) chromium.evaluate("document.getElementById('zoho-email').value")).getString())
                    .isEqualTo(student);
            assertThat(((JsonString) chromium.evaluate("location.href")).getString())
                    .as("the library's redirect to the US authorize page")
                    .startsWith(portal + "/fake-zoho/us/oauth/v2/auth?");
            assertThat(((JsonString) chromium.evaluate("new URL(location.href).searchParams.get('redirect_uri')"))
                    .getString()).isEqualTo(portal + "/tokenstore/callback");
            chromium.evaluate("document.getElementById('zoho-sign-in').click(); true");
            chromium.waitFor("location.pathname.endsWith('/records') && document.readyState === 'complete'",
                    PAGE_TIMEOUT);

            assertThat(((JsonNumber) chromium.evaluate("document.querySelectorAll('tr.record').length")).intValue())
                    .isEqualTo(3);
            assertThat(((JsonString) chromium.evaluate("document.getElementById('student').textContent")).getString())
                    .isEqualTo(student);
            assertThat(((JsonString) chromium.evaluate("document.body.innerText")).getString())
                    .contains("Ada Lovelace", "Alan Turing", "Grace Hopper");
            assertThat(((JsonString) chromium.evaluate("document.cookie")).getString())
                    .as("the remember-me cookie is HttpOnly").doesNotContain("zylker_student");
            byte[] png = chromium.screenshot();
            Files.createDirectories(dir);
            Path shot = dir.resolve("records-" + name + ".png");
            Files.write(shot, png);
            assertThat(png).startsWith(0x89, 'P', 'N', 'G');
            assertThat(png.length).as("size of %s", shot).isGreaterThan(10_000);
            assertThat(rows(server, student)).as("token rows after the login").isEqualTo(1);
            StudentPortalIT.assertDataCenter(StudentPortalIT.row(server, student), "eu", student);

            chromium.evaluate("document.getElementById('logout').click(); true");
            chromium.waitFor("location.search.includes('notice=logged-out') && document.readyState === 'complete'",
                    PAGE_TIMEOUT);
            assertThat(((JsonString) chromium.evaluate("document.body.innerText")).getString())
                    .contains("You are logged out").contains("Login with Zoho");
            assertThat(rows(server, student)).as("token rows after the logout").isZero();
        }
    }

    private static int rows(PortalServer server, String student) throws Exception {
        return Http.json(Http.get(server.baseUrl() + "/test-support/tokens/" + Http.encode(student))).getInt("rows");
    }
}
