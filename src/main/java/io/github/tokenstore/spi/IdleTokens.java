package io.github.tokenstore.spi;

import io.github.tokenstore.OAuthToken;

import java.time.Instant;
import java.util.List;

/**
 * A token store that knows when each token was last used, for the clean-up of idle tokens
 * ({@code io.github.tokenstore.oauth.TokenCleanup}). A token counts as used when it is saved or read
 * through the store; a store may record reads coarsely (the JPA store at most once an hour per token).
 *
 * <p>The JPA and in-memory stores implement it. The file store does not: the Zoho SDK's file layout has
 * no column for it. Implementations are thread-safe.
 */
public interface IdleTokens {

    /**
     * Up to {@code limit} tokens last used before {@code unusedSince}, in no particular order.
     *
     * @throws io.github.tokenstore.TokenStoreException if the store fails
     */
    List<OAuthToken> idleTokens(Instant unusedSince, int limit);

    /**
     * Deletes the token with {@code id} if it is still unused since {@code unusedSince}: a token used
     * after {@link #idleTokens} listed it stays.
     *
     * @return whether it was deleted
     * @throws io.github.tokenstore.TokenStoreException if the store fails
     */
    boolean deleteIfIdle(String id, Instant unusedSince);
}
