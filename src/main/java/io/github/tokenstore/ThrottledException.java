package io.github.tokenstore;

import java.time.Instant;
import java.util.Optional;

/**
 * The accounts server throttled token requests: Zoho answers {@code {"error":"Access Denied"}} when more
 * than about ten access tokens were requested with one refresh token within ten minutes.
 *
 * <p>Thrown by the accounts client when the server answers so, and by the token service when a refresh
 * is needed while it still backs off from an earlier throttling answer; then {@link #retryAt()} tells
 * when it will call the server again.
 */
public class ThrottledException extends OAuthProviderException {

    private static final long serialVersionUID = 1L;

    /** The error code Zoho answers when it throttles. */
    public static final String ACCESS_DENIED = "Access Denied";

    private final Instant retryAt;

    /**
     * @param messageId the stable ID
     * @param message   the whole message, starting with the ID
     * @param retryAt   when the next call to the accounts server will be made, or {@code null} if unknown
     */
    public ThrottledException(String messageId, String message, Instant retryAt) {
        this(messageId, message, ACCESS_DENIED, retryAt);
    }

    /**
     * A throttling answer of a provider other than Zoho (HTTP 429 or 503 with {@code Retry-After}).
     *
     * @param messageId the stable ID
     * @param message   the whole message, starting with the ID
     * @param errorCode the provider's error code, or a name for the answer such as {@code HTTP 429}
     * @param retryAt   when the provider said to try again ({@code Retry-After}), or {@code null} if unknown
     */
    public ThrottledException(String messageId, String message, String errorCode, Instant retryAt) {
        super(messageId, message, errorCode);
        this.retryAt = retryAt;
    }

    /**
     * When the token service will call the accounts server again, or when the provider said to (its {@code
     * Retry-After}); empty if unknown.
     */
    public Optional<Instant> retryAt() {
        return Optional.ofNullable(retryAt);
    }
}
