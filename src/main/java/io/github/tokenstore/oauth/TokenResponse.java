package io.github.tokenstore.oauth;

import java.time.Duration;
import java.util.Objects;

/**
 * What the accounts server answered to a grant-code exchange or a refresh.
 *
 * <p>{@link #toString()} masks both tokens.
 *
 * @param accessToken  the new access token; never null
 * @param refreshToken the refresh token; only a grant-code exchange with {@code access_type=offline}
 *                     returns one, a refresh never does ({@code null} then)
 * @param apiDomain    the API domain to call with the access token (e.g. {@code https://www.zohoapis.eu}),
 *                     or {@code null} if the server named none
 * @param tokenType    the token type (Zoho: {@code Bearer}), or {@code null}
 * @param expiresIn    how long the access token is valid from the answer on; positive
 */
public record TokenResponse(String accessToken, String refreshToken, String apiDomain, String tokenType,
                            Duration expiresIn) {

    public TokenResponse {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(expiresIn, "expiresIn");
    }

    @Override
    public String toString() {
        return "TokenResponse[accessToken=****, refreshToken=" + (refreshToken == null ? null : "****")
                + ", apiDomain=" + apiDomain + ", tokenType=" + tokenType + ", expiresIn=" + expiresIn + "]";
    }
}
