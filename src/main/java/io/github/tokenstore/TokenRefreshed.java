package io.github.tokenstore;

import java.time.Instant;

/**
 * CDI event: a refreshed access token of the user was saved. Fired synchronously on the thread that did the work.
 * Holds no token: {@code toString()} is safe to log.
 *
 * @param user      whose token it is
 * @param expiresAt when the new access token expires
 * @param apiDomain the base URL of the user's CRM API; {@code null} if unknown
 */
public record TokenRefreshed(UserSignature user, Instant expiresAt, String apiDomain) {

    /** The event for {@code token}, without its secrets. */
    public static TokenRefreshed from(OAuthToken token) {
        return new TokenRefreshed(token.userSignature(), token.expiresAt(), token.apiDomain());
    }
}
