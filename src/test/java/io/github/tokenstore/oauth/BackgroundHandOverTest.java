package io.github.tokenstore.oauth;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.oauth.FakeAccountsServer.Reply;
import io.github.tokenstore.provider.OAuthProviders;
import io.github.tokenstore.spi.TokenMetrics;
import io.github.tokenstore.testing.MutableClock;
import io.github.tokenstore.zoho.ZohoProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a caller hands a background refresh over (issue 13, the refresh storm): a queue offer, with one drain
 * passing the queue to the executor, and, while the refresh runs, the user's calls served by the hot path.
 * The executor is the test's: it runs nothing until the test says so, so every step is in the test's order.
 */
class BackgroundHandOverTest {

    static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    /** Queues what it is given; the test runs it. Rejects everything while {@link #rejecting}. */
    static final class ManualExecutor implements Executor {
        final Queue<Runnable> queued = new ArrayDeque<>();
        int submissions;
        boolean rejecting;

        @Override
        public void execute(Runnable task) {
            submissions++;
            if (rejecting) {
                throw new RejectedExecutionException("shutting down");
            }
            queued.add(task);
        }

        /** Runs the queued tasks, and those they queue, until none is left. */
        void runAll() {
            for (Runnable r; (r = queued.poll()) != null; ) {
                r.run();
            }
        }
    }

    /** Counts the lookups the hot path served (hits) and those that took the slow path (misses). */
    static final class Lookups implements TokenMetrics {
        int hits;
        int misses;

        @Override
        public void tokenLookup(boolean hit) {
            if (hit) {
                hits++;
            } else {
                misses++;
            }
        }
    }

    FakeAccountsServer server;
    CountingStore store;
    MutableClock clock;
    ManualExecutor executor;
    Lookups lookups;
    TokenService service;

    @BeforeEach
    void start() throws IOException {
        server = new FakeAccountsServer();
        ZohoAccountsClient client = ZohoAccountsClient.builder().accountsUrl(server.url()).clientId("1000.CLIENT")
                .clientSecret("secret").build();
        store = new CountingStore();
        clock = new MutableClock(T0);
        executor = new ManualExecutor();
        lookups = new Lookups();
        service = TokenService.builder(store, OAuthProviders.single(ZohoProvider.of(client))).clock(clock)
                .metrics(lookups).executor(executor).build();
    }

    @AfterEach
    void stop() {
        service.close();
        server.close();
    }

    /** Stores a token of {@code user} expiring in 4 minutes: inside the refresh-ahead window, still usable. */
    OAuthToken expiringSoon(String user) {
        return store.saveToken(OAuthToken.builder().userSignature(new UserSignature(user)).clientId("1000.CLIENT")
                .refreshToken("refresh-" + user).accessToken("access-" + user)
                .expiresAt(clock.instant().plus(Duration.ofMinutes(4))).build());
    }

    @Test
    void callersHandOverThroughOneDrainAndSubmitNothingWhileItIsDue() {
        List<UserSignature> users = new ArrayList<>();
        for (String name : List.of("ana", "bob", "cid")) {
            expiringSoon(name);
            users.add(new UserSignature(name));
        }

        users.forEach(service::currentToken);

        assertThat(executor.submissions).as("the drain, submitted by the first hand-over only").isEqualTo(1);
        assertThat(server.tokenCalls).hasValue(0);

        executor.queued.poll().run();
        assertThat(executor.submissions).as("the drain passed each refresh on").isEqualTo(4);
        executor.runAll();

        assertThat(server.tokenCalls).hasValue(3);
        for (UserSignature u : users) {
            assertThat(service.currentToken(u).accessToken()).startsWith("access-refreshed-");
        }
        // The drain went idle: the next hand-over submits it again.
        expiringSoon("dan");
        service.currentToken(new UserSignature("dan"));
        assertThat(executor.submissions).isEqualTo(5);
        executor.runAll();
        assertThat(server.tokenCalls).hasValue(4);
    }

    @Test
    void whileItsRefreshRunsAUsersCallsAreServedByTheHotPathThenAFailureEndsThat() {
        OAuthToken old = expiringSoon("ana");
        UserSignature ana = new UserSignature("ana");
        var answering = server.tokenReplies;
        server.tokenReplies = form -> new Reply(500, "text/plain", "down");

        assertThat(service.currentToken(ana)).isEqualTo(old);
        int finds = store.finds.get();
        for (int i = 0; i < 10; i++) {
            assertThat(service.currentToken(ana)).isEqualTo(old);
        }

        assertThat(lookups.misses).as("only the call that handed the refresh over").isEqualTo(1);
        assertThat(lookups.hits).isEqualTo(10);
        assertThat(store.finds.get()).isEqualTo(finds);

        executor.runAll();
        assertThat(server.tokenCalls).as("the refresh failed").hasValue(1);
        assertThat(service.currentToken(ana)).as("still usable").isEqualTo(old);
        assertThat(lookups.misses).as("the usual rule again: the slow path, which sees the back-off").isEqualTo(2);
        assertThat(executor.queued).as("no new refresh during the back-off").isEmpty();

        clock.advance(RefreshPolicy.defaults().throttleBackOff().plusSeconds(1));
        server.tokenReplies = answering;
        service.currentToken(ana);
        executor.runAll();
        assertThat(server.tokenCalls).as("after the back-off, the next background refresh").hasValue(2);
        assertThat(service.currentToken(ana).accessToken()).startsWith("access-refreshed-");
    }

    @Test
    void aRejectedDrainIsTriedAgainAndAnExpiringTokensCallerRefreshesItself() {
        OAuthToken old = expiringSoon("ana");
        UserSignature ana = new UserSignature("ana");
        executor.rejecting = true;

        assertThat(service.currentToken(ana)).isEqualTo(old);
        assertThat(executor.submissions).isEqualTo(1);
        expiringSoon("bob");
        service.currentToken(new UserSignature("bob"));
        assertThat(executor.submissions).as("the drain went idle on the rejection: tried again").isEqualTo(2);

        clock.advance(Duration.ofMinutes(4).minusSeconds(10));
        OAuthToken refreshed = service.currentToken(ana);

        assertThat(refreshed.accessToken()).as("run by the caller that had to wait").startsWith("access-refreshed-");
        assertThat(server.tokenCalls).hasValue(1);
    }
}
