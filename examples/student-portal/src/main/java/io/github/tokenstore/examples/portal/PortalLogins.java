package io.github.tokenstore.examples.portal;

import io.github.tokenstore.TokenLogin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpSession;

/**
 * Who logged in, as the library says: its {@link TokenLogin} event, fired on the callback's request after
 * the ID token was checked and the tokens saved, puts the verified user (the e-mail Zoho confirmed) in the
 * HTTP session. The portal never takes a user name from the browser.
 */
@ApplicationScoped
public class PortalLogins {

    /** The session attribute that holds the logged-in student's e-mail. */
    static final String STUDENT = "portal.student";

    @Inject
    HttpSession session;

    void loggedIn(@Observes TokenLogin login) {
        session.setAttribute(STUDENT, login.user().name());
    }
}
