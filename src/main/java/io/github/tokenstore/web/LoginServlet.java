package io.github.tokenstore.web;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;

/**
 * {@code GET <context>/tokenstore/login} and {@code GET <context>/tokenstore/callback}: hands each request to
 * the {@link LoginPages} bean of the library's CDI extension. Registered by {@link LoginInitializer}.
 */
public final class LoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private transient volatile LoginPages pages;
    private final String loginPath;

    /** @param loginPath the pages' path under the context, e.g. {@code /tokenstore} */
    public LoginServlet(String loginPath) {
        this.loginPath = loginPath;
    }

    /** A servlet on these pages instead of the CDI bean's: for tests. */
    LoginServlet(String loginPath, LoginPages pages) {
        this.loginPath = loginPath;
        this.pages = pages;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        // The callback's URL holds the code: never let it leak through a Referer or a cache.
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        Exchange x = new Exchange(request, response);
        String path = request.getServletPath();
        // Mapped exactly (the default client) and with "/*" (a client's name as the path info).
        String info = request.getPathInfo();
        String client = info == null || info.equals("/") ? null : info.substring(1);
        if (path.equals(loginPath + "/login")) {
            if (client == null) {
                pages().start(x);
            } else {
                pages().start(client, x);
            }
        } else if (path.equals(loginPath + "/callback")) {
            if (client == null) {
                pages().callback(x);
            } else {
                pages().callback(client, x);
            }
        } else {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    private LoginPages pages() {
        LoginPages p = pages;
        if (p == null) {
            p = CDI.current().select(LoginPages.class).get();
            pages = p;
        }
        return p;
    }

    private static final class Exchange implements LoginPages.Exchange {
        private final HttpServletRequest request;
        private final HttpServletResponse response;

        Exchange(HttpServletRequest request, HttpServletResponse response) {
            this.request = request;
            this.response = response;
        }

        @Override
        public String contextPath() {
            return request.getContextPath();
        }

        @Override
        public String parameter(String name) {
            return request.getParameter(name);
        }

        @Override
        public String cookie(String name) {
            Cookie[] cookies = request.getCookies();
            if (cookies != null) {
                for (Cookie c : cookies) {
                    if (c.getName().equals(name)) {
                        return c.getValue();
                    }
                }
            }
            return null;
        }

        @Override
        public String principal() {
            Principal p = request.getUserPrincipal();
            return p == null ? null : p.getName();
        }

        @Override
        public String sessionUser() {
            return SessionLogins.userOf(request).orElse(null);
        }

        @Override
        public boolean secure() {
            return request.isSecure();
        }

        @Override
        public void setCookie(String name, String value, String path, boolean secure) {
            Cookie cookie = new Cookie(name, value);
            cookie.setPath(path.isEmpty() ? "/" : path);
            cookie.setHttpOnly(true);
            cookie.setSecure(secure);
            // Lax: the provider's redirect back is a top-level GET from another site, which must bring it.
            cookie.setAttribute("SameSite", "Lax");
            response.addCookie(cookie);
        }

        @Override
        public void loggedIn(String user) {
            HttpSession existing = request.getSession(false);
            if (existing != null) {
                // A new session id at login: a session id planted before cannot ride on it.
                request.changeSessionId();
            }
            request.getSession(true).setAttribute(LoginPages.SESSION_USER, user);
        }

        @Override
        public void redirect(String location) {
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", location);
        }

        @Override
        public void page(int status, String html) {
            response.setStatus(status);
            response.setContentType("text/html;charset=UTF-8");
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            response.setContentLength(body.length);
            try {
                response.getOutputStream().write(body);
            } catch (IOException e) {
                // The browser went away; nothing to tell it.
            }
        }
    }
}
