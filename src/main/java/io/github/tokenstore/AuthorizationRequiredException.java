package io.github.tokenstore;

/**
 * The user has to authorize the application (again) before a token can be had: no token is stored for
 * the user, the access token expired and no refresh token is stored, or the accounts server refused the
 * stored refresh token (revoked, or removed at Zoho). Applications typically answer
 * it by sending the user through "Login with Zoho"; {@link #reason()} tells which case it is.
 */
public class AuthorizationRequiredException extends TokenStoreException {

    private static final long serialVersionUID = 1L;

    /** Why the user has to authorize: branch on this, never on the message. */
    public enum Reason {
        /** No token is stored for the user ({@code TOKENSTORE-0260}). */
        NO_TOKEN,
        /** The access token expired and no refresh token is stored ({@code TOKENSTORE-0261}). */
        NO_REFRESH_TOKEN,
        /** The accounts server refused the stored refresh token: revoked, or removed at Zoho ({@code TOKENSTORE-0225}). */
        REFRESH_TOKEN_REFUSED,
        /** The accounts server refused the stored grant code: used already, or expired ({@code TOKENSTORE-0226}). */
        GRANT_CODE_REFUSED,
        /** Raised by code outside the library, through a constructor without a reason. */
        OTHER
    }

    private final UserSignature user;
    private final Reason reason;

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
        this(messageId, message, user, Reason.OTHER, cause);
    }

    /**
     * @param messageId the stable ID
     * @param message   the whole message, starting with the ID
     * @param user      whose authorization is needed
     * @param reason    why
     * @param cause     the accounts server's refusal that showed it, or {@code null}
     */
    public AuthorizationRequiredException(String messageId, String message, UserSignature user, Reason reason,
                                          Throwable cause) {
        super(messageId, message, cause);
        this.user = user;
        this.reason = reason == null ? Reason.OTHER : reason;
    }

    /** Whose authorization is needed. */
    public UserSignature user() {
        return user;
    }

    /** Why the user has to authorize; {@link Reason#OTHER} if a constructor without a reason made it. */
    public Reason reason() {
        return reason;
    }
}
