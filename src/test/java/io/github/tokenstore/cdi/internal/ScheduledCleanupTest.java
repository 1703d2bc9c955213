package io.github.tokenstore.cdi.internal;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.file.FileTokenStore;
import io.github.tokenstore.memory.InMemoryTokenStore;
import io.github.tokenstore.oauth.TokenCleanup;
import io.github.tokenstore.spi.RefreshLock;
import io.github.tokenstore.spi.TokenListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.naming.NameNotFoundException;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the clean-up's sweeps run, and which store they reach beneath the CDI layer's wrappers. */
class ScheduledCleanupTest {

    private final InMemoryTokenStore store = new InMemoryTokenStore();
    /** Two hours ahead: every token is idle for an idle-after of one hour. */
    private final TokenCleanup cleanup = new TokenCleanup(store, Duration.ofHours(1), RefreshLock.inJvm(), null,
            TokenListener.NONE, Clock.offset(Clock.systemUTC(), Duration.ofHours(2)));

    @Test
    void inAServerTheManagedSchedulerSweepsAndIsNotShutDown() throws InterruptedException {
        ScheduledThreadPoolExecutor managed = new ScheduledThreadPoolExecutor(1);
        managed.setRemoveOnCancelPolicy(true); // the cancelled sweep leaves the queue
        try {
            store.saveToken(OAuthToken.builder().user("ana").accessToken("a").build());
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
        store.saveToken(OAuthToken.builder().user("ana").accessToken("a").build());
        ScheduledCleanup scheduled = ScheduledCleanup.start(cleanup, Duration.ofMillis(50), name -> {
            throw new NameNotFoundException(name);
        });
        assertThat(scheduled.managed()).isFalse();
        awaitEmpty();
        assertThat(cleanupThreads()).isNotEmpty().allMatch(Thread::isDaemon);

        scheduled.close();
        Instant deadline = Instant.now().plusSeconds(10);
        while (cleanupThreads().stream().anyMatch(Thread::isAlive) && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertThat(cleanupThreads()).noneMatch(Thread::isAlive);
    }

    @Test
    void findsTheIdleTokensBeneathTheWrappers(@TempDir Path directory) {
        TokenStore wrapped = new CoherentTokenStore(store, () -> null);

        assertThat(ScheduledCleanup.idleTokens(wrapped)).isSameAs(store);
        assertThat(ScheduledCleanup.idleTokens(new CoherentTokenStore(new FileTokenStore(directory.resolve("t.csv")),
                () -> null))).isNull();
    }

    private void awaitEmpty() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!store.getTokens().isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertThat(store.getTokens()).isEmpty();
    }

    private static List<Thread> cleanupThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("tokenstore-cleanup"))
                .toList();
    }
}
