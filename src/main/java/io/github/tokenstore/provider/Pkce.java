package io.github.tokenstore.provider;

import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;

import java.util.Objects;

/**
 * One login's PKCE pair (RFC 7636, method {@code S256} only: {@code plain} gives no protection against a
 * stolen code): the verifier is kept with the pending login and sent with the code exchange ({@link
 * OAuthProvider#exchangeCode(String, String)}), the challenge goes into the authorization request ({@link
 * AuthorizationRequest#codeChallenge()}). The verifier and the challenge are computed by the Nimbus OAuth 2.0
 * SDK ({@code CodeVerifier}: 32 random bytes of a {@code SecureRandom}, base64url).
 *
 * <p>{@link #toString()} masks the verifier, which is a secret until the exchange.
 *
 * @param verifier  the {@code code_verifier}; never null
 * @param challenge its {@code S256} {@code code_challenge}; never null
 */
public record Pkce(String verifier, String challenge) {

    public Pkce {
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(challenge, "challenge");
    }

    /** A new random verifier and its challenge. */
    public static Pkce create() {
        return of(new CodeVerifier().getValue());
    }

    /**
     * The pair of a verifier kept from earlier (e.g. with a pending login).
     *
     * @throws IllegalArgumentException if {@code verifier} is not 43 to 128 characters of {@code [A-Za-z0-9-._~]}
     */
    public static Pkce of(String verifier) {
        CodeVerifier v;
        try {
            v = new CodeVerifier(verifier);
        } catch (IllegalArgumentException e) {
            throw ProviderMessages.verifierInvalid();
        }
        return new Pkce(v.getValue(), CodeChallenge.compute(CodeChallengeMethod.S256, v).getValue());
    }

    @Override
    public String toString() {
        return "Pkce[verifier=****, challenge=" + challenge + "]";
    }
}
