package io.github.tokenstore.oauth;

import java.time.Duration;
import java.util.Objects;

/**
 * What the accounts server answered to a grant-code exchange or a refresh.
 *
 * <p>{@link #toString()} masks the tokens.
 *
 * @param accessToken  the new access token; never null
 * @param refreshToken the refresh token; only a grant-code exchange with {@code access_type=offline}
 *                     returns one, a refresh never does ({@code null} then)
 * @param apiDomain    the API domain to call with the access token (e.g. {@code https://www.zohoapis.eu}),
 *                     or {@code null} if the server named none
 * @param tokenType    the token type (Zoho: {@code Bearer}), or {@code null}
 * @param expiresIn    how long the access token is valid from the answer on; positive
 * @param idToken      the OpenID Connect ID token (a JWT, not yet checked) when {@code openid} was granted,
 *                     else {@code null}
 */
public record TokenResponse(String accessToken, String refreshToken, String apiDomain, String tokenType,
                            Duration expiresIn, String idToken) {

    public TokenResponse {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(expiresIn, "expiresIn");
    }

    /** An answer without an ID token. */
    public TokenResponse(String accessToken, String refreshToken, String apiDomain, String tokenType,
                         Duration expiresIn) {
        this(accessToken, refreshToken, apiDomain, tokenType, expiresIn, null);
    }

    @Override
    public String toString() {
        return "TokenResponse[accessToken=****, refreshToken=" + (refreshToken == null ? null : "****")
                + ", apiDomain=" + apiDomain + ", tokenType=" + tokenType + ", expiresIn=" + expiresIn
                + (idToken == null ? "" : ", idToken=****") + "]";
    }
}
