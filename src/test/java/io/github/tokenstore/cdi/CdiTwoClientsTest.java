package io.github.tokenstore.cdi;

import io.github.tokenstore.AuthorizationRequiredException;
import io.github.tokenstore.CrmCall;
import io.github.tokenstore.CurrentToken;
import io.github.tokenstore.OAuthClient;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenUser;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.health.RefusedTokensCheck;
import io.github.tokenstore.jaxrs.ZohoAuthorizationFilter;
import io.github.tokenstore.oauth.FakeAccountsServer;
import io.github.tokenstore.oauth.RefreshPolicy;
import io.github.tokenstore.oauth.TokenService;
import io.github.tokenstore.testing.FakeOAuthServer;
import io.github.tokenstore.testing.FakeOAuthServer.Mode;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * One application, two OAuth clients (issue 13): Zoho of the {@code tokenstore.oauth.*} keys against the fake
 * accounts server, and the Salesforce preset ({@code tokenstore.clients.salesforce.*}) against the standard fake
 * with a new refresh token on every refresh and the old one dead. Each client is a {@code TokenService} bean of its
 * own, each {@code @CrmCall} sees its client's token, header and API base, one user holds a row per client, and
 * each token is refreshed by its own provider only.
 */
@EnableWeld
class CdiTwoClientsTest {

    static final FakeAccountsServer ZOHO = CrmCallFixtures.accountsServer();
    static final FakeOAuthServer SALESFORCE = salesforce();
    static final String INSTANCE_URL = "https://zylker.my.salesforce.com";
    static final String ANA = "ana@zylker.example";
    static final String BEN = "ben@zylker.example";

    @RegisterExtension
    static final TestConfig CONFIG = TestConfig.of("tokenstore.store", "memory",
            "tokenstore.oauth.client-id", "1000.CLIENT", "tokenstore.oauth.client-secret", "s3cret",
            "tokenstore.oauth.accounts-url", ZOHO.url().toString(),
            "tokenstore.oauth.refresh-ahead", "PT7M",
            "tokenstore.clients.salesforce.provider", "salesforce",
            "tokenstore.clients.salesforce.expiry-skew", "PT2M",
            "tokenstore.clients.salesforce.issuer", SALESFORCE.url().toString(),
            "tokenstore.clients.salesforce.client-id", FakeOAuthServer.CLIENT_ID,
            "tokenstore.clients.salesforce.client-secret", FakeOAuthServer.CLIENT_SECRET,
            "tokenstore.clients.salesforce.scopes", "api refresh_token");

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Containers.weld(Calls.class, Services.class)).build();

    private static FakeOAuthServer salesforce() {
        try {
            FakeOAuthServer fake = new FakeOAuthServer(Mode.ROTATING_STRICT);
            fake.instanceUrl = INSTANCE_URL;
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        ZOHO.close();
        SALESFORCE.close();
    }

    @ApplicationScoped
    static class Calls {
        @Inject
        CurrentToken token;
        private final Client http = ClientBuilder.newClient().register(ZohoAuthorizationFilter.class);

        @CrmCall
        public String zoho(@TokenUser String user) {
            return seen();
        }

        @CrmCall(client = "salesforce")
        public String salesforce(@TokenUser String user) {
            return seen();
        }

        /** Salesforce's API (the fake's resource) through the library's JAX-RS filter. */
        @CrmCall(client = "salesforce")
        public String me(@TokenUser String user) {
            return http.target(SALESFORCE.apiUri()).request().get(String.class);
        }

        private String seen() {
            return token.client() + " | " + token.authorizationHeader() + " | " + token.apiDomain();
        }

        @PreDestroy
        void close() {
            http.close();
        }
    }

    /** Dependent: a client proxy's fields would be its own, not the bean's. */
    @Dependent
    static class Services {
        @Inject
        TokenService byDefault;
        @Inject
        @OAuthClient("zoho")
        TokenService zoho;
        @Inject
        @OAuthClient("salesforce")
        TokenService salesforce;
    }

    private OAuthToken expiredSalesforceToken(String user) {
        return OAuthToken.builder().user(user).client("salesforce").clientId(FakeOAuthServer.CLIENT_ID)
                .refreshToken(SALESFORCE.issueRefreshToken(user, "api refresh_token")).accessToken("stale-" + user)
                .expiresAt(Instant.now().minus(1, ChronoUnit.MINUTES)).dataCenter("salesforce").build();
    }

    private static OAuthToken query(String user, String client) {
        return OAuthToken.builder().userSignature(new UserSignature(user)).client(client).build();
    }

    @Test
    void eachClientIsATokenServiceBeanAndTheDefaultOneIsZohos() {
        Services services = weld.select(Services.class).get();

        assertThat(services.zoho).isSameAs(services.byDefault);
        assertThat(services.salesforce).isNotSameAs(services.zoho);
        assertThat(services.salesforce.client()).isEqualTo("salesforce");
        // The tokenstore.oauth.* client keeps the tokens without a client name, as before named clients.
        assertThat(services.zoho.client()).isNull();
        assertThat(weld.select(TokenService.class, OAuthClient.Literal.of("salesforce")).get())
                .isSameAs(services.salesforce);
        // A client's own refresh keys, else the shared ones.
        assertThat(services.zoho.policy().refreshAhead()).isEqualTo(Duration.ofMinutes(7));
        assertThat(services.salesforce.policy().refreshAhead()).isEqualTo(Duration.ofMinutes(7));
        assertThat(services.salesforce.policy().expirySkew()).isEqualTo(Duration.ofMinutes(2));
        assertThat(services.zoho.policy().expirySkew()).isEqualTo(RefreshPolicy.defaults().expirySkew());
    }

    @Test
    void eachCrmCallSeesItsClientsTokenHeaderAndApiBaseAndEachTokenIsRefreshedByItsOwnProvider() {
        TokenStore store = weld.select(TokenStore.class).get();
        store.saveToken(CrmCallFixtures.validToken(ANA));
        OAuthToken stale = store.saveToken(expiredSalesforceToken(ANA));
        int zohoRefreshes = ZOHO.refreshCalls.get();
        int salesforceRefreshes = SALESFORCE.refreshCalls.get();
        Calls calls = weld.select(Calls.class).get();

        String salesforce = calls.salesforce(ANA);
        String zoho = calls.zoho(ANA);

        assertThat(salesforce).startsWith("salesforce | Bearer access-").endsWith(" | " + INSTANCE_URL);
        assertThat(zoho).isEqualTo("zoho | Zoho-oauthtoken access-" + ANA + " | https://www.zohoapis.eu");
        assertThat(SALESFORCE.refreshCalls.get() - salesforceRefreshes).isEqualTo(1);
        assertThat(ZOHO.refreshCalls.get() - zohoRefreshes).isZero();
        OAuthToken zohoRow = store.findToken(query(ANA, null)).orElseThrow();
        OAuthToken salesforceRow = store.findToken(query(ANA, "salesforce")).orElseThrow();
        assertThat(zohoRow.id()).isNotEqualTo(salesforceRow.id());
        assertThat(zohoRow.accessToken()).isEqualTo("access-" + ANA);
        assertThat(salesforceRow.apiDomain()).isEqualTo(INSTANCE_URL);
        // Rotation: the new refresh token is kept, the old one is dead at the provider.
        assertThat(salesforceRow.refreshToken()).isNotEqualTo(stale.refreshToken())
                .isEqualTo(SALESFORCE.newestRefreshToken(ANA));
        assertThat(SALESFORCE.isAlive(stale.refreshToken())).isFalse();

        store.saveToken(CrmCallFixtures.expiredToken(ANA));
        assertThat(calls.zoho(ANA)).startsWith("zoho | Zoho-oauthtoken access-refreshed-");
        assertThat(ZOHO.refreshCalls.get() - zohoRefreshes).isEqualTo(1);
        assertThat(SALESFORCE.refreshCalls.get() - salesforceRefreshes).isEqualTo(1);
        assertThat(calls.salesforce(ANA)).isEqualTo(salesforce);

        // A save through the store bean evicts the user in every client's service, not only the default one's.
        store.saveToken(salesforceRow.toBuilder().accessToken("access-saved").build());
        assertThat(calls.salesforce(ANA)).isEqualTo("salesforce | Bearer access-saved | " + INSTANCE_URL);
    }

    @Test
    void theFilterFollowsTheCallsProviderAnInvalidTokenChallengeIsRefreshedAndRetriedOnce() {
        weld.select(TokenStore.class).get().saveToken(expiredSalesforceToken(BEN));
        Calls calls = weld.select(Calls.class).get();
        assertThat(calls.me(BEN)).contains(BEN);
        int refreshes = SALESFORCE.refreshCalls.get();
        int apiCalls = SALESFORCE.apiCalls.get();

        SALESFORCE.expireAccessTokens();
        String answer = calls.me(BEN);

        assertThat(answer).contains(BEN);
        assertThat(SALESFORCE.apiCalls.get() - apiCalls).isEqualTo(2);
        assertThat(SALESFORCE.refreshCalls.get() - refreshes).isEqualTo(1);
    }

    @Test
    void theRefusedTokensCheckCountsTheRefusalsOfEveryClientsService() {
        String carol = "carol@zylker.example";
        weld.select(TokenStore.class).get().saveToken(expiredSalesforceToken(carol).toBuilder()
                .refreshToken("refresh-the-fake-never-issued").build());

        Throwable refused = catchThrowable(() -> weld.select(Calls.class).get().salesforce(carol));

        assertThat(refused).isInstanceOf(AuthorizationRequiredException.class);
        assertThat(weld.select(Services.class).get().salesforce.refusedTokenCount()).isEqualTo(1);
        assertThat(weld.select(RefusedTokensCheck.class, Readiness.Literal.INSTANCE).get().call().getData().orElseThrow())
                .containsEntry("refusedTokens", 1L);
    }
}
