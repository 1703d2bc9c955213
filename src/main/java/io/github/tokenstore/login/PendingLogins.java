package io.github.tokenstore.login;

import java.time.Instant;
import java.util.Optional;

/**
 * Where started logins wait for their callback. The callback may reach another node than the start (a
 * cluster without sticky sessions), so a cluster needs one that all nodes share: {@code
 * io.github.tokenstore.jpa.JpaPendingLogins} on the JPA store's database. {@link #inMemory()} serves one
 * JVM. Implementations are thread-safe.
 */
public interface PendingLogins {

    /** Keeps a started login. */
    void save(PendingLogin login);

    /**
     * Removes and returns the login with that state hash: of any number of callers with the same state, at
     * most one gets it (single use).
     */
    Optional<PendingLogin> take(String stateHash);

    /**
     * Removes the logins started before {@code cutoff}.
     *
     * @return how many were removed
     */
    int removeStartedBefore(Instant cutoff);

    /** Pending logins in this JVM's memory only: for one node. */
    static PendingLogins inMemory() {
        return new InMemoryPendingLogins();
    }
}
