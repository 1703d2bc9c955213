package io.github.tokenstore.provider;

import java.util.Objects;

/**
 * What one authorization request (the browser's redirect to the provider's authorize page) carries beside
 * the provider's own settings (client id, redirect URI, scopes).
 *
 * <p>{@link #toString()} masks the state and the nonce.
 *
 * @param state         the opaque value the callback must bring back; never null
 * @param nonce         the value the ID token must carry; never null
 * @param loginHint     the account to suggest on the provider's login page, or {@code null}
 * @param forceConsent  whether the provider must ask for consent again (and so issue a new refresh token)
 * @param codeChallenge the PKCE S256 challenge of the login's code verifier ({@link Pkce#challenge()}), sent as
 *                      {@code code_challenge} with {@code code_challenge_method=S256}; {@code null} for a
 *                      provider without PKCE ({@link OAuthProvider#pkce()} false)
 */
public record AuthorizationRequest(String state, String nonce, String loginHint, boolean forceConsent,
                                   String codeChallenge) {

    public AuthorizationRequest {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(nonce, "nonce");
    }

    /** A request without PKCE. */
    public AuthorizationRequest(String state, String nonce, String loginHint, boolean forceConsent) {
        this(state, nonce, loginHint, forceConsent, null);
    }

    @Override
    public String toString() {
        return "AuthorizationRequest[state=****, nonce=****, loginHint=" + (loginHint == null ? null : "(given)")
                + ", forceConsent=" + forceConsent + ", pkce=" + (codeChallenge != null) + "]";
    }
}
