package io.github.tokenstore.examples.portal;

import io.github.tokenstore.AuthorizationRequiredException;
import io.github.tokenstore.OAuthClient;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.UserSignature;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The portal's pages: home ("Login with Zoho"), the records page, the courses page (Zylker Classroom, the
 * second OAuth client), logout and the page failed logins come to. The login itself is the library's:
 * "Login with Zoho" goes to {@code tokenstore/login}, the library sends the browser to Zoho, takes the
 * callback at {@code tokenstore/callback}, checks the state and the ID token, saves the tokens under the
 * e-mail address Zoho verified, and sends the browser to {@code /records}. The portal writes no OAuth code.
 * "Connect Zylker Classroom" on the courses page is the library's login of the client {@code classroom}
 * ({@code tokenstore/login/classroom}), which saves the classroom tokens under the student already logged in
 * with Zoho: one row per client for the student.
 *
 * <p><b>Who the student is.</b> Whoever Zoho says logged in: the library's login event
 * ({@link PortalLogins}) puts the verified user in the HTTP session. The e-mail field of the home page is
 * only a {@code login_hint} for Zoho's page; it decides nothing. After the login a signed remember-me
 * cookie ({@link RememberMe}) names the verified student, so the records page works after the session is
 * gone (e.g. a server restart, or another node of a cluster) with the stored token and no new login.
 *
 * <p><b>CSRF.</b> The login's state and nonce are the library's. Logout is a POST, refused when an
 * {@code Origin} header names another site; the remember-me cookie is {@code SameSite=Lax}.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
@RequestScoped
public class PortalPages {

    private static final Logger LOG = Logger.getLogger(PortalPages.class.getName());
    /** The library's message IDs: the only part of {@code ?error=} the failure page shows. */
    private static final Pattern MESSAGE_ID = Pattern.compile("TOKENSTORE-[0-9]{4}");
    /** The notices the home page shows, by the code in {@code ?notice=}; nothing from the URL is echoed. */
    private static final Map<String, String> NOTICES = Map.of(
            "logged-out", "You are logged out. Your Zoho (and Zylker Classroom) tokens were revoked and deleted.",
            "login", "Please log in with Zoho to see your records.",
            "login-again", "Zoho no longer accepts this portal's tokens for you: please log in with Zoho again.");

    @Inject
    PortalConfig config;

    @Inject
    TokenService tokens;

    @Inject
    @OAuthClient(CourseRecords.CLIENT)
    TokenService classroomTokens;

    @Inject
    StudentRecords records;

    @Inject
    CourseRecords courses;

    @Inject
    RememberMe rememberMe;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

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
                    .append("<p><a href=\"records\">My records</a> · <a href=\"courses\">My courses</a></p>")
                    .append(logoutForm());
        } else {
            // The library's login: it comes back to /records. The e-mail only fills in Zoho's sign-in page.
            body.append("<h2>Welcome</h2><p>Log in with your Zoho account to see your records from Zoho CRM.</p>")
                    .append("<form method=\"get\" action=\"tokenstore/login\">")
                    .append("<input type=\"hidden\" name=\"return\" value=\"/records\">")
                    .append("<p><label>Your Zoho e-mail (optional: Zoho's sign-in page starts with it)<br>")
                    .append("<input type=\"email\" name=\"login_hint\" id=\"email\" maxlength=\"254\"")
                    .append(" placeholder=\"you@zylker.example\"></label></p>")
                    .append("<p><button type=\"submit\" id=\"login\">Login with Zoho</button></p></form>");
        }
        if (config.demo()) {
            body.append("<p class=\"demo\">Demo mode: the fake Zoho lets you pick a student (an address under")
                    .append(" <code>.eu</code> lives in the EU data center); its counters are at ")
                    .append("<a href=\"fake-zoho/stats\">fake-zoho/stats</a>.</p>");
        }
        return rememberStudent(html(Response.ok(), "Home", body.toString()), student).build();
    }

    /**
     * Where the library sends a browser whose login failed ({@code tokenstore.login.error-path}), with
     * {@code ?error=<message ID>}. Shows the ID only if it is one; the rest of the URL is not echoed.
     */
    @GET
    @Path("login-failed")
    public Response loginFailed(@QueryParam("error") String error) {
        String id = error != null && MESSAGE_ID.matcher(error).matches() ? error : null;
        // 200, not 400: RESTEasy (WildFly and Liberty) HTML-escapes the whole body of a 400 text/html answer.
        return html(Response.ok(), "Login failed",
                "<h2>The login with Zoho did not work</h2>"
                        + (id == null ? "" : "<p class=\"error\">Reason: <code id=\"error\">" + id + "</code>"
                                + " (see the library's docs/errors.md)</p>")
                        + "<p><a href=\".\">Try again</a></p>").build();
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
                            + "</p><p><a href=\"records\">Try again</a></p>").build();
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
        body.append("<p>").append(contacts.size()).append(" record(s) from Zoho CRM · ")
                .append("<a href=\"courses\">My courses</a></p>").append(logoutForm());
        return rememberStudent(html(Response.ok(), "My records", body.toString()), student).build();
    }

    /**
     * The student's courses in Zylker Classroom, fetched with the student's classroom token (the second client's,
     * refreshed at the classroom provider when needed). Without one, a "Connect Zylker Classroom" link to the
     * library's login of that client, which comes back here.
     */
    @GET
    @Path("courses")
    public Response courses() {
        Optional<String> student = student();
        if (student.isEmpty()) {
            return seeOther("?notice=login");
        }
        StringBuilder body = new StringBuilder("<h2>My courses</h2><p>Logged in as <b id=\"student\">")
                .append(Page.escape(student.get())).append("</b> · <a href=\".\">Home</a> · ")
                .append("<a href=\"records\">My records</a></p><h3>Courses in Zylker Classroom</h3>");
        List<Course> list;
        try {
            list = courses.coursesOf(student.get());
        } catch (AuthorizationRequiredException e) {
            // No classroom token, or the provider no longer takes it: the Zoho login stays, only this client is asked.
            body.append("<p id=\"no-classroom\">The portal has no access to your Zylker Classroom account yet.</p>")
                    .append("<p><a id=\"connect-classroom\" href=\"tokenstore/login/").append(CourseRecords.CLIENT)
                    .append("?return=%2Fcourses&amp;login_hint=").append(Page.escape(Page.encode(student.get())))
                    .append("\">Connect Zylker Classroom</a></p>").append(logoutForm());
            return rememberStudent(html(Response.ok(), "My courses", body.toString()), student).build();
        } catch (TokenStoreException | CrmUnavailableException | ProcessingException e) {
            String message = e instanceof ProcessingException && e.getCause() instanceof TokenStoreException
                    ? e.getCause().getMessage() : e.getMessage();
            LOG.log(Level.WARNING, "Courses of a student failed: {0}", message);
            return html(Response.status(Response.Status.BAD_GATEWAY), "My courses",
                    "<p class=\"error\">Zylker Classroom cannot be reached right now: " + Page.escape(message)
                            + "</p><p><a href=\"courses\">Try again</a></p>").build();
        }
        body.append("<table id=\"courses\"><thead><tr><th>Code</th><th>Course</th></tr></thead><tbody>");
        for (Course c : list) {
            body.append("<tr class=\"course\"><td>").append(Page.escape(c.code())).append("</td><td>")
                    .append(Page.escape(c.title())).append("</td></tr>");
        }
        body.append("</tbody></table><p>").append(list.size()).append(" course(s) from Zylker Classroom.</p>")
                .append(logoutForm());
        return rememberStudent(html(Response.ok(), "My courses", body.toString()), student).build();
    }

    /**
     * Revokes the student's refresh tokens at Zoho and at Zylker Classroom (each at its own provider), deletes
     * the stored tokens, forgets the student.
     */
    @POST
    @Path("logout")
    public Response logout(@HeaderParam("Origin") String origin) {
        if (origin != null && !origin.equals(origin(config.url()))
                && !origin.equals(origin(URI.create(request.getRequestURL().toString())))) {
            return html(Response.status(Response.Status.FORBIDDEN), "Logout", "<p class=\"error\">Refused: the"
                    + " logout came from another site.</p>").build();
        }
        Optional<String> student = student();
        if (student.isPresent()) {
            try {
                // First the classroom token (if the student connected Zylker Classroom), at that provider: if that
                // fails, the Zoho login stays and the student can log out again.
                classroomTokens.revoke(new UserSignature(student.get()));
            } catch (AuthorizationRequiredException e) {
                classroomTokens.delete(new UserSignature(student.get()));
            } catch (TokenStoreException e) {
                LOG.log(Level.WARNING, "Logout failed: {0}", e.getMessage());
                return html(Response.status(Response.Status.BAD_GATEWAY), "Logout",
                        "<p class=\"error\">Zylker Classroom could not revoke the token, so it is kept: "
                                + Page.escape(e.getMessage()) + "</p><p><a href=\".\">Home</a></p>").build();
            }
            try {
                // At the accounts server of the token's own data center (the library keeps it with the token).
                tokens.revoke(new UserSignature(student.get()));
            } catch (AuthorizationRequiredException e) {
                tokens.delete(new UserSignature(student.get()));
            } catch (TokenStoreException e) {
                LOG.log(Level.WARNING, "Logout failed: {0}", e.getMessage());
                return html(Response.status(Response.Status.BAD_GATEWAY), "Logout",
                        "<p class=\"error\">Zoho could not revoke the token, so it is kept: "
                                + Page.escape(e.getMessage()) + "</p><p><a href=\".\">Home</a></p>").build();
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

    /**
     * The student of this browser: the one the library's login put in the session ({@link PortalLogins}),
     * else the one a valid remember-me cookie names.
     */
    private Optional<String> student() {
        HttpSession session = request.getSession(false);
        Object inSession = session == null ? null : session.getAttribute(PortalLogins.STUDENT);
        if (inSession instanceof String s) {
            return Optional.of(s);
        }
        Optional<String> remembered = remembered();
        remembered.ifPresent(s -> request.getSession(true).setAttribute(PortalLogins.STUDENT, s));
        return remembered;
    }

    /** The student the remember-me cookie names, if it is valid. */
    private Optional<String> remembered() {
        jakarta.servlet.http.Cookie[] cookies = request.getCookies();
        for (int i = 0; cookies != null && i < cookies.length; i++) {
            if (RememberMe.COOKIE.equals(cookies[i].getName())) {
                return rememberMe.student(cookies[i].getValue());
            }
        }
        return Optional.empty();
    }

    /** Sets the remember-me cookie when it does not name the logged-in student yet (the first page after a login). */
    private Response.ResponseBuilder rememberStudent(Response.ResponseBuilder response, Optional<String> student) {
        if (student.isPresent() && !remembered().equals(student)) {
            response.header(HttpHeaders.SET_COOKIE, rememberCookie(student.get(), rememberMe.maxAgeSeconds()));
        }
        return response;
    }

    private void forget() {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(PortalLogins.STUDENT);
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

    /** A page of the portal, at the host and port of this request. */
    private URI relative(String page) {
        return uri.getBaseUri().resolve(page);
    }

    private Response seeOther(String page) {
        return Response.seeOther(relative(page)).build();
    }

    private Response.ResponseBuilder html(Response.ResponseBuilder status, String title, String body) {
        return status.type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(Page.render(title, body, config.demo()));
    }

    private static String origin(URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        boolean defaultPort = port == ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
        return uri.getScheme() + "://" + uri.getHost() + (defaultPort ? "" : ":" + port);
    }
}
