package io.github.tokenstore.web;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** A request and its response for {@link LoginPages}, recorded. */
public final class FakeExchange implements LoginPages.Exchange {

    public final String contextPath;
    public final Map<String, String> parameters = new HashMap<>();
    public final Map<String, String> cookies = new HashMap<>();
    public String principal;
    public boolean secure = true;

    public String cookieSet;
    public String cookiePath;
    public boolean cookieSecure;
    public String sessionUser;
    public String location;
    public int status;
    public String html;

    public FakeExchange(String contextPath) {
        this.contextPath = contextPath;
    }

    /** The next request of the same browser (its cookie kept) with the query of {@code uri}. */
    public FakeExchange next(URI uri) {
        FakeExchange x = new FakeExchange(contextPath);
        x.cookies.putAll(cookies);
        if (cookieSet != null) {
            x.cookies.put(LoginPages.COOKIE, cookieSet);
        }
        x.principal = principal;
        x.sessionUser = sessionUser;
        if (uri != null && uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                x.parameters.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return x;
    }

    @Override
    public String contextPath() {
        return contextPath;
    }

    @Override
    public String parameter(String name) {
        return parameters.get(name);
    }

    @Override
    public String cookie(String name) {
        return cookies.get(name);
    }

    @Override
    public String principal() {
        return principal;
    }

    @Override
    public String sessionUser() {
        return sessionUser;
    }

    @Override
    public boolean secure() {
        return secure;
    }

    @Override
    public void setCookie(String name, String value, String path, boolean secure) {
        cookieSet = value;
        cookiePath = path;
        cookieSecure = secure;
    }

    @Override
    public void loggedIn(String user) {
        sessionUser = user;
    }

    @Override
    public void redirect(String location) {
        status = 303;
        this.location = location;
    }

    @Override
    public void page(int status, String html) {
        this.status = status;
        this.html = html;
    }
}
