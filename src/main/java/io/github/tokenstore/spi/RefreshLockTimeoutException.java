package io.github.tokenstore.spi;

import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.UserSignature;

import java.time.Duration;

/**
 * A {@link RefreshLock} was not free within its bounded wait: another JVM holds it for a refresh that
 * takes too long, or the wait is too short. Thrown by {@link RefreshLock#acquire}; a custom lock throws it
 * too, so that the library tells a busy lock from a failing one by type (the idle-token clean-up skips a
 * sweep on a busy lock and reports a failing one). Its message is {@code TOKENSTORE-0271}.
 */
public class RefreshLockTimeoutException extends TokenStoreException {

    private static final long serialVersionUID = 1L;

    /** The stable ID of this exception's message. */
    public static final String MESSAGE_ID = "TOKENSTORE-0271";

    /**
     * @param user    whose lock it is (for the clean-up, its lock name)
     * @param maxWait how long the lock was waited for
     */
    public RefreshLockTimeoutException(UserSignature user, Duration maxWait) {
        super(MESSAGE_ID, MESSAGE_ID + ": the refresh lock of user '" + user.name() + "' was not free within "
                + maxWait + "; another JVM holds it for a refresh that takes too long, or the wait is too short",
                null);
    }
}
