package io.github.tokenstore.web;

import jakarta.enterprise.inject.Instance;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.util.Optional;
import java.util.function.Supplier;

/** The user of a completed login in the current request's HTTP session, for the default user resolver. */
public final class SessionLogins {

    private SessionLogins() {
    }

    /**
     * The user of the login in the HTTP session of the request in progress, read through CDI's built-in {@code
     * HttpServletRequest} bean at each call; empty outside a request or without that bean (Java SE).
     */
    public static Supplier<Optional<String>> current(Instance<Object> beans) {
        Instance<HttpServletRequest> requests = beans.select(HttpServletRequest.class);
        return () -> {
            if (!requests.isResolvable()) {
                return Optional.empty();
            }
            try {
                return userOf(requests.get());
            } catch (RuntimeException noRequestInProgress) {
                // ContextNotActiveException on a thread without request (background work), or a request gone.
                return Optional.empty();
            }
        };
    }

    /**
     * The user recorded by the login pages in {@code request}'s session, if it has one; never creates a session.
     *
     * @param request the container's {@code HttpServletRequest} (CDI's built-in bean), as {@code Object} so
     *                that callers need not load the Servlet API
     */
    public static Optional<String> userOf(Object request) {
        if (!(request instanceof HttpServletRequest r)) {
            return Optional.empty();
        }
        HttpSession session = r.getSession(false);
        Object user = session == null ? null : session.getAttribute(LoginPages.SESSION_USER);
        return user instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }
}
