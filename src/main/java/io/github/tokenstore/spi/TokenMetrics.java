package io.github.tokenstore.spi;

import java.util.Locale;

/**
 * Told what the {@code TokenService} and a measured store did and how long it took, to feed a metrics
 * system. The library's OpenTelemetry adapter (docs/operations.md, "Health and metrics") implements it; every method
 * has an empty default, and {@link #NONE} measures nothing.
 *
 * <p>Called on the thread that did the work, some methods on every served token: an implementation must
 * be fast, thread-safe, and must not throw. No argument holds a secret or a user name.
 */
public interface TokenMetrics {

    /** Measures nothing. */
    TokenMetrics NONE = new TokenMetrics() {
    };

    /** How one refresh of a user's token (one single flight, however many callers share it) ended. */
    enum RefreshOutcome {
        /** The accounts server gave a new access token, and it was saved. */
        SUCCESS,
        /** A usable token another JVM (or this one meanwhile) had stored was taken; no call was made. */
        ADOPTED,
        /** The accounts server throttled, or a back-off from throttling was still on. */
        THROTTLED,
        /** The accounts server refused the refresh token or grant code ({@code invalid_code}). */
        REFUSED,
        /** Anything else: the accounts server unreachable, another error answer, the store failing. */
        FAILURE;

        /** The attribute value: the name in lower case. */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a call to the accounts server's token endpoint was for. */
    enum EndpointOperation {
        /** {@code grant_type=refresh_token}. */
        REFRESH,
        /** {@code grant_type=authorization_code}: a grant code exchanged for tokens. */
        GRANT,
        /** A refresh token revoked. */
        REVOKE;

        /** The attribute value: the name in lower case. */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A token was asked for ({@code TokenService.currentToken}).
     *
     * @param hit whether it was served from the service's memory without reading the store or refreshing
     */
    default void tokenLookup(boolean hit) {
    }

    /** A refresh ended so. */
    default void refreshEnded(RefreshOutcome outcome) {
    }

    /**
     * A call to the token endpoint ended.
     *
     * @param nanos   how long it took
     * @param failure what it threw, or {@code null} if it succeeded
     */
    default void tokenEndpointCalled(EndpointOperation operation, long nanos, Throwable failure) {
    }

    /**
     * A store operation ended.
     *
     * @param operation the {@code TokenStore} method's name, e.g. {@code findToken}
     * @param nanos     how long it took
     * @param failure   what it threw, or {@code null} if it succeeded
     */
    default void storeOperation(String operation, long nanos, Throwable failure) {
    }
}
