package io.github.tokenstore.examples.portal;

import io.github.tokenstore.AuthorizationRequiredException;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.oauth.DataCenter;
import io.github.tokenstore.oauth.TokenService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import java.net.URI;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The portal's pages: home ("Login with Zoho"), the OAuth callback, the records page and logout.
 *
 * <p><b>Who the student is.</b> The portal has no login of its own: the student types an e-mail address
 * on the home page, it is sent to Zoho as {@code login_hint} and kept in the HTTP session, and the
 * callback saves the tokens Zoho issues as that student's ({@code TokenService.authorize(code, student)}).
 * A real portal takes the student from its own authentication instead (the container's login,
 * {@code HttpServletRequest.getUserPrincipal()}), and "Login with Zoho" links that student to Zoho.
 * After the login a signed remember-me cookie ({@link RememberMe}) names the student, so the records
 * page works after the session is gone (e.g. a server restart) with the stored token and no new login.
 *
 * <p><b>CSRF.</b> The {@code state} sent to Zoho is 32 random bytes kept in the session; the callback
 * accepts only that state, once. Logout is a POST, refused when an {@code Origin} header names another
 * site; the remember-me cookie is {@code SameSite=Lax}.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
@RequestScoped
public class PortalPages {

    private static final Logger LOG = Logger.getLogger(PortalPages.class.getName());
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"'&]{1,64}@[^@\\s<>\"'&]{1,190}");
    private static final String STUDENT = "portal.student";
    private static final String LOGIN = "portal.login";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The notices the home page shows, by the code in {@code ?notice=}; nothing from the URL is echoed. */
    private static final Map<String, String> NOTICES = Map.of(
            "logged-out", "You are logged out. Your Zoho tokens were revoked and deleted.",
            "login", "Please log in with Zoho to see your records.",
            "login-again", "Zoho no longer accepts this portal's tokens for you: please log in with Zoho again.",
            "cancelled", "The login with Zoho was cancelled.",
            "email", "Please enter your student e-mail address.");

    @Inject
    PortalConfig config;

    @Inject
    TokenService tokens;

    @Inject
    StudentRecords records;

    @Inject
    RememberMe rememberMe;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    /** The login state kept in the session between the redirect to Zoho and the callback. */
    record PendingLogin(String state, String student) implements java.io.Serializable {
    }

    @GET
    public Response home(@QueryParam("notice") String notice) {
        StringBuilder body = new StringBuilder();
        // Map.of rejects a null key.
        Optional.ofNullable(notice == null ? null : NOTICES.get(notice))
                .ifPresent(n -> body.append("<p class=\"notice\">").append(Page.escape(n)).append("</p>"));
        Optional<String> student = student();
        if (student.isPresent()) {
            body.append("<h2>Welcome back</h2><p>Logged in as <b id=\"student\">")
                    .append(Page.escape(student.get())).append("</b>.</p>")
                    .append("<p><a href=\"records\">My records</a></p>").append(logoutForm());
        } else {
            body.append("<h2>Welcome</h2><p>Log in with your Zoho account to see your records from Zoho CRM.</p>")
                    .append("<form method=\"get\" action=\"login\"><p><label>Student e-mail<br>")
                    .append("<input type=\"email\" name=\"email\" id=\"email\" required maxlength=\"254\"")
                    .append(" placeholder=\"you@zylker.example\"></label></p>")
                    .append("<p><button type=\"submit\" id=\"login\">Login with Zoho</button></p></form>");
        }
        if (config.demo()) {
            body.append("<p class=\"demo\">Demo mode: any e-mail address logs in; the fake server's counters are at ")
                    .append("<a href=\"fake-zoho/stats\">fake-zoho/stats</a>.</p>");
        }
        return html(Response.ok(), "Home", body.toString());
    }

    /** Starts "Login with Zoho": a new state in the session, then off to the accounts server's authorize page. */
    @GET
    @Path("login")
    public Response login(@QueryParam("email") String email) {
        String student = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(student).matches()) {
            return seeOther("?notice=email");
        }
        URI portal = config.url();
        // The callback comes to portal.url: start the session there, or its cookie would not come along.
        if (!sameOrigin(portal, URI.create(request.getRequestURL().toString()))
                && request.getParameter("canonical") == null) {
            return Response.seeOther(UriBuilder.fromUri(portal).path("login").queryParam("email", student)
                    .queryParam("canonical", "1").build()).build();
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        request.getSession(true).setAttribute(LOGIN, new PendingLogin(state, student));
        URI authorize = UriBuilder.fromUri(accountsUrl()).path("oauth/v2/auth")
                .queryParam("scope", config.scope())
                .queryParam("client_id", config.clientId())
                .queryParam("response_type", "code")
                .queryParam("access_type", "offline")
                // Zoho issues a refresh token only at consent: ask again at every login.
                .queryParam("prompt", "consent")
                .queryParam("redirect_uri", config.redirectUri())
                .queryParam("state", state)
                .queryParam("login_hint", student)
                .build();
        return Response.seeOther(authorize).build();
    }

    /** The redirect URI: Zoho comes back with {@code code} and {@code state}, or {@code error}. */
    @GET
    @Path("callback")
    public Response callback(@QueryParam("code") String code, @QueryParam("state") String state,
                             @QueryParam("error") String error) {
        HttpSession session = request.getSession(false);
        PendingLogin pending = session == null ? null : (PendingLogin) session.getAttribute(LOGIN);
        if (pending == null || state == null || !MessageDigest.isEqual(
                pending.state().getBytes(StandardCharsets.UTF_8), state.getBytes(StandardCharsets.UTF_8))) {
            return html(Response.status(Response.Status.BAD_REQUEST), "Login failed",
                    "<p class=\"error\">This login is not valid (expired, used already, or started in another"
                            + " browser).</p><p><a href=\".\">Log in again</a></p>");
        }
        session.removeAttribute(LOGIN); // a state works once
        if (error != null || code == null || code.isBlank()) {
            return seeOther("?notice=cancelled");
        }
        try {
            tokens.authorize(code, new UserSignature(pending.student()));
        } catch (TokenStoreException e) {
            LOG.log(Level.WARNING, "Login with Zoho failed: {0}", e.getMessage());
            return html(Response.status(Response.Status.BAD_GATEWAY), "Login failed",
                    "<p class=\"error\">Zoho did not accept the login: " + Page.escape(e.getMessage())
                            + "</p><p><a href=\".\">Try again</a></p>");
        }
        request.changeSessionId(); // no session fixation across the login
        request.getSession().setAttribute(STUDENT, pending.student());
        return Response.seeOther(relative("records"))
                .header(HttpHeaders.SET_COOKIE, rememberCookie(pending.student(), rememberMe.maxAgeSeconds()))
                .build();
    }

    /** The student's CRM contacts, fetched with the stored token (refreshed by the library when needed). */
    @GET
    @Path("records")
    public Response records() {
        Optional<String> student = student();
        if (student.isEmpty()) {
            return seeOther("?notice=login");
        }
        List<Contact> contacts;
        try {
            contacts = records.contactsOf(student.get());
        } catch (AuthorizationRequiredException e) {
            forget();
            return Response.seeOther(relative("?notice=login-again"))
                    .header(HttpHeaders.SET_COOKIE, rememberCookie("", 0)).build();
        } catch (TokenStoreException | CrmUnavailableException | ProcessingException e) {
            // ProcessingException: the client filter's InvalidTokenException again after @CrmCall's one retry.
            String message = e instanceof ProcessingException && e.getCause() instanceof TokenStoreException
                    ? e.getCause().getMessage() : e.getMessage();
            LOG.log(Level.WARNING, "Records of a student failed: {0}", message);
            return html(Response.status(Response.Status.BAD_GATEWAY), "Records",
                    "<p class=\"error\">Zoho cannot be reached right now: " + Page.escape(message)
                            + "</p><p><a href=\"records\">Try again</a></p>");
        }
        StringBuilder body = new StringBuilder("<h2>My records</h2><p>Logged in as <b id=\"student\">")
                .append(Page.escape(student.get())).append("</b> · <a href=\".\">Home</a></p>")
                .append("<h3>Contacts in Zoho CRM</h3>");
        if (contacts.isEmpty()) {
            body.append("<p id=\"no-records\">No contacts.</p>");
        } else {
            body.append("<table id=\"records\"><thead><tr><th>Name</th><th>E-mail</th><th>Course</th></tr></thead><tbody>");
            for (Contact c : contacts) {
                body.append("<tr class=\"record\"><td>").append(Page.escape(c.name())).append("</td><td>")
                        .append(Page.escape(c.email())).append("</td><td>").append(Page.escape(c.description()))
                        .append("</td></tr>");
            }
            body.append("</tbody></table>");
        }
        body.append("<p>").append(contacts.size()).append(" record(s) from Zoho CRM.</p>").append(logoutForm());
        return html(Response.ok(), "My records", body.toString());
    }

    /** Revokes the student's refresh token at Zoho, deletes the stored token, forgets the student. */
    @POST
    @Path("logout")
    public Response logout(@HeaderParam("Origin") String origin) {
        if (origin != null && !origin.equals(origin(config.url()))
                && !origin.equals(origin(URI.create(request.getRequestURL().toString())))) {
            return html(Response.status(Response.Status.FORBIDDEN), "Logout", "<p class=\"error\">Refused: the"
                    + " logout came from another site.</p>");
        }
        Optional<String> student = student();
        if (student.isPresent()) {
            try {
                tokens.revoke(new UserSignature(student.get()));
            } catch (AuthorizationRequiredException e) {
                tokens.delete(new UserSignature(student.get()));
            } catch (TokenStoreException e) {
                LOG.log(Level.WARNING, "Logout failed: {0}", e.getMessage());
                return html(Response.status(Response.Status.BAD_GATEWAY), "Logout",
                        "<p class=\"error\">Zoho could not revoke the token, so it is kept: "
                                + Page.escape(e.getMessage()) + "</p><p><a href=\".\">Home</a></p>");
            }
        }
        forget();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        return Response.seeOther(relative("?notice=logged-out"))
                .header(HttpHeaders.SET_COOKIE, rememberCookie("", 0)).build();
    }

    /** The student of this browser: from the session, else from a valid remember-me cookie. */
    private Optional<String> student() {
        HttpSession session = request.getSession(false);
        Object inSession = session == null ? null : session.getAttribute(STUDENT);
        if (inSession instanceof String s) {
            return Optional.of(s);
        }
        Optional<String> remembered = Optional.empty();
        jakarta.servlet.http.Cookie[] cookies = request.getCookies();
        for (int i = 0; cookies != null && i < cookies.length && remembered.isEmpty(); i++) {
            if (RememberMe.COOKIE.equals(cookies[i].getName())) {
                remembered = rememberMe.student(cookies[i].getValue());
            }
        }
        remembered.ifPresent(s -> request.getSession(true).setAttribute(STUDENT, s));
        return remembered;
    }

    private void forget() {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(STUDENT);
        }
    }

    private String logoutForm() {
        return "<form class=\"inline\" method=\"post\" action=\"logout\"><button type=\"submit\" id=\"logout\">"
                + "Log out</button></form>";
    }

    /**
     * The {@code Set-Cookie} header of the remember-me cookie ({@code maxAge} 0 deletes it). Written by
     * hand: a {@code NewCookie} comes out with a quoted path on some servers, which browsers take literally.
     */
    private String rememberCookie(String student, int maxAge) {
        String path = request.getContextPath().isEmpty() ? "/" : request.getContextPath();
        return RememberMe.COOKIE + "=" + (maxAge == 0 ? "" : rememberMe.value(student)) + "; Path=" + path
                + "; Max-Age=" + maxAge + "; HttpOnly; SameSite=Lax"
                + ("https".equalsIgnoreCase(config.url().getScheme()) ? "; Secure" : "");
    }

    private URI accountsUrl() {
        return URI.create(config.accountsUrl()
                .orElseGet(() -> DataCenter.valueOf(config.dataCenter().strip().toUpperCase(Locale.ROOT))
                        .accountsUrl().toString()));
    }

    /** A page of the portal, at the host and port of this request. */
    private URI relative(String page) {
        return uri.getBaseUri().resolve(page);
    }

    private Response seeOther(String page) {
        return Response.seeOther(relative(page)).build();
    }

    private Response html(Response.ResponseBuilder status, String title, String body) {
        return status.type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(Page.render(title, body, config.demo())).build();
    }

    private static boolean sameOrigin(URI a, URI b) {
        return origin(a).equalsIgnoreCase(origin(b));
    }

    private static String origin(URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        boolean defaultPort = port == ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
        return uri.getScheme() + "://" + uri.getHost() + (defaultPort ? "" : ":" + port);
    }
}
