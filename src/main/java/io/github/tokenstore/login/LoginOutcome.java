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
     */
    record Completed(UserSignature user, String account, String dataCenter, String returnPath, OAuthToken token)
            implements LoginOutcome {

        @Override
        public String toString() {
            return "Completed[user=" + user + ", dataCenter=" + dataCenter + ", returnPath=" + returnPath + "]";
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
