package io.github.tokenstore;

/**
 * CDI event: a refresh of the user's token failed. Callers were served the still-valid token, or got the
 * failure. Fired synchronously on the thread that did the work (possibly a background refresh thread).
 * Holds no token: the failure's message never contains a secret, so {@code toString()} is safe to log.
 *
 * @param user    whose token it is
 * @param failure what failed, with its message ID
 */
public record TokenRefreshFailed(UserSignature user, TokenStoreException failure) {
}
