package io.github.tokenstore.core;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.memory.InMemoryTokenStore;
import io.github.tokenstore.testing.Await;
import io.github.tokenstore.testing.ForwardingTestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The bounded store probe behind the readiness check. */
class HealthStoreProbeTest {

    final ExecutorService thread = DaemonThreads.single("probe-test");
    final AtomicReference<TokenStore> store = new AtomicReference<>(new InMemoryTokenStore());

    @AfterEach
    void stop() {
        thread.shutdownNow();
    }

    @Test
    void aStoreThatAnswersIsUp() {
        StoreProbe.Result r = new StoreProbe(store::get, Duration.ofSeconds(5), thread).probe();

        assertThat(r.up()).isTrue();
        assertThat(r.failure()).isNull();
    }

    @Test
    void aHangingStoreIsDownAfterTheTimeoutIsNotAskedAgainMeanwhileAndIsUpOnceItAnswers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        store.set(hanging(entered, release));
        StoreProbe probe = new StoreProbe(store::get, Duration.ofMillis(300), thread);

        long start = System.nanoTime();
        StoreProbe.Result first = probe.probe();
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(first.up()).isFalse();
        assertThat(first.failure().getMessage()).isEqualTo(CoreMessages.storeProbeTimedOut(
                Duration.ofMillis(300)).getMessage()).isEqualTo("TOKENSTORE-0600: the token store did not answer "
                + "the health probe (findTokenById of an id that does not exist) within 300 ms; the database or file "
                + "system is slow or unreachable");
        assertThat(took).isBetween(290L, 3_000L);
        assertThat(entered.getCount()).isZero();

        StoreProbe.Result second = probe.probe();
        assertThat(second.up()).isFalse();
        assertThat(second.failure().messageId()).isEqualTo("TOKENSTORE-0601");
        assertThat(second.failure().getMessage()).matches("TOKENSTORE-0601: an earlier health probe of the token "
                + "store has been running for \\d+ ms and has not ended; no second probe is started until it does");

        store.set(new InMemoryTokenStore());
        release.countDown();
        // The released probe ends; then a new one runs and answers.
        Await.until("a probe after the hanging one ended is up", () -> probe.probe().up());
    }

    @Test
    void aStoreThatThrowsSomethingElseIsDownAsTokenstore0602() {
        StoreProbe.Result r = new StoreProbe(() -> {
            throw new IllegalStateException("no store bean");
        }, Duration.ofSeconds(5), thread).probe();

        assertThat(r.up()).isFalse();
        assertThat(r.failure().getMessage()).isEqualTo("TOKENSTORE-0602: the token store failed the health probe: "
                + "IllegalStateException");
    }

    /** A store whose lookup by id waits for {@code release} (at most 10 s). */
    static TokenStore hanging(CountDownLatch entered, CountDownLatch release) {
        return new ForwardingTestStore() {
            @Override
            public Optional<OAuthToken> findTokenById(String id) {
                entered.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.findTokenById(id);
            }
        };
    }
}
