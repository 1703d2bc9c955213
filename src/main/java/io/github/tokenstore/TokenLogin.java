package io.github.tokenstore;

/**
 * CDI event: a user completed a login through the library ({@code <context>/tokenstore/callback} or the
 * plain Java login API) and the tokens were saved. Fired synchronously on the callback's thread, after
 * {@link TokenSaved}. Holds no token: {@code toString()} is safe to log.
 *
 * @param user       whose token it is: the application's {@code Principal} if it has one, else the verified
 *                   e-mail address
 * @param account    the provider account that logged in, as the provider verified it (the ID token's e-mail)
 * @param dataCenter the location of the server that issued the tokens (e.g. {@code eu})
 * @param returnPath the path of the application the browser is sent to afterwards
 */
public record TokenLogin(UserSignature user, String account, String dataCenter, String returnPath) {
}
