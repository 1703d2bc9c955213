package io.github.tokenstore.provider;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.token.BearerTokenError;

/** Reads RFC 6750 {@code WWW-Authenticate: Bearer} challenges (through the Nimbus OAuth 2.0 SDK's parser). */
final class BearerChallenges {

    private BearerChallenges() {
    }

    /** See {@link OAuthProvider#rejectsAccessToken}. */
    static boolean rejectsAccessToken(int status, String wwwAuthenticate) {
        String error = error(wwwAuthenticate);
        if (BearerTokenError.INVALID_TOKEN.getCode().equals(error)) {
            return true;
        }
        // A 401 without an error code (RFC 6750 3.1 allows it) still refuses the token that was sent.
        return status == 401 && error == null;
    }

    /** The challenge's {@code error}, or {@code null} if there is no Bearer challenge or it names none. */
    private static String error(String wwwAuthenticate) {
        if (wwwAuthenticate == null || wwwAuthenticate.isBlank()) {
            return null;
        }
        try {
            ErrorObject e = BearerTokenError.parse(wwwAuthenticate);
            return e.getCode();
        } catch (ParseException e) {
            // Another scheme, or a malformed challenge: it names no Bearer error.
            return null;
        }
    }
}
