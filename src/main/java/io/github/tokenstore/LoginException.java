package io.github.tokenstore;

/**
 * A login failed; {@link #failure()} says why. The message starts with the failure's ID and never holds a
 * code, a token, a state, a nonce or a secret.
 */
public class LoginException extends TokenStoreException {

    private static final long serialVersionUID = 1L;

    private final LoginFailure failure;

    /**
     * @param failure why; its ID starts the message
     * @param message the whole message, starting with the ID
     * @param cause   what failed underneath, or {@code null}
     */
    public LoginException(LoginFailure failure, String message, Throwable cause) {
        super(failure.id(), message, cause);
        this.failure = failure;
    }

    /** Why the login failed. */
    public LoginFailure failure() {
        return failure;
    }
}
