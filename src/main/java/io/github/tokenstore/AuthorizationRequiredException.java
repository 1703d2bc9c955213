package io.github.tokenstore;

/**
 * The user has to authorize the application (again) before a token can be had: no token is stored for
 * the user, the access token expired and no refresh token is stored, or the accounts server refused the
 * stored refresh token (revoked, or removed at Zoho). Applications typically answer
 * it by sending the user through "Login with Zoho".
 */
public class AuthorizationRequiredException extends TokenStoreException {

    private static final long serialVersionUID = 1L;

    private final UserSignature user;

    /**
     * @param messageId the stable ID
     * @param message   the whole message, starting with the ID
     * @param user      whose authorization is needed
     */
    public AuthorizationRequiredException(String messageId, String message, UserSignature user) {
        this(messageId, message, user, null);
    }

    /**
     * @param messageId the stable ID
     * @param message   the whole message, starting with the ID
     * @param user      whose authorization is needed
     * @param cause     the accounts server's refusal that showed it, or {@code null}
     */
    public AuthorizationRequiredException(String messageId, String message, UserSignature user, Throwable cause) {
        super(messageId, message, cause);
        this.user = user;
    }

    /** Whose authorization is needed. */
    public UserSignature user() {
        return user;
    }
}
