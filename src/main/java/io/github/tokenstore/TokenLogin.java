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
 * @param client     the name of the OAuth client the user logged in with, as configured ({@code zoho} for the
 *                   {@code tokenstore.oauth.*} client, else the {@code <name>} of {@code tokenstore.clients.<name>.*});
 *                   an application with several clients tells their logins apart by it
 */
public record TokenLogin(UserSignature user, String account, String dataCenter, String returnPath, String client) {

    /**
     * A login without a client name, as before named clients.
     *
     * @deprecated since 0.13: name the client, {@link #TokenLogin(UserSignature, String, String, String, String)}
     */
    @Deprecated(since = "0.13")
    public TokenLogin(UserSignature user, String account, String dataCenter, String returnPath) {
        this(user, account, dataCenter, returnPath, null);
    }
}
