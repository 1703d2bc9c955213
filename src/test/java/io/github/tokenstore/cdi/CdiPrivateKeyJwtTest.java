package io.github.tokenstore.cdi;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.tokenstore.OAuthClient;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.oauth.TokenService;
import io.github.tokenstore.oidc.ClientKey;
import io.github.tokenstore.testing.FakeOAuthServer;
import io.github.tokenstore.testing.FakeOAuthServer.Mode;
import io.github.tokenstore.testing.MutableClock;
import io.github.tokenstore.testing.TestClientKeys;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wiring of {@code private_key_jwt}: a named client configured with {@code .client-key} (PEM) and {@code
 * .client-key-id} becomes a {@code TokenService} whose refreshes authenticate with assertions the fake verifies,
 * their {@code iat} the application's {@code Clock} bean's time.
 */
@EnableWeld
class CdiPrivateKeyJwtTest {

    static final KeyPair KEY = TestClientKeys.ec("secp256r1");
    static final FakeOAuthServer FAKE = fake();
    static final UserSignature ANA = new UserSignature("ana@zylker.example");

    @RegisterExtension
    static final TestConfig CONFIG = TestConfig.of("tokenstore.store", "memory",
            "tokenstore.clients.crm.provider", "oauth2",
            "tokenstore.clients.crm.token-url", FAKE.tokenEndpoint().toString(),
            "tokenstore.clients.crm.client-id", FakeOAuthServer.CLIENT_ID,
            "tokenstore.clients.crm.pkce", "false",
            "tokenstore.clients.crm.client-auth", "private_key_jwt",
            "tokenstore.clients.crm.client-key", TestClientKeys.pem(KEY.getPrivate()),
            "tokenstore.clients.crm.client-key-id", "crm-2026");

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Containers.weld(TestClock.class)).build();

    private static FakeOAuthServer fake() {
        try {
            FakeOAuthServer fake = new FakeOAuthServer(Mode.ROTATING_STRICT);
            fake.clientAuth = FakeOAuthServer.ClientAuth.PRIVATE_KEY_JWT;
            fake.clientPublicKey = KEY.getPublic();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        FAKE.close();
    }

    @Test
    void aNamedClientRefreshesWithAnAssertionOfTheApplicationsTime() throws Exception {
        MutableClock clock = weld.select(MutableClock.class).get();
        FAKE.clock = clock;
        String refresh = FAKE.issueRefreshToken(ANA.name(), "api");
        weld.select(TokenStore.class).get().saveToken(OAuthToken.builder().user(ANA.name()).client("crm")
                .clientId(FakeOAuthServer.CLIENT_ID).refreshToken(refresh).accessToken("stale")
                .expiresAt(TestClock.T0.minus(Duration.ofMinutes(1))).dataCenter("oauth2").build());
        TokenService crm = weld.select(TokenService.class, OAuthClient.Literal.of("crm")).get();

        OAuthToken current = crm.currentToken(ANA);

        assertThat(current.accessToken()).startsWith("access-");
        assertThat(FAKE.assertionRefusals).isEmpty();
        List<SignedJWT> assertions = FAKE.assertions;
        assertThat(assertions).hasSize(1);
        assertThat(assertions.get(0).getHeader().getKeyID()).isEqualTo("crm-2026");
        JWTClaimsSet claims = assertions.get(0).getJWTClaimsSet();
        assertThat(claims.getIssueTime()).isEqualTo(Date.from(TestClock.T0));
        assertThat(claims.getExpirationTime()).isEqualTo(Date.from(TestClock.T0.plus(ClientKey.ASSERTION_LIFETIME)));
        assertThat(claims.getAudience()).containsExactly(FAKE.tokenEndpoint().toString());
    }
}
