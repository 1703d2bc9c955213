package io.github.tokenstore.cdi;

import io.github.tokenstore.TokenLogin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A bean of the login tests that records every {@link TokenLogin} event, in the order they were fired. */
@ApplicationScoped
class Logins {
    private final List<TokenLogin> seen = new CopyOnWriteArrayList<>();

    void observe(@Observes TokenLogin login) {
        seen.add(login);
    }

    /** The events so far (through the client proxy: a method, not the field). */
    List<TokenLogin> seen() {
        return seen;
    }
}
