package io.github.tokenstore;

/**
 * The user has to authorize the application (again) before a token can be had: no token is stored for
 * the user, or the access token expired and no refresh token is stored. Applications typically answer
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
        super(messageId, message, null);
        this.user = user;
    }

    /** Whose authorization is needed. */
    public UserSignature user() {
        return user;
    }
}
