package io.github.tokenstore.oauth;


import io.github.tokenstore.core.CoreMessages;
import java.time.Duration;

/**
 * When the {@link TokenService} refreshes access tokens and how it backs off.
 *
 * <ul>
 *   <li>Once less than {@code refreshAhead} of a token's life remains, one background refresh starts;
 *       callers go on with the still-valid token meanwhile.</li>
 *   <li>Once less than {@code expirySkew} remains (or the token expired), callers wait for that one
 *       shared refresh: the margin covers clock drift and the time a CRM call takes.</li>
 *   <li>After the accounts server throttled a refresh ("Access Denied"), no refresh with that refresh
 *       token is tried for {@code throttleBackOff}, doubled on each further throttling up to
 *       {@link #MAX_THROTTLE_BACK_OFF}. After any other failed background refresh, the next background
 *       attempt waits {@code throttleBackOff} too (callers that must wait still try at once).</li>
 * </ul>
 *
 * @param refreshAhead    default {@link #DEFAULT_REFRESH_AHEAD}; at least {@code expirySkew}
 * @param expirySkew      default {@link #DEFAULT_EXPIRY_SKEW}; zero or positive
 * @param throttleBackOff default {@link #DEFAULT_THROTTLE_BACK_OFF}; positive
 * @throws IllegalArgumentException if a value is null or breaks its rule; the message names it
 */
public record RefreshPolicy(Duration refreshAhead, Duration expirySkew, Duration throttleBackOff) {

    /** Five minutes. */
    public static final Duration DEFAULT_REFRESH_AHEAD = Duration.ofMinutes(5);
    /** Thirty seconds. */
    public static final Duration DEFAULT_EXPIRY_SKEW = Duration.ofSeconds(30);
    /** One minute. */
    public static final Duration DEFAULT_THROTTLE_BACK_OFF = Duration.ofMinutes(1);
    /** Ten minutes: Zoho's throttling window, so one back-off never needs to be longer. */
    public static final Duration MAX_THROTTLE_BACK_OFF = Duration.ofMinutes(10);

    private static final String OWNER = "RefreshPolicy";

    public RefreshPolicy {
        if (refreshAhead == null) {
            throw CoreMessages.oauthArgumentNull(OWNER, "refreshAhead");
        }
        if (expirySkew == null) {
            throw CoreMessages.oauthArgumentNull(OWNER, "expirySkew");
        }
        if (throttleBackOff == null) {
            throw CoreMessages.oauthArgumentNull(OWNER, "throttleBackOff");
        }
        if (expirySkew.isNegative()) {
            throw CoreMessages.oauthDurationInvalid(OWNER, "expirySkew", expirySkew,
                    "it must be zero or positive");
        }
        if (refreshAhead.compareTo(expirySkew) < 0) {
            throw CoreMessages.oauthDurationInvalid(OWNER, "refreshAhead", refreshAhead,
                    "it must be at least expirySkew (" + expirySkew + ")");
        }
        if (throttleBackOff.isNegative() || throttleBackOff.isZero()) {
            throw CoreMessages.oauthDurationInvalid(OWNER, "throttleBackOff", throttleBackOff,
                    "it must be positive");
        }
    }

    /** Refresh ahead 5 minutes, expiry skew 30 seconds, throttle back-off 1 minute. */
    public static RefreshPolicy defaults() {
        return new RefreshPolicy(DEFAULT_REFRESH_AHEAD, DEFAULT_EXPIRY_SKEW, DEFAULT_THROTTLE_BACK_OFF);
    }
}
