package io.github.tokenstore.examples.portal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Login with Zoho" on a portal, one step at a time, as a browser goes through it: the library's login start
 * ({@code /tokenstore/login}) → the fake's sign-in page, where a student is picked → the fake's redirect
 * to the library's callback ({@code /tokenstore/callback}).
 */
final class ZohoLogin {

    private ZohoLogin() {
    }

    /**
     * {@code GET <portal>/tokenstore/login?return=/records[&login_hint=…]}: the library's 303 to the US
     * accounts server's authorize page (where every login starts).
     */
    static URI start(Browser browser, String portal, String loginHint) throws IOException, InterruptedException {
        HttpResponse<String> start = browser.get(portal + "/tokenstore/login?return=%2Frecords"
                + (loginHint == null ? "" : "&login_hint=" + Http.encode(loginHint)));
        assertThat(start.statusCode()).as("login start: %s", start.body()).isEqualTo(303);
        return URI.create(start.headers().firstValue("Location").orElseThrow());
    }

    /** The fake's sign-in page with {@code user} picked: the redirect to the callback it answers with. */
    static String signIn(Browser browser, URI authorize, String user) throws IOException, InterruptedException {
        HttpResponse<String> consent = browser.get(authorize + "&user=" + Http.encode(user));
        assertThat(consent.statusCode()).as("sign-in at the fake: %s", consent.body()).isEqualTo(302);
        return consent.headers().firstValue("Location").orElseThrow();
    }

    /** The whole login of {@code user} (no login hint), up to the records page the callback sends the browser to. */
    static HttpResponse<String> login(Browser browser, String portal, String user)
            throws IOException, InterruptedException {
        return browser.open(signIn(browser, start(browser, portal, null), user));
    }

    /** The query parameters of a URL. */
    static Map<String, String> query(String url) {
        return FakeZohoClient.query(URI.create(url).getRawQuery());
    }

    /** The URL with one query parameter's value replaced (encoded). */
    static String withParameter(String url, String name, String value) {
        URI u = URI.create(url);
        StringBuilder q = new StringBuilder();
        for (Map.Entry<String, String> p : query(url).entrySet()) {
            q.append(q.length() == 0 ? "" : "&").append(Http.encode(p.getKey())).append('=')
                    .append(Http.encode(p.getKey().equals(name) ? value : p.getValue()));
        }
        return u.getScheme() + "://" + u.getRawAuthority() + u.getRawPath() + "?" + q;
    }
}
