package io.github.tokenstore.core;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.provider.OAuthProvider;

/**
 * The {@code @CrmCall} in progress on each thread: whose token and which token. The interceptor enters a
 * frame around the method and leaves it after; {@link ThreadCurrentToken} and the JAX-RS filter read it.
 *
 * <p>A thread-local rather than a CDI context: the JAX-RS runtime (or MicroProfile Rest Client) creates the
 * filter itself, without CDI, and must still find the token of the calling thread. In a server the jar
 * sits in the application's class loader, so each application has its own. Frames nest: leaving one
 * restores the one it replaced.
 */
public final class CrmCallFrames {

    private static final ThreadLocal<Frame> CURRENT = new ThreadLocal<>();

    private CrmCallFrames() {
    }

    /** One call's user, client and token; the token changes once if the call is retried. */
    public static final class Frame {
        private final UserSignature user;
        private volatile OAuthToken token;
        private final String client;
        private final OAuthProvider provider;
        private final Frame previous;

        private Frame(UserSignature user, OAuthToken token, String client, OAuthProvider provider, Frame previous) {
            this.user = user;
            this.token = token;
            this.client = client;
            this.provider = provider;
            this.previous = previous;
        }

        /** The name of the call's OAuth client, or {@code null} if none is known. */
        public String client() {
            return client;
        }

        /**
         * The server that issued the token, whose {@code Authorization} header and answers the call follows;
         * {@code null} means Zoho's ({@code Zoho-oauthtoken}, {@code INVALID_TOKEN}).
         */
        public OAuthProvider provider() {
            return provider;
        }

        /** Whose token. */
        public UserSignature user() {
            return user;
        }

        /** The token of the call. */
        public OAuthToken token() {
            return token;
        }

        /** Replaces the token, for the retry after the CRM rejected it. */
        public void token(OAuthToken token) {
            this.token = token;
        }
    }

    /** The frame of this thread's call in progress, or {@code null}. */
    public static Frame current() {
        return CURRENT.get();
    }

    /** Starts a call on this thread; pass the frame to {@link #leave} in a {@code finally}. */
    public static Frame enter(UserSignature user, OAuthToken token) {
        return enter(user, token, null, null);
    }

    /**
     * Starts a call of {@code client}'s token on this thread; pass the frame to {@link #leave} in a {@code finally}.
     *
     * @param client   the client's name, or {@code null}
     * @param provider the server that issued the token, or {@code null} for Zoho's header and answers
     */
    public static Frame enter(UserSignature user, OAuthToken token, String client, OAuthProvider provider) {
        Frame frame = new Frame(user, token, client, provider, CURRENT.get());
        CURRENT.set(frame);
        return frame;
    }

    /** Ends the call of {@code frame}; the enclosing call's frame, if any, is current again. */
    public static void leave(Frame frame) {
        if (frame.previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(frame.previous);
        }
    }
}
