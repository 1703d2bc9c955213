package io.github.tokenstore;

/**
 * CDI event: the user's token was deleted through {@code TokenService.delete} or {@code revoke}. Fired
 * synchronously on the thread that did the work.
 *
 * @param user whose token it was
 */
public record TokenDeleted(UserSignature user) {
}
