package io.github.tokenstore.examples.portal;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * A browser as far as the portal can tell: the JDK's client with a cookie store, following no redirects
 * by itself, so that the tests can look at each step of the login.
 */
public final class Browser {

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** GET, without following a redirect. */
    public HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(Http.request(url).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POST with an empty form and the given {@code Origin} header, as a browser's form submission. */
    public HttpResponse<String> post(String url, String origin) throws IOException, InterruptedException {
        return http.send(Http.request(url).header("Origin", origin)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET, following redirects (at most 10) the way a browser does; the last response. */
    public HttpResponse<String> open(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = get(url);
        for (int i = 0; i < 10 && r.statusCode() / 100 == 3; i++) {
            r = get(r.uri().resolve(r.headers().firstValue("Location").orElseThrow()).toString());
        }
        return r;
    }

    /** The cookie of that name for the URL, if the browser has one. */
    public Optional<HttpCookie> cookie(String url, String name) {
        return cookies.getCookieStore().get(URI.create(url)).stream().filter(c -> c.getName().equals(name))
                .findFirst();
    }

    /** Forgets the session cookie, as a browser does when it is closed; the remember-me cookie stays. */
    public void forgetSession() {
        // The JDK's store removes a cookie from every index when asked without a URI.
        cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID")).toList()
                .forEach(c -> cookies.getCookieStore().remove(null, c));
    }
}
