package io.github.tokenstore.login;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.UserSignature;

import java.net.URI;

/** How a completed callback ends: the user is logged in, or the browser must go round once more. */
public sealed interface LoginOutcome {

    /**
     * The user is logged in and the tokens saved.
     *
     * @param user       whose token it is: the application's principal, else the verified e-mail
     * @param account    the verified e-mail of the provider account
     * @param dataCenter the location of the server that issued the tokens
     * @param returnPath where to send the browser, a checked path of the application (relative to its context)
     * @param token      the token as stored; holds secrets, never show it
     * @param client     the name of the flow's client, as its tokens carry it; {@code null} for the client whose
     *                   tokens carry none (the {@code tokenstore.oauth.*} client)
     */
    record Completed(UserSignature user, String account, String dataCenter, String returnPath, OAuthToken token,
                     String client) implements LoginOutcome {

        /**
         * A login of the client whose tokens carry no name.
         *
         * @deprecated since 0.13: name the client (or pass {@code null}),
         * {@link #Completed(UserSignature, String, String, String, OAuthToken, String)}
         */
        @Deprecated(since = "0.13")
        public Completed(UserSignature user, String account, String dataCenter, String returnPath, OAuthToken token) {
            this(user, account, dataCenter, returnPath, token, null);
        }

        @Override
        public String toString() {
            return "Completed[user=" + user + ", client=" + client + ", dataCenter=" + dataCenter + ", returnPath="
                    + returnPath + "]";
        }
    }

    /**
     * The provider issued no refresh token and none is stored: send the browser (303) to {@code redirect},
     * the authorize page with {@code prompt=consent}; this happens once per login.
     */
    record ConsentNeeded(URI redirect) implements LoginOutcome {

        @Override
        public String toString() {
            return "ConsentNeeded[…]";
        }
    }
}
