package io.github.tokenstore.spi;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.UserSignature;

/**
 * Told about what the {@code TokenService} did to tokens, e.g. to fire CDI events or write an audit
 * trail. Every method has an empty default.
 *
 * <p>Called on the thread that did the work (a caller's or the background refresh thread), after the
 * store was written. Keep it short; an exception it throws is logged and otherwise ignored, never
 * passed to the caller. The tokens given mask their secrets in {@code toString()}; do not log their
 * values.
 */
public interface TokenListener {

    /** A listener that does nothing. */
    TokenListener NONE = new TokenListener() {
    };

    /** A token obtained by authorization (a grant-code exchange) was saved. */
    default void tokenSaved(OAuthToken token) {
    }

    /** A refreshed token was saved. */
    default void tokenRefreshed(OAuthToken token) {
    }

    /**
     * A refresh failed; callers were served the still-valid token or got {@code failure}.
     *
     * @param user    whose token it was
     * @param failure what failed; its message holds no secret
     */
    default void refreshFailed(UserSignature user, TokenStoreException failure) {
    }

    /** The token of {@code user} was deleted (or revoked and deleted). */
    default void tokenDeleted(UserSignature user) {
    }

    /**
     * Revoking the token of {@code user} at the accounts server failed during a delete with
     * revoke-on-delete, or during the clean-up of idle tokens; the token was deleted from the store
     * anyway ({@link #tokenDeleted} follows).
     *
     * @param failure {@code TOKENSTORE-0330}, the client's failure as cause; no message holds a secret
     */
    default void revokeFailed(UserSignature user, TokenStoreException failure) {
    }
}
