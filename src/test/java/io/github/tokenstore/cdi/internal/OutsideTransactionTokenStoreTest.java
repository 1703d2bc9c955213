package io.github.tokenstore.cdi.internal;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.testing.ForwardingTestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Inside a JTA transaction the built-in store works on the managed executor; outside, on the caller's thread. */
class OutsideTransactionTokenStoreTest {

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "managed"));
    private final List<String> threads = new CopyOnWriteArrayList<>();
    private boolean inTransaction;

    /** Remembers on which thread each save ran. */
    private final TokenStore recording = new ForwardingTestStore() {
        @Override
        public OAuthToken saveToken(OAuthToken token) {
            threads.add(Thread.currentThread().getName());
            return super.saveToken(token);
        }
    };

    private final TokenStore store =
            new OutsideTransactionTokenStore(recording, () -> inTransaction, executor, Duration.ofSeconds(10));

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    @Test
    void worksOnTheExecutorWhileTheCallerHasATransaction() {
        inTransaction = true;
        OAuthToken saved = store.saveToken(OAuthToken.builder().user("ana").accessToken("a").build());

        assertThat(threads).containsExactly("managed");
        assertThat(store.findTokenById(saved.id())).contains(saved);
    }

    @Test
    void worksOnTheCallersThreadWithoutATransaction() {
        store.saveToken(OAuthToken.builder().user("ana").accessToken("a").build());

        assertThat(threads).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void givesUpAndCancelsWhenTheExecutorDoesNotRunTheTask_0119() throws InterruptedException {
        // An executor that takes tasks and never runs them, as Open Liberty's does while the app starts.
        ExecutorService stalled = Executors.newSingleThreadExecutor();
        CountDownLatch release = new CountDownLatch(1);
        stalled.submit(() -> {
            release.await();
            return null;
        });
        TokenStore waiting = new OutsideTransactionTokenStore(recording, () -> true, stalled, Duration.ofSeconds(1));

        assertThatThrownBy(() -> waiting.saveToken(OAuthToken.builder().user("ana").accessToken("a").build()))
                .isInstanceOfSatisfying(TokenStoreException.class, e -> {
                    assertThat(e.messageId()).isEqualTo("TOKENSTORE-0119");
                    assertThat(e.getMessage()).isEqualTo("TOKENSTORE-0119: saveToken: called inside a JTA "
                            + "transaction, the built-in store works on the server's managed executor, which did not "
                            + "run it within 1 s (Open Liberty runs no task of an application that is still "
                            + "starting); the operation was cancelled. Call the store outside a transaction during "
                            + "startup");
                });
        release.countDown();
        stalled.shutdown();
        assertThat(stalled.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(threads).as("the cancelled save never ran").isEmpty();
    }

    @Test
    void passesTheStoresExceptionsOnUnchanged() {
        inTransaction = true;

        assertThatThrownBy(() -> store.saveToken(OAuthToken.builder().user("ana").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOKENSTORE-0008: saveToken: the token has no access, refresh or grant token; "
                        + "nothing to save");
    }
}
