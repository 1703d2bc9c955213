package io.github.tokenstore;

/**
 * The OAuth accounts server refused a token request with an error code, such as {@code invalid_code}
 * (a used or expired grant code, or a revoked refresh token) or {@code invalid_client} (a wrong client
 * id or secret, or the wrong data center).
 *
 * <p>The message starts with a stable ID, names the operation and the accounts server, and never holds
 * the client secret, a code or a token. {@link ThrottledException} is the subtype for throttling.
 */
public class OAuthProviderException extends TokenStoreException {

    private static final long serialVersionUID = 1L;

    private final String errorCode;

    /**
     * @param messageId the stable ID
     * @param message   the whole message, starting with the ID
     * @param errorCode the provider's error code, e.g. {@code invalid_code}
     */
    public OAuthProviderException(String messageId, String message, String errorCode) {
        super(messageId, message, null);
        this.errorCode = errorCode;
    }

    /**
     * The provider's error code as it answered it, e.g. {@code invalid_code}, {@code invalid_client} or
     * {@code Access Denied}; {@code (withheld)} if the answer quoted a secret of the request.
     */
    public String errorCode() {
        return errorCode;
    }
}
