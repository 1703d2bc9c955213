package io.github.tokenstore.web;

import io.github.tokenstore.LoginException;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.login.LoginFlow;
import io.github.tokenstore.login.LoginOutcome;
import io.github.tokenstore.login.LoginStart;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What the login servlet does, without the Servlet API: start a login, complete a callback, answer a failure.
 * Thread-safe.
 *
 * <ul>
 *   <li>Start: sets the login cookie {@value #COOKIE} ({@code HttpOnly}, {@code SameSite=Lax}, {@code Secure} on
 *       https, path = the login pages' path) and answers 303 to the provider's authorize page.</li>
 *   <li>Callback: completes the login; on success records the user in the HTTP session, tells {@code
 *       completed} (the CDI event) and answers 303 to {@code <context><return>}; a consent round answers 303
 *       to the provider again.</li>
 *   <li>Named clients (issue 13): {@code …/login/<client>} and {@code …/callback/<client>} do the same with that
 *       client's flow; {@code …/login} and {@code …/callback} are the default client's. A client's login (other
 *       than the default one's) keeps the tokens under the user already logged in: the container's principal,
 *       else the user of the HTTP session. A client name that no flow has answers 404 with a page that does not
 *       repeat it.</li>
 *   <li>Failure: 303 to {@code <context><error-path>?error=<ID>} if an error path is configured, else the
 *       failure's status (400, 403 or 502) with a minimal page naming the ID. The message (never a secret)
 *       is logged.</li>
 * </ul>
 */
public final class LoginPages {

    /** The login cookie binding a login to its browser. */
    public static final String COOKIE = "tokenstore_login";
    /** The HTTP session attribute holding the name of the user who logged in. */
    public static final String SESSION_USER = "io.github.tokenstore.login.user";

    private static final System.Logger LOG = System.getLogger(LoginPages.class.getName());

    private final LoginFlow flow;
    private final Map<String, LoginFlow> flows;
    private final String pagesPath;
    private final String errorPath;
    private final Consumer<LoginOutcome.Completed> completed;

    /**
     * @param flow      the login flow
     * @param pagesPath the path of the login pages under the context, e.g. {@code /tokenstore}
     * @param errorPath the application's error page under the context, or {@code null} for the minimal page
     * @param completed told of every completed login (after the session knows the user)
     */
    public LoginPages(LoginFlow flow, String pagesPath, String errorPath, Consumer<LoginOutcome.Completed> completed) {
        this(Objects.requireNonNull(flow, "flow"), Map.of(), pagesPath, errorPath, completed);
    }

    /**
     * The pages of several clients.
     *
     * @param defaultFlow the default client's flow, at {@code …/login} and {@code …/callback} (and under its name
     *                    if {@code flows} has it); {@code null} if the default client has no login
     * @param flows       every client's flow by client name, at {@code …/login/<name>} and {@code …/callback/<name>}
     * @param pagesPath   as above
     * @param errorPath   as above
     * @param completed   as above
     */
    public LoginPages(LoginFlow defaultFlow, Map<String, LoginFlow> flows, String pagesPath, String errorPath,
                      Consumer<LoginOutcome.Completed> completed) {
        this.flow = defaultFlow;
        this.flows = Map.copyOf(new LinkedHashMap<>(flows));
        this.pagesPath = Objects.requireNonNull(pagesPath, "pagesPath");
        this.errorPath = errorPath;
        this.completed = Objects.requireNonNull(completed, "completed");
    }

    /** One request and its response, as the pages need them. */
    public interface Exchange {
        /** The context path, {@code ""} for the root context. */
        String contextPath();

        /** A query parameter, or {@code null}. */
        String parameter(String name);

        /** A cookie's value, or {@code null}. */
        String cookie(String name);

        /** The application's logged-in user, or {@code null}. */
        String principal();

        /** The user a completed login recorded in the HTTP session ({@link #SESSION_USER}), or {@code null}. */
        default String sessionUser() {
            return null;
        }

        /** Whether the request came over https. */
        boolean secure();

        /** Sets a session cookie: {@code HttpOnly}, {@code SameSite=Lax}, {@code Secure} if asked. */
        void setCookie(String name, String value, String path, boolean secure);

        /** Records the logged-in user in the HTTP session (a new session id). */
        void loggedIn(String user);

        /** Answers 303 See Other to {@code location}. */
        void redirect(String location);

        /** Answers {@code status} with an HTML page. */
        void page(int status, String html);
    }

    /** {@code GET <context>/tokenstore/login}: the default client's login. */
    public void start(Exchange x) {
        if (flow == null) {
            notFound(x);
            return;
        }
        start(flow, x);
    }

    /** {@code GET <context>/tokenstore/login/<client>}; 404 for a client without login. */
    public void start(String client, Exchange x) {
        LoginFlow f = client == null ? null : flows.get(client);
        if (f == null) {
            notFound(x);
            return;
        }
        start(f, x);
    }

    /** {@code GET <context>/tokenstore/callback/<client>}; 404 for a client without login. */
    public void callback(String client, Exchange x) {
        LoginFlow f = client == null ? null : flows.get(client);
        if (f == null) {
            notFound(x);
            return;
        }
        callback(f, x);
    }

    /** The names of the clients with a login page. */
    public java.util.Set<String> clients() {
        return flows.keySet();
    }

    private void start(LoginFlow flow, Exchange x) {
        try {
            LoginStart start = flow.start(x.parameter("return"), x.parameter("login_hint"), x.cookie(COOKIE));
            x.setCookie(COOKIE, start.browserKey(), x.contextPath() + pagesPath, x.secure());
            x.redirect(start.redirect().toString());
        } catch (LoginException e) {
            fail(x, e, e.failure().httpStatus());
        }
    }

    /** {@code GET <context>/tokenstore/callback}: the default client's callback. */
    public void callback(Exchange x) {
        if (flow == null) {
            notFound(x);
            return;
        }
        callback(flow, x);
    }

    private void callback(LoginFlow flow, Exchange x) {
        String user = x.principal();
        if (user == null && flow != this.flow) {
            // A further client's login belongs to whoever is logged in already.
            user = x.sessionUser();
        }
        LoginOutcome outcome;
        try {
            outcome = flow.complete(x::parameter, x.cookie(COOKIE), user);
        } catch (LoginException e) {
            fail(x, e, e.failure().httpStatus());
            return;
        } catch (TokenStoreException e) {
            fail(x, e, LoginException.Failure.SAVE_FAILED.httpStatus());
            return;
        }
        if (outcome instanceof LoginOutcome.ConsentNeeded consent) {
            x.redirect(consent.redirect().toString());
            return;
        }
        LoginOutcome.Completed done = (LoginOutcome.Completed) outcome;
        x.loggedIn(done.user().name());
        completed.accept(done);
        x.redirect(x.contextPath() + done.returnPath());
    }

    /** 404 with a fixed page: never the name the browser sent. */
    private static void notFound(Exchange x) {
        x.page(404, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title>"
                + "</head><body><h1>Not found</h1></body></html>\n");
    }

    private void fail(Exchange x, TokenStoreException e, int status) {
        LOG.log(status >= 500 ? System.Logger.Level.WARNING : System.Logger.Level.INFO, e.getMessage());
        if (errorPath != null) {
            x.redirect(x.contextPath() + errorPath + "?error=" + URLEncoder.encode(e.messageId(),
                    StandardCharsets.UTF_8));
            return;
        }
        // Only the ID: it is the one thing on the page that is neither the browser's nor the provider's input.
        x.page(status, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Login failed</title>"
                + "</head><body><h1>Login failed</h1><p>" + e.messageId() + "</p></body></html>\n");
    }

    @Override
    public String toString() {
        return "LoginPages[" + pagesPath + ", errorPath=" + errorPath + ", " + flow + "]";
    }
}
