package io.github.tokenstore.login;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link PendingLogins} in a map: one JVM only. */
final class InMemoryPendingLogins implements PendingLogins {

    /** Above this many pending logins, a save first drops the expired ones, so abandoned logins cannot pile up. */
    private static final int PURGE_ABOVE = 10_000;

    private final ConcurrentHashMap<String, PendingLogin> logins = new ConcurrentHashMap<>();

    @Override
    public void save(PendingLogin login) {
        if (logins.size() > PURGE_ABOVE) {
            removeStartedBefore(login.createdAt().minus(LoginFlow.STATE_LIFETIME));
        }
        logins.put(login.stateHash(), login);
    }

    @Override
    public Optional<PendingLogin> take(String stateHash) {
        return Optional.ofNullable(logins.remove(stateHash));
    }

    @Override
    public int removeStartedBefore(Instant cutoff) {
        int before = logins.size();
        logins.values().removeIf(l -> l.createdAt().isBefore(cutoff));
        return Math.max(0, before - logins.size());
    }

    @Override
    public String toString() {
        return "PendingLogins[in memory, " + logins.size() + "]";
    }
}
