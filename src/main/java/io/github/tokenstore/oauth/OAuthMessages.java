package io.github.tokenstore.oauth;

import io.github.tokenstore.AccountsServerException;
import io.github.tokenstore.AuthorizationRequiredException;
import io.github.tokenstore.OAuthProviderException;
import io.github.tokenstore.ThrottledException;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.UserSignature;

import static io.github.tokenstore.core.CoreMessages.describe;

/**
 * The OAuth client's and the token service's messages ({@code TOKENSTORE-0200}–{@code 0299}),
 * the idle-token clean-up's ({@code 0321}) and revocation on delete ({@code 0330}). Operations are named by the
 * callers ("grant-code exchange", "token refresh", "token revocation"); the accounts URL is configuration,
 * never the request URI (a revocation carries the token in its query); the named clients' token service
 * ({@code 1070}–{@code 1099}).
 */
final class OAuthMessages {

    private OAuthMessages() {
    }

    private static String msg(String id, String text) {
        return id + ": " + text;
    }

    private static IllegalArgumentException argument(String id, String text) {
        return new IllegalArgumentException(msg(id, text));
    }

    private static TokenStoreException failure(String id, String text, Throwable cause) {
        return new TokenStoreException(id, msg(id, text), cause);
    }

    static IllegalArgumentException oauthArgumentMissing(String owner, String argument) {
        return argument("TOKENSTORE-0200", owner + ": " + argument + " is null or blank");
    }

    static IllegalArgumentException accountsUrlInvalid(String owner) {
        return argument("TOKENSTORE-0202", owner + ": accountsUrl is not an absolute http or https URL without user info, "
                + "query or fragment, e.g. https://accounts.zoho.eu");
    }

    static OAuthProviderException invalidCode(String operation, String accountsUrl) {
        String id = "TOKENSTORE-0220";
        return new OAuthProviderException(id, msg(id, "the accounts server " + accountsUrl
                + " refused the " + operation + " with invalid_code: a grant code is single-use and expires "
                + "after 3 minutes, and a revoked refresh token answers the same; have the user authorize again"),
                "invalid_code");
    }

    /** @param errorCode {@code invalid_client} or {@code invalid_client_secret} */
    static OAuthProviderException invalidClient(String operation, String accountsUrl, String errorCode) {
        String id = "TOKENSTORE-0221";
        return new OAuthProviderException(id, msg(id, "the accounts server " + accountsUrl
                + " refused the " + operation + " with " + errorCode + ": the client id or secret is wrong, or the "
                + "client belongs to another data center; check tokenstore.oauth.client-id, "
                + "tokenstore.oauth.client-secret and tokenstore.oauth.data-center"), errorCode);
    }

    static OAuthProviderException providerError(String operation, String accountsUrl, String errorCode) {
        String id = "TOKENSTORE-0222";
        return new OAuthProviderException(id, msg(id, "the accounts server " + accountsUrl
                + " refused the " + operation + " with the error '" + errorCode + "'"), errorCode);
    }

    static ThrottledException throttled(String operation, String accountsUrl) {
        String id = "TOKENSTORE-0223";
        return new ThrottledException(id, msg(id, "the accounts server " + accountsUrl
                + " throttled the " + operation + " (Access Denied): Zoho issues about 10 access tokens per "
                + "refresh token per 10 minutes; the token service backs off"), null);
    }

    static ThrottledException throttleBackOff(UserSignature user, java.time.Instant retryAt) {
        String id = "TOKENSTORE-0224";
        return new ThrottledException(id, msg(id, "the token of user '" + user.name()
                + "' cannot be refreshed before " + retryAt + ": the accounts server throttled a refresh with its "
                + "refresh token (Access Denied); until then only a still-valid access token is served"), retryAt);
    }

    static AuthorizationRequiredException refreshTokenRefused(UserSignature user, Throwable cause) {
        String id = "TOKENSTORE-0225";
        return new AuthorizationRequiredException(id, msg(id, "the provider refused the "
                + "refresh token of user '" + user.name() + "' (invalid_grant, Zoho: invalid_code: revoked, expired, "
                + "or rotated away); it is not "
                + "tried again; have the user authorize again"), user,
                AuthorizationRequiredException.Reason.REFRESH_TOKEN_REFUSED, cause);
    }

    static AuthorizationRequiredException grantCodeRefused(UserSignature user, Throwable cause) {
        String id = "TOKENSTORE-0226";
        return new AuthorizationRequiredException(id, msg(id, "the accounts server refused the "
                + "grant code stored for user '" + user.name() + "' (invalid_code: used already or older than 3 "
                + "minutes); it is not tried again; have the user authorize again"), user,
                AuthorizationRequiredException.Reason.GRANT_CODE_REFUSED, cause);
    }

    static AccountsServerException accountsHttpStatus(String operation, String accountsUrl, int status) {
        String id = "TOKENSTORE-0240";
        return new AccountsServerException(id, msg(id, "the accounts server " + accountsUrl
                + " answered the " + operation + " with HTTP " + status
                + "; check tokenstore.oauth.accounts-url or tokenstore.oauth.data-center, or retry later"),
                status, null);
    }

    static AccountsServerException accountsTimeout(String operation, String accountsUrl,
                                                          java.time.Duration timeout, Throwable cause) {
        String id = "TOKENSTORE-0241";
        return new AccountsServerException(id, msg(id, "the " + operation + " at the accounts "
                + "server " + accountsUrl + " got no answer within " + timeout + "; retry later"), 0, cause);
    }

    /** Names the HTTP client's exception type (ConnectException, SSLHandshakeException…), not its root. */
    static AccountsServerException accountsUnreachable(String operation, String accountsUrl,
                                                              Throwable cause) {
        String id = "TOKENSTORE-0242";
        return new AccountsServerException(id, msg(id, "the " + operation + " at the accounts "
                + "server " + accountsUrl + " failed: " + cause.getClass().getSimpleName()
                + "; check the network and tokenstore.oauth.accounts-url"), 0, cause);
    }

    static AccountsServerException accountsUnexpectedAnswer(String operation, String accountsUrl,
                                                                   int status, String problem, Throwable cause) {
        String id = "TOKENSTORE-0243";
        return new AccountsServerException(id, msg(id, "the accounts server " + accountsUrl
                + " answered the " + operation + " with HTTP " + status + " and a body that is not a token "
                + "response (" + problem + "); is tokenstore.oauth.accounts-url an accounts server?"),
                status, cause);
    }

    static TokenStoreException oauthInterrupted(String operation) {
        return failure("TOKENSTORE-0244", "the thread was interrupted during the " + operation, null);
    }

    static TokenStoreException noJsonProvider(Throwable cause) {
        return failure("TOKENSTORE-0245", "no JSON-P implementation is on the class path: " + describe(cause)
                + "; Jakarta EE servers provide one, Java SE applications add org.eclipse.parsson:parsson", cause);
    }

    static AuthorizationRequiredException noTokenStored(UserSignature user) {
        String id = "TOKENSTORE-0260";
        return new AuthorizationRequiredException(id, msg(id, "no token is stored for user '"
                + user.name() + "'; send the user through \"Login with Zoho\" and pass the grant code to "
                + "TokenService.authorize"), user,
                AuthorizationRequiredException.Reason.NO_TOKEN, null);
    }

    static AuthorizationRequiredException noRefreshToken(UserSignature user) {
        String id = "TOKENSTORE-0261";
        return new AuthorizationRequiredException(id, msg(id, "the access token of user '"
                + user.name() + "' has expired and no refresh token is stored; authorize the user again with "
                + "access_type=offline, which makes Zoho issue a refresh token"), user,
                AuthorizationRequiredException.Reason.NO_REFRESH_TOKEN, null);
    }

    static TokenStoreException refreshFailed(UserSignature user, Throwable cause) {
        return failure("TOKENSTORE-0263", "the token refresh for user '" + user.name() + "' failed: " + describe(cause),
                cause);
    }

    static TokenStoreException cleanupFailed(Throwable cause) {
        return failure("TOKENSTORE-0321", "the clean-up of idle tokens failed: " + describe(cause)
                + "; it runs again at its next scheduled time", cause);
    }

    static TokenStoreException revokeOnDeleteFailed(UserSignature user, Throwable cause) {
        return failure("TOKENSTORE-0330", "revoking the token of user '" + user.name() + "' at the accounts server failed ("
                + (cause instanceof TokenStoreException t ? t.messageId() : describe(cause))
                + "); the token was deleted from the store anyway", cause);
    }

    // Log records (no exception): each starts with its ID as well.

    /** A warning: a {@code TokenListener} threw; its exception's type only (its message may hold anything). */
    static String listenerThrew(Object listener, String method, Throwable thrown) {
        return msg("TOKENSTORE-0264", "the TokenListener " + listener.getClass().getName() + "." + method
                + " threw " + thrown.getClass().getName() + "; ignored, the operation went on");
    }

    /** A debug record: the executor of background refreshes refused one. */
    static String backgroundRefreshRejected() {
        return msg("TOKENSTORE-0265", "a background refresh was rejected by the executor; the next caller "
                + "that needs the token refreshes it");
    }

    /** Information: a sweep did not run because another node held the clean-up's lock. */
    static String cleanupSkipped() {
        return msg("TOKENSTORE-0322", "the idle-token clean-up skipped this sweep: another node holds its lock");
    }

    /** Information: what a sweep deleted. */
    static String cleanupDeleted(int deleted, java.time.Duration idleAfter) {
        return msg("TOKENSTORE-0323", "the idle-token clean-up deleted " + deleted + " tokens unused for "
                + idleAfter);
    }

    static IllegalArgumentException tokenOfAnotherClient(String client, String tokenClient) {
        return argument("TOKENSTORE-1070", "the token names the OAuth client '" + tokenClient + "', but this "
                + "TokenService serves " + (client == null ? "the tokens without a client" : "the client '" + client + "'")
                + "; save it through the service of its own client");
    }

    static String refusalNotSaved(UserSignature user, Throwable cause) {
        return msg("TOKENSTORE-1071", "the provider refused the stored token of user '" + user.name() + "', but the "
                + "store could not record the refusal (" + cause.getClass().getName() + "); this JVM will not send it "
                + "again, another JVM may try it once");
    }
}
