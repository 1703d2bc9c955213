package io.github.tokenstore.cdi;

import io.github.tokenstore.CrmCall;
import io.github.tokenstore.CurrentToken;
import io.github.tokenstore.InvalidTokenException;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenDeleted;
import io.github.tokenstore.TokenRefreshFailed;
import io.github.tokenstore.TokenRefreshed;
import io.github.tokenstore.TokenRevokeFailed;
import io.github.tokenstore.TokenSaved;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.TokenUser;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.cdi.internal.EventTokenListener;
import io.github.tokenstore.oauth.FakeAccountsServer;
import io.github.tokenstore.oauth.TokenService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Refresh, retry and events with the built-in JPA store (H2 in memory): an expired token is refreshed once
 * and saved; a rejected token is refreshed and the method called exactly once more; the events are fired.
 */
@EnableWeld
class CrmCallRefreshTest {

    static final FakeAccountsServer ACCOUNTS = CrmCallFixtures.accountsServer();
    static final Function<Map<String, String>, FakeAccountsServer.Reply> DEFAULT_REPLIES = ACCOUNTS.tokenReplies;
    static final String ANA = "ana@zylker.example";

    @RegisterExtension
    static final TestConfig CONFIG = TestConfig.of("tokenstore.jpa.url", "jdbc:h2:mem:crmcall-refresh;DB_CLOSE_DELAY=-1",
            "tokenstore.oauth.client-id", "1000.CLIENT", "tokenstore.oauth.client-secret", "s3cret",
            "tokenstore.oauth.accounts-url", ACCOUNTS.url().toString());

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Containers.weld(Crm.class, Audit.class)).build();

    @AfterAll
    static void stopServer() {
        ACCOUNTS.close();
    }

    /** A CRM that rejects the access tokens listed in {@code rejected}, as the CRM answers 401 INVALID_TOKEN. */
    @ApplicationScoped
    static class Crm {
        @Inject
        CurrentToken token;
        private final List<String> seen = new CopyOnWriteArrayList<>();
        private final List<String> rejected = new CopyOnWriteArrayList<>();

        @CrmCall
        public String contacts(@TokenUser String user) {
            seen.add(token.accessToken());
            if (rejected.contains(token.accessToken())) {
                throw new InvalidTokenException(token.apiDomain(), 401);
            }
            return token.accessToken();
        }

        @CrmCall
        public String failing(@TokenUser String user) {
            seen.add(token.accessToken());
            throw new IllegalStateException("not a token problem");
        }

        void reject(String accessToken) {
            rejected.add(accessToken);
        }

        List<String> seen() {
            return seen;
        }
    }

    /** Records the library's events. */
    @ApplicationScoped
    static class Audit {
        private final List<Object> events = new CopyOnWriteArrayList<>();

        void saved(@Observes TokenSaved e) {
            events.add(e);
        }

        void refreshed(@Observes TokenRefreshed e) {
            events.add(e);
        }

        void failed(@Observes TokenRefreshFailed e) {
            events.add(e);
        }

        void deleted(@Observes TokenDeleted e) {
            events.add(e);
        }

        void revokeFailed(@Observes TokenRevokeFailed e) {
            events.add(e);
        }

        List<Object> events() {
            return events;
        }
    }

    private final AtomicInteger refreshesBefore = new AtomicInteger();

    @BeforeEach
    void clean() {
        weld.select(TokenStore.class).get().deleteTokens();
        refreshesBefore.set(ACCOUNTS.refreshCalls.get());
        ACCOUNTS.tokenReplies = DEFAULT_REPLIES;
    }

    private int refreshes() {
        return ACCOUNTS.refreshCalls.get() - refreshesBefore.get();
    }

    private Crm crm() {
        return weld.select(Crm.class).get();
    }

    private OAuthToken stored(String user) {
        return weld.select(TokenStore.class).get().findToken(Tokens.user(user)).orElseThrow();
    }

    @Test
    void anExpiredTokenIsRefreshedOnceAndSavedInTheBuiltInStore() {
        ACCOUNTS.tokenReplies = form -> FakeAccountsServer.Reply.json("{\"access_token\":\"access-new\","
                + "\"api_domain\":\"https://www.zohoapis.eu\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        weld.select(TokenStore.class).get().saveToken(CrmCallFixtures.expiredToken(ANA));

        assertThat(crm().contacts(ANA)).isEqualTo("access-new");
        assertThat(crm().contacts(ANA)).isEqualTo("access-new");

        assertThat(refreshes()).isEqualTo(1);
        assertThat(stored(ANA).accessToken()).isEqualTo("access-new");
        assertThat(stored(ANA).refreshToken()).isEqualTo("refresh-" + ANA);
        assertThat(weld.select(Audit.class).get().events()).singleElement().isInstanceOfSatisfying(
                TokenRefreshed.class, e -> {
                    assertThat(e.user()).isEqualTo(new UserSignature(ANA));
                    assertThat(e.apiDomain()).isEqualTo("https://www.zohoapis.eu");
                    assertThat(e.toString()).doesNotContain("access-new").doesNotContain("refresh-");
                });
    }

    @Test
    void aRejectedTokenIsRefreshedAndTheMethodCalledExactlyOnceMore() {
        ACCOUNTS.tokenReplies = form -> FakeAccountsServer.Reply.json("{\"access_token\":\"access-retry\","
                + "\"api_domain\":\"https://www.zohoapis.eu\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        weld.select(TokenStore.class).get().saveToken(CrmCallFixtures.validToken(ANA));
        crm().reject("access-" + ANA);

        assertThat(crm().contacts(ANA)).isEqualTo("access-retry");

        assertThat(crm().seen()).containsExactly("access-" + ANA, "access-retry");
        assertThat(refreshes()).isEqualTo(1);
        assertThat(stored(ANA).accessToken()).isEqualTo("access-retry");
    }

    @Test
    void aSecondRejectionPropagatesWithoutALoop() {
        ACCOUNTS.tokenReplies = form -> FakeAccountsServer.Reply.json("{\"access_token\":\"access-also-bad\","
                + "\"api_domain\":\"https://www.zohoapis.eu\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        weld.select(TokenStore.class).get().saveToken(CrmCallFixtures.validToken(ANA));
        crm().reject("access-" + ANA);
        crm().reject("access-also-bad");

        Throwable failure = catchThrowable(() -> crm().contacts(ANA));

        assertThat(failure).isInstanceOf(InvalidTokenException.class).hasMessageStartingWith("TOKENSTORE-0262: ");
        assertThat(crm().seen()).containsExactly("access-" + ANA, "access-also-bad");
        assertThat(refreshes()).isEqualTo(1);
    }

    @Test
    void otherExceptionsPropagateWithoutARetry() {
        weld.select(TokenStore.class).get().saveToken(CrmCallFixtures.validToken(ANA));

        assertThat(catchThrowable(() -> crm().failing(ANA))).isInstanceOf(IllegalStateException.class);

        assertThat(crm().seen()).hasSize(1);
        assertThat(refreshes()).isZero();
    }

    @Test
    void aFailedRefreshIsAnEventAndTheCallersException() {
        ACCOUNTS.tokenReplies = form -> FakeAccountsServer.Reply.json("{\"error\":\"invalid_client\"}");
        weld.select(TokenStore.class).get().saveToken(CrmCallFixtures.expiredToken(ANA));

        Throwable failure = catchThrowable(() -> crm().contacts(ANA));

        assertThat(failure).hasMessageStartingWith("TOKENSTORE-0221: ");
        assertThat(crm().seen()).isEmpty();
        assertThat(weld.select(Audit.class).get().events()).singleElement().isInstanceOfSatisfying(
                TokenRefreshFailed.class, e -> {
                    assertThat(e.user()).isEqualTo(new UserSignature(ANA));
                    assertThat(e.failure().messageId()).isEqualTo("TOKENSTORE-0221");
                    assertThat(e.toString()).doesNotContain("s3cret").doesNotContain("refresh-" + ANA);
                });
    }

    @Test
    void authorizeAndDeleteAreEvents() {
        TokenService service = weld.select(TokenService.class).get();

        OAuthToken saved = service.authorize("grant-code", new UserSignature(ANA));
        service.delete(new UserSignature(ANA));

        assertThat(saved.accessToken()).isEqualTo("access-1");
        assertThat(weld.select(Audit.class).get().events()).hasSize(2);
        assertThat(weld.select(Audit.class).get().events().get(0)).isInstanceOfSatisfying(TokenSaved.class,
                e -> assertThat(e.toString()).doesNotContain("access-1").doesNotContain("refresh-1"));
        assertThat(weld.select(Audit.class).get().events().get(1)).isEqualTo(new TokenDeleted(new UserSignature(ANA)));
    }

    @Test
    void aSaveThroughTheInjectedStoreReachesTheNextCall() {
        TokenStore store = weld.select(TokenStore.class).get();
        store.saveToken(CrmCallFixtures.validToken(ANA));
        assertThat(crm().contacts(ANA)).isEqualTo("access-" + ANA);

        store.saveToken(stored(ANA).toBuilder().accessToken("access-replaced").build());
        assertThat(crm().contacts(ANA)).isEqualTo("access-replaced");

        store.deleteToken(stored(ANA).id());
        assertThat(catchThrowable(() -> crm().contacts(ANA))).hasMessageStartingWith("TOKENSTORE-0260: ");
        assertThat(refreshes()).isZero();
    }

    @Test
    void twentyThreadsOnAnExpiredTokenCauseOneRefresh() throws Exception {
        weld.select(TokenStore.class).get().saveToken(CrmCallFixtures.expiredToken(ANA));
        Crm crm = crm();
        ExecutorService threads = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        Set<String> tokens = ConcurrentHashMap.newKeySet();
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(threads.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return tokens.add(crm.contacts(ANA));
                }));
            }
            start.countDown();
            for (Future<?> call : calls) {
                call.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(refreshes()).isEqualTo(1);
        assertThat(tokens).singleElement().asString().startsWith("access-refreshed-");
    }

    @Test
    void aFailedRevocationIsAnEvent() {
        EventTokenListener listener = new EventTokenListener(weld.select(BeanManager.class).get().getEvent());

        listener.revokeFailed(new UserSignature(ANA), new TokenStoreException("TOKENSTORE-0330",
                "TOKENSTORE-0330: revoking the token of user '" + ANA + "' at the accounts server failed", null));

        assertThat(weld.select(Audit.class).get().events()).singleElement().isInstanceOfSatisfying(
                TokenRevokeFailed.class, e -> assertThat(e.failure().messageId()).isEqualTo("TOKENSTORE-0330"));
    }
}
