package io.github.tokenstore.cdi.internal;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.file.FileTokenStore;
import io.github.tokenstore.memory.InMemoryTokenStore;
import io.github.tokenstore.oauth.TokenCleanup;
import io.github.tokenstore.spi.RefreshLock;
import io.github.tokenstore.spi.TokenListener;
import io.github.tokenstore.testing.Await;
import io.github.tokenstore.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.naming.NameNotFoundException;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the clean-up's sweeps run, and which store they reach beneath the CDI layer's wrappers. */
class ScheduledCleanupTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    private final InMemoryTokenStore store = new InMemoryTokenStore(clock);
    private final TokenCleanup cleanup = new TokenCleanup(store, Duration.ofHours(1), RefreshLock.inJvm(), null,
            TokenListener.NONE, clock);

    /** Saves a token of Ana and moves the clock two hours on: idle for an idle-after of one hour. */
    private void saveAnIdleToken() {
        store.saveToken(OAuthToken.builder().user("ana").accessToken("a").build());
        clock.advance(Duration.ofHours(2));
    }

    @Test
    void inAServerTheManagedSchedulerSweepsAndIsNotShutDown() throws InterruptedException {
        ScheduledThreadPoolExecutor managed = new ScheduledThreadPoolExecutor(1);
        managed.setRemoveOnCancelPolicy(true); // the cancelled sweep leaves the queue
        try {
            saveAnIdleToken();
            ScheduledCleanup scheduled = ScheduledCleanup.start(cleanup, Duration.ofMillis(50),
                    name -> {
                        if (name.equals(ScheduledCleanup.MANAGED_SCHEDULER)) {
                            return managed;
                        }
                        throw new NameNotFoundException(name);
                    });
            assertThat(scheduled.managed()).isTrue();
            awaitEmpty();

            scheduled.close();
            assertThat(managed.isShutdown()).isFalse();
            assertThat(managed.getQueue()).isEmpty();
        } finally {
            managed.shutdownNow();
            assertThat(managed.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void inJavaSeADaemonThreadOfItsOwnSweepsUntilClosed() throws InterruptedException {
        saveAnIdleToken();
        ScheduledCleanup scheduled = ScheduledCleanup.start(cleanup, Duration.ofMillis(50), name -> {
            throw new NameNotFoundException(name);
        });
        assertThat(scheduled.managed()).isFalse();
        awaitEmpty();
        assertThat(cleanupThreads()).isNotEmpty().allMatch(Thread::isDaemon);

        scheduled.close();
        Await.until("the cleanup thread ended", () -> cleanupThreads().stream().noneMatch(Thread::isAlive));
    }

    @Test
    void findsTheIdleTokensBeneathTheWrappers(@TempDir Path directory) {
        TokenStore wrapped = new CoherentTokenStore(store, () -> null);

        assertThat(ScheduledCleanup.idleTokens(wrapped)).isSameAs(store);
        assertThat(ScheduledCleanup.idleTokens(new CoherentTokenStore(new FileTokenStore(directory.resolve("t.csv")),
                () -> null))).isNull();
    }

    private void awaitEmpty() {
        Await.until("a sweep deleted the idle token", () -> store.getTokens().isEmpty());
    }

    private static List<Thread> cleanupThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("tokenstore-cleanup"))
                .toList();
    }
}
