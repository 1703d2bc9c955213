package io.github.tokenstore.zoho;

import com.zoho.api.authenticator.OAuthToken;
import com.zoho.crm.api.UserSignature;
import com.zoho.crm.api.exception.SDKException;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.memory.InMemoryTokenStore;
import io.github.tokenstore.oauth.FakeAccountsServer;
import io.github.tokenstore.oauth.RefreshPolicy;
import io.github.tokenstore.oauth.TokenService;
import io.github.tokenstore.oauth.ZohoAccountsClient;
import io.github.tokenstore.spi.RefreshLock;
import io.github.tokenstore.spi.TokenListener;
import io.github.tokenstore.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bridge with the library's {@code TokenService}: the SDK gets fresh tokens and never refreshes itself. */
class ZohoSdkBridgeRefreshTest {

    static final String USER = "alice@zylker.example";
    static final Instant NOW = Instant.parse("2026-12-03T18:00:00Z");

    final MutableClock clock = new MutableClock(NOW);
    final TokenStore store = new InMemoryTokenStore(clock);
    final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    final Logger bridgeLog = Logger.getLogger(ZohoSdkBridge.class.getName());
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    FakeAccountsServer accounts;
    TokenService service;
    com.zoho.api.authenticator.store.TokenStore sdk;
    SdkCaller caller;

    @BeforeEach
    void start() throws Exception {
        bridgeLog.addHandler(capture);
        accounts = new FakeAccountsServer();
        ZohoAccountsClient client = ZohoAccountsClient.builder().accountsUrl(accounts.url())
                .clientId("1000.CLIENT").clientSecret("secret").build();
        // Background refreshes run in the calling thread: the test decides when time passes.
        service = new TokenService(store, client, RefreshPolicy.defaults(), RefreshLock.inJvm(), TokenListener.NONE,
                clock, Runnable::run);
        sdk = ZohoSdkBridge.tokenStore(store, service, com.zoho.api.authenticator.store.TokenStore.class);
        caller = new SdkCaller(sdk, accounts.url(), clock);
        store.saveToken(io.github.tokenstore.OAuthToken.builder().user(USER).clientId("1000.CLIENT")
                .clientSecret("secret").refreshToken("refresh-1").accessToken("access-old")
                .expiresAt(NOW.minusSeconds(60)).build());
    }

    @AfterEach
    void stop() {
        bridgeLog.removeHandler(capture);
        service.close();
        accounts.close();
    }

    static OAuthToken applicationToken() throws SDKException {
        OAuthToken t = new OAuthToken();
        t.setUserSignature(new UserSignature(USER));
        t.setClientId("1000.CLIENT");
        t.setClientSecret("secret");
        t.setRefreshToken("refresh-1");
        return t;
    }

    @Test
    void theSdkGetsTheServicesFreshTokenAndNeverRefreshesItself() throws Exception {
        OAuthToken token = applicationToken();

        assertThat(caller.accessToken(token)).isEqualTo("access-refreshed-1");
        assertThat(token.getExpiresIn()).isEqualTo(Long.toString(NOW.plusSeconds(3600).toEpochMilli()));
        assertThat(token.getId()).as("filled in: the SDK looks it up by id from now on").isNotNull();
        assertThat(caller.accessToken(token)).isEqualTo("access-refreshed-1");

        // 3 seconds before expiry the SDK would refresh by itself; the service has refreshed well ahead.
        clock.advance(Duration.ofSeconds(3600 - 3));
        assertThat(caller.accessToken(token)).isEqualTo("access-refreshed-2");

        assertThat(accounts.refreshCalls).hasValue(2);
        assertThat(caller.ownTokenCalls).as("the SDK's own refresh is never triggered").hasValue(0);
        assertThat(logged).isEmpty();
    }

    @Test
    void withoutAStoredTokenTheSdkAuthorizesItselfAndTheServiceTakesOver() throws Exception {
        store.deleteTokens();
        OAuthToken first = new OAuthToken();
        first.setUserSignature(new UserSignature("bob@zylker.example"));
        first.setClientId("1000.CLIENT");
        first.setClientSecret("secret");
        first.setGrantToken("1000.grant");

        assertThat(caller.accessToken(first)).isEqualTo("access-1");
        assertThat(caller.ownTokenCalls).hasValue(1);
        assertThat(accounts.grantCalls).hasValue(1);
        assertThat(logged).as("no stored token is not a failure").isEmpty();

        clock.advance(Duration.ofSeconds(3600 - 3));
        assertThat(caller.accessToken(first)).isEqualTo("access-refreshed-1");
        assertThat(caller.ownTokenCalls).as("the library refreshed, not the SDK").hasValue(1);
    }

    @Test
    void whenTheServiceCannotRefreshTheSdkGetsTheStoredTokenUnchangedAndItIsLoggedOnce() throws Exception {
        accounts.tokenReplies = form -> new FakeAccountsServer.Reply(503, "text/plain", "down");

        OAuthToken found = applicationToken();
        assertThat(sdk.findToken(found)).isSameAs(found);
        assertThat(found.getAccessToken()).isEqualTo("access-old");
        assertThat(found.getExpiresIn()).isEqualTo(Long.toString(NOW.minusSeconds(60).toEpochMilli()));
        // The SDK then refreshes by itself, as without the library, and fails as it does today.
        assertThatThrownBy(() -> caller.accessToken(applicationToken())).isInstanceOf(SDKException.class);

        assertThat(logged).singleElement().satisfies(r -> {
            assertThat(r.getLevel()).isEqualTo(Level.WARNING);
            assertThat(r.getMessage()).startsWith("TOKENSTORE-0909: the library could not refresh a user's token for"
                    + " the Zoho SDK, so the SDK gets the stored token unchanged").contains(": TOKENSTORE-02");
        });

        accounts.tokenReplies = form -> FakeAccountsServer.Reply.json("{\"access_token\":\"access-back\",\"expires_in\":3600}");
        assertThat(caller.accessToken(applicationToken())).isEqualTo("access-back");
        accounts.tokenReplies = form -> new FakeAccountsServer.Reply(503, "text/plain", "down");
        clock.advance(Duration.ofSeconds(3601));
        sdk.findToken(applicationToken());
        assertThat(logged).as("logged again after a refresh had worked").hasSize(2);
        assertThat(caller.ownTokenCalls).hasValue(1);
    }

    @Test
    void aSaveThroughTheBridgeEvictsTheUsersTokenFromTheService() throws Exception {
        OAuthToken token = applicationToken();
        caller.accessToken(token);
        OAuthToken replaced = applicationToken();
        replaced.setAccessToken("access-saved-by-the-sdk");
        replaced.setExpiresIn(Long.toString(NOW.plusSeconds(3000).toEpochMilli()));

        sdk.saveToken(replaced);

        assertThat(service.currentToken(new io.github.tokenstore.UserSignature(USER)).accessToken())
                .isEqualTo("access-saved-by-the-sdk");
    }
}
