package io.github.tokenstore;

import java.time.Instant;

/**
 * CDI event: a grant code was exchanged and the user's new tokens saved ({@code TokenService.authorize}, or a
 * grant code stored for the user). Fired synchronously on the thread that did the work.
 * Holds no token: {@code toString()} is safe to log.
 *
 * @param user      whose token it is
 * @param expiresAt when the new access token expires
 * @param apiDomain the base URL of the user's CRM API; {@code null} if unknown
 */
public record TokenSaved(UserSignature user, Instant expiresAt, String apiDomain) {

    /** The event for {@code token}, without its secrets. */
    public static TokenSaved from(OAuthToken token) {
        return new TokenSaved(token.userSignature(), token.expiresAt(), token.apiDomain());
    }
}
