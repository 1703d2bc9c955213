package io.github.tokenstore;

/**
 * CDI event: revoking the user's token at the accounts server failed during a delete with
 * revoke-on-delete or the clean-up of idle tokens; the token was deleted from the store anyway (a
 * {@link TokenDeleted} follows). Fired synchronously on the thread that did the work. Holds no token: the
 * failure's message never contains a secret.
 *
 * @param user    whose token it was
 * @param failure {@code TOKENSTORE-0330}, the client's failure as its cause
 */
public record TokenRevokeFailed(UserSignature user, TokenStoreException failure) {
}
