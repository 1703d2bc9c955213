package io.github.tokenstore.oauth;

import io.github.tokenstore.core.TokenHashes;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The part of the {@link TokenService} that remembers what the provider refused: back-offs after throttling
 * (by the SHA-256 of the refresh token or grant code they apply to), the refresh tokens and grant codes
 * refused for good (never sent again), and which users hold such a refused token (the health check's
 * count). Never holds a secret or shows a user's name; thread-safe.
 *
 * <p>The refusal of a user's token is also written to the store ({@link io.github.tokenstore.OAuthToken#refusedAt()}),
 * so that every JVM and a restart see it; this book is what one JVM saw, and stops a retry storm before the
 * store is asked again.
 */
final class RefusalBook {

    private final RefreshRules rules;
    private final Clock clock;
    private final ConcurrentHashMap<String, Throttle> throttles = new ConcurrentHashMap<>();
    private final Set<String> refusedSecrets = ConcurrentHashMap.newKeySet();
    private final Set<String> refusedUsers = ConcurrentHashMap.newKeySet();

    RefusalBook(RefreshRules rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
    }

    /** Records a throttling answer for this refresh token or code; the back-off doubles while throttling goes on. */
    Instant recordThrottle(String secret) {
        Instant now = clock.instant();
        Throttle t = throttles.compute(TokenHashes.of(secret), (k, previous) -> {
            int streak = previous == null ? 1 : Math.min(previous.streak + 1, 16);
            return new Throttle(now.plus(rules.throttleBackOff(streak)), streak);
        });
        return t.until;
    }

    /** When the back-off for this refresh token ends, or {@code null} if none is on. */
    Instant throttledUntil(String secret, Instant now) {
        if (secret == null || throttles.isEmpty()) {
            return null;
        }
        Throttle t = throttles.get(TokenHashes.of(secret));
        return t != null && now.isBefore(t.until) ? t.until : null;
    }

    /** The provider answered a refresh with this refresh token: no back-off any more. */
    void answered(String secret) {
        if (!throttles.isEmpty()) {
            throttles.remove(TokenHashes.of(secret));
        }
    }

    /** Whether the provider refused this refresh token or grant code for good. */
    boolean isRefused(String secret) {
        return !refusedSecrets.isEmpty() && refusedSecrets.contains(TokenHashes.of(secret));
    }

    /** The provider refused this refresh token or grant code for good ({@code invalid_grant}). */
    void refuse(String secret) {
        refusedSecrets.add(TokenHashes.of(secret));
    }

    /** The user's stored token is refused: counted until {@link #cleared}. */
    void userRefused(String user) {
        refusedUsers.add(user);
    }

    /** The user authorized again, was deleted, or a refresh of theirs succeeded. */
    void cleared(String user) {
        refusedUsers.remove(user);
    }

    int refusedUserCount() {
        return refusedUsers.size();
    }

    private record Throttle(Instant until, int streak) {
    }
}
