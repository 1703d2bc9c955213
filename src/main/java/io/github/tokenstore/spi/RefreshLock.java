package io.github.tokenstore.spi;

import io.github.tokenstore.UserSignature;

/**
 * Makes one token refresh per user at a time across JVMs that share a token store, e.g. with a row lock
 * or a lease in the shared database.
 *
 * <p>Within one JVM the {@code TokenService} already lets only one refresh per user run; it takes this
 * lock around that refresh, then re-reads the store, and refreshes only if no other JVM stored a usable
 * token meanwhile. So the lock only has to exclude other JVMs. {@link #inJvm()} excludes nothing: the
 * right choice for a single JVM or a store no other JVM shares.
 *
 * <p>Implementations are thread-safe. A lease must not be held forever: bound the wait in
 * {@link #acquire} and let the lease expire if its holder dies.
 */
@FunctionalInterface
public interface RefreshLock {

    /**
     * Waits until this JVM holds the refresh lock of {@code user}.
     *
     * @return the lease; closing it releases the lock
     * @throws RefreshLockTimeoutException                if the lock cannot be had in bounded time; the
     *                                                    refresh is then not made
     * @throws io.github.tokenstore.TokenStoreException if the storage fails; the refresh is then not made
     */
    Lease acquire(UserSignature user);

    /**
     * Waits until this JVM holds the refresh lock of {@code user}'s token for the OAuth client {@code client}:
     * a user's tokens of two clients refresh independently. This default takes the user's lock for every
     * client ({@link #acquire(UserSignature)}), which is coarser and so still correct; the library's
     * database lock keys by user and client.
     *
     * @param client the client's name, or {@code null} for the tokens without one (the same lock as
     *               {@link #acquire(UserSignature)})
     * @return the lease; closing it releases the lock
     * @throws RefreshLockTimeoutException                if the lock cannot be had in bounded time
     * @throws io.github.tokenstore.TokenStoreException if the storage fails
     */
    default Lease acquire(UserSignature user, String client) {
        return acquire(user);
    }

    /** A held refresh lock. */
    @FunctionalInterface
    interface Lease extends AutoCloseable {
        /** Releases the lock; releasing twice is harmless. Does not throw. */
        @Override
        void close();
    }

    /** A lock that excludes no other JVM: single flight within this JVM only. */
    static RefreshLock inJvm() {
        return user -> () -> {
        };
    }
}
