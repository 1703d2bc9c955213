package io.github.tokenstore.provider;

import io.github.tokenstore.OAuthProviderException;
import io.github.tokenstore.oauth.TokenResponse;
import io.github.tokenstore.oauth.ZohoAccountsClient;
import io.github.tokenstore.zoho.ZohoProvider;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@link OAuthProvider}'s default methods and {@link Pkce} do, and where Zoho differs. */
class ProviderSeamTest {

    /** A standard provider that implements only what the interface requires. */
    private static final OAuthProvider STANDARD = new OAuthProvider() {
        @Override
        public String location() {
            return "default";
        }

        @Override
        public String clientId() {
            return "client-1";
        }

        @Override
        public String redirectUri() {
            return null;
        }

        @Override
        public URI authorizationUri(AuthorizationRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TokenResponse exchangeCode(String code) {
            return new TokenResponse("access-" + code, null, null, "Bearer", Duration.ofHours(1));
        }

        @Override
        public TokenResponse refresh(String refreshToken) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void revoke(String refreshToken) {
        }

        @Override
        public VerifiedIdentity verifyIdToken(String idToken, String expectedNonce) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ProviderError classify(OAuthProviderException failure) {
            return ProviderError.OTHER;
        }

        @Override
        public String toString() {
            return "StandardProvider";
        }
    };

    private static final ZohoProvider ZOHO = ZohoProvider.of(ZohoAccountsClient.builder()
            .clientId("1000.ID").clientSecret("zoho-secret").build());

    @Test
    void theChallengeIsTheUnpaddedBase64UrlSha256OfTheVerifier() throws Exception {
        String verifier = "dBjftJeZ4CVP-mJ92K9Tn5SkVqLOTGw0l8Oa-_7ROlE";
        String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));

        Pkce pkce = Pkce.of(verifier);

        assertThat(pkce.challenge()).isEqualTo(expected).isEqualTo("mbB-Kr-Cfnz3i7ps5ylpHYDVGY6D5NSCJlZ0ENB5jkE");
        assertThat(pkce).hasToString("Pkce[verifier=****, challenge=" + expected + "]");
    }

    @Test
    void aNewVerifierIsRandomAndValid() {
        Pkce one = Pkce.create();
        Pkce two = Pkce.create();

        assertThat(one.verifier()).hasSize(43).matches("[A-Za-z0-9._~-]+").isNotEqualTo(two.verifier());
        assertThat(Pkce.of(one.verifier())).isEqualTo(one);
    }

    @Test
    void aShortVerifierIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> Pkce.of("too-short-secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOKENSTORE-1020: a PKCE code verifier must be 43 to 128 characters of A-Z, a-z, 0-9,"
                        + " '-', '.', '_' and '~' (RFC 7636); use Pkce.create()");
    }

    @Test
    void aProviderWithoutPkceTakesNoVerifier() {
        assertThat(STANDARD.pkce()).isFalse();
        assertThat(STANDARD.exchangeCode("c1", null).accessToken()).isEqualTo("access-c1");
        assertThatThrownBy(() -> STANDARD.exchangeCode("c1", Pkce.create().verifier()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOKENSTORE-1021: the provider StandardProvider does not use PKCE, but a code verifier was"
                        + " given for the code exchange; its logins send no code_challenge, so exchange the code"
                        + " without one");
    }

    @Test
    void aStandardProviderSendsABearerHeader() {
        assertThat(STANDARD.authorizationHeader("A-1")).isEqualTo("Bearer A-1");
        assertThat(STANDARD.revocationSupported()).isTrue();
    }

    @Test
    void aStandardApiRefusesTheTokenWithA401OrAnInvalidTokenChallenge() {
        assertThat(STANDARD.rejectsAccessToken(401, null, null)).isTrue();
        assertThat(STANDARD.rejectsAccessToken(401, "Bearer realm=\"api\"", null)).isTrue();
        assertThat(STANDARD.rejectsAccessToken(401, "Bearer realm=\"api\", error=\"invalid_token\","
                + " error_description=\"The access token expired\"", null)).isTrue();
        assertThat(STANDARD.rejectsAccessToken(400, "Bearer error=\"invalid_token\"", null)).isTrue();
    }

    @Test
    void aStandardApiRefusingForAnotherReasonIsNotATokenProblem() {
        assertThat(STANDARD.rejectsAccessToken(403, "Bearer error=\"insufficient_scope\"", null)).isFalse();
        assertThat(STANDARD.rejectsAccessToken(401, "Bearer error=\"insufficient_scope\"", null)).isFalse();
        assertThat(STANDARD.rejectsAccessToken(403, null, null)).isFalse();
        assertThat(STANDARD.rejectsAccessToken(500, "not a challenge", "<html>")).isFalse();
        assertThat(STANDARD.rejectsAccessToken(200, null, null)).isFalse();
    }

    @Test
    void zohoRefusesTheTokenInTheBodyOfA401() {
        String invalid = "{\"code\":\"INVALID_TOKEN\",\"details\":{},\"message\":\"invalid oauth token\","
                + "\"status\":\"error\"}";

        assertThat(ZOHO.rejectsAccessToken(401, null, invalid)).isTrue();
        assertThat(ZOHO.rejectsAccessToken(401, null, "{\"code\":\"OAUTH_SCOPE_MISMATCH\"}")).isFalse();
        assertThat(ZOHO.rejectsAccessToken(401, null, "<html>Unauthorized</html>")).isFalse();
        assertThat(ZOHO.rejectsAccessToken(401, null, null)).isFalse();
        assertThat(ZOHO.rejectsAccessToken(400, null, invalid)).isFalse();
        assertThat(ZOHO.authorizationHeader("A-1")).isEqualTo("Zoho-oauthtoken A-1");
        assertThat(ZOHO.pkce()).isFalse();
    }

    @Test
    void anAuthorizationRequestCarriesTheChallengeAndMasksItsSecrets() {
        Pkce pkce = Pkce.create();
        AuthorizationRequest request = new AuthorizationRequest("state-1", "nonce-1", "ana@x.example", true,
                pkce.challenge());

        assertThat(request.codeChallenge()).isEqualTo(pkce.challenge());
        assertThat(new AuthorizationRequest("s", "n", null, false).codeChallenge()).isNull();
        assertThat(request).hasToString("AuthorizationRequest[state=****, nonce=****, loginHint=(given),"
                + " forceConsent=true, pkce=true]");
    }
}
