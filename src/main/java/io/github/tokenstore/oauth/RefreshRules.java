package io.github.tokenstore.oauth;

import io.github.tokenstore.OAuthToken;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The part of the {@link TokenService} that decides, from a {@link RefreshPolicy} and the time alone, what a
 * token is good for: served as it is, served while one background refresh runs, or only after a refresh.
 * No state beyond the policy; thread-safe.
 */
final class RefreshRules {

    private final RefreshPolicy policy;
    private final long refreshAheadMillis;
    private final long expirySkewMillis;

    RefreshRules(RefreshPolicy policy) {
        this.policy = policy;
        this.refreshAheadMillis = millis(policy.refreshAhead());
        this.expirySkewMillis = millis(policy.expirySkew());
    }

    RefreshPolicy policy() {
        return policy;
    }

    /** More than refresh-ahead left: no refresh needed. */
    boolean isFresh(OAuthToken t, Instant now) {
        return t.expiresAt() != null && now.plus(policy.refreshAhead()).isBefore(t.expiresAt());
    }

    /** More than the expiry skew left: good for a call without waiting. */
    boolean isUsable(OAuthToken t, Instant now) {
        return t.accessToken() != null && t.expiresAt() != null
                && now.plus(policy.expirySkew()).isBefore(t.expiresAt());
    }

    /** Not yet expired. */
    static boolean isUnexpired(OAuthToken t, Instant now) {
        return t.accessToken() != null && t.expiresAt() != null && now.isBefore(t.expiresAt());
    }

    /**
     * Whether a token found in the store can be used instead of refreshing.
     *
     * @param basis    the token the refresh started from
     * @param rejected the token the API rejected, for a refresh that ignores freshness; else {@code null}
     */
    boolean canAdopt(OAuthToken stored, OAuthToken basis, OAuthToken rejected, Instant now) {
        if (stored.refusedAt() != null) {
            return false;
        }
        if (rejected != null) {
            return !sameAccessToken(stored, rejected) && isUsable(stored, now);
        }
        return isFresh(stored, now) || (!sameAccessToken(stored, basis) && isUsable(stored, now));
    }

    /**
     * The epoch millisecond up to which {@code t} needs no refresh, so the hot path compares two longs
     * instead of doing {@code Instant} arithmetic; {@link Long#MIN_VALUE} for a token without expiry.
     */
    long freshUntil(OAuthToken t) {
        return t.expiresAt() == null ? Long.MIN_VALUE : millisBefore(t.expiresAt(), refreshAheadMillis);
    }

    /** The back-off after the {@code streak}-th throttling in a row: doubled each time, capped. */
    Duration throttleBackOff(int streak) {
        Duration backOff = policy.throttleBackOff().multipliedBy(1L << (streak - 1));
        return backOff.compareTo(RefreshPolicy.MAX_THROTTLE_BACK_OFF) > 0 ? RefreshPolicy.MAX_THROTTLE_BACK_OFF
                : backOff;
    }

    /**
     * The epoch millisecond up to which {@code t} is usable ({@link #isUsable}), for the hot path while {@code t}
     * is being refreshed; {@link Long#MIN_VALUE} for a token without expiry or access token.
     */
    long usableUntil(OAuthToken t) {
        return t.expiresAt() == null || t.accessToken() == null ? Long.MIN_VALUE
                : millisBefore(t.expiresAt(), expirySkewMillis);
    }

    /** The epoch millisecond {@code millis} before {@code at}, {@link Long#MIN_VALUE} at the least. */
    private static long millisBefore(Instant at, long millis) {
        long epochMilli = at.toEpochMilli();
        return epochMilli < Long.MIN_VALUE + millis ? Long.MIN_VALUE : epochMilli - millis;
    }

    static boolean sameAccessToken(OAuthToken a, OAuthToken b) {
        return Objects.equals(a.accessToken(), b.accessToken());
    }

    static boolean expiresLater(OAuthToken a, OAuthToken b) {
        return a.expiresAt() != null && (b.expiresAt() == null || a.expiresAt().isAfter(b.expiresAt()));
    }

    private static long millis(Duration d) {
        try {
            return d.toMillis();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
