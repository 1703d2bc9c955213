package io.github.tokenstore.jpa;

import io.github.tokenstore.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class LastUseRecorderTest {

    /** Every write the recorder made: its ids. */
    final List<List<String>> writes = new CopyOnWriteArrayList<>();
    final CountDownLatch firstWriteMayEnd = new CountDownLatch(1);
    final CountDownLatch firstWriteStarted = new CountDownLatch(1);
    final AtomicBoolean failing = new AtomicBoolean();
    final List<String> log = new CopyOnWriteArrayList<>();
    final Logger jul = Logger.getLogger(LastUseRecorder.class.getName());
    final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            log.add(r.getLevel() + " " + r.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    LastUseRecorder recorder;

    LastUseRecorderTest() {
        jul.addHandler(handler);
    }

    @AfterEach
    void removeHandler() {
        jul.removeHandler(handler);
        if (recorder != null) {
            firstWriteMayEnd.countDown();
            failing.set(false);
            recorder.close();
        }
    }

    private LastUseRecorder recorder(boolean blockFirstWrite) {
        recorder = new LastUseRecorder((ids, at) -> {
            if (failing.get()) {
                throw new IllegalStateException("database down");
            }
            if (firstWriteStarted.getCount() > 0) {
                firstWriteStarted.countDown();
                if (blockFirstWrite) {
                    await(firstWriteMayEnd);
                }
            }
            writes.add(List.copyOf(ids));
        }, Clock.systemUTC(), "the test store");
        return recorder;
    }

    @Test
    void readsRecordedWhileAWriteRunsAreWrittenInBatchesOfAtMost500() {
        LastUseRecorder r = recorder(true);
        r.record("id-0");
        await(firstWriteStarted);
        // The thread now writes id-0 and hangs there: the reads go on without waiting for it.
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            for (int i = 1; i < 1200; i++) {
                r.record("id-" + i);
            }
        });
        assertThat(r.pending()).isEqualTo(1199);
        firstWriteMayEnd.countDown();
        r.flush();

        assertThat(writes).hasSizeLessThanOrEqualTo(4); // 1200 reads: [1], then 500, 500, 199
        assertThat(writes).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(LastUseRecorder.BATCH)
                .isSorted());
        List<String> all = writes.stream().flatMap(List::stream).toList();
        assertThat(all).hasSize(1200).doesNotHaveDuplicates();
        assertThat(r.pending()).isZero();
    }

    @Test
    void aUseIsWrittenSoonWithoutAnyFurtherCall() {
        recorder(false).record("only");
        Await.until("the recorder's thread wrote the use", () -> !writes.isEmpty());
        assertThat(writes).containsExactly(List.of("only"));
    }

    @Test
    void aReadOfAnIdAlreadyPendingAddsNothing() {
        LastUseRecorder r = recorder(true);
        r.record("first");
        await(firstWriteStarted);
        for (int i = 0; i < 100; i++) {
            r.record("same");
        }
        assertThat(r.pending()).isOne();
        firstWriteMayEnd.countDown();
        r.flush();
        assertThat(writes).containsExactly(List.of("first"), List.of("same"));
    }

    @Test
    void aFailedWriteKeepsItsUsesForTheNextAndIsLoggedOnce() {
        LastUseRecorder r = recorder(false);
        failing.set(true);
        r.record("a");
        r.record("b");
        r.flush();
        r.flush();
        assertThat(r.pending()).isEqualTo(2);
        assertThat(writes).isEmpty();

        failing.set(false);
        r.flush();

        assertThat(writes.stream().flatMap(List::stream)).containsExactlyInAnyOrder("a", "b");
        assertThat(log).filteredOn(line -> line.startsWith("WARNING")).containsExactly(
                "WARNING TOKENSTORE-0046: recording when tokens were last read failed in the test store: "
                        + "IllegalStateException; the uses are kept for the next write (reads and saves go on)");
        assertThat(log).filteredOn(line -> line.startsWith("INFO")).hasSize(1);
    }

    @Test
    void whileWritesFailAtMostMaxPendingUsesWait() {
        LastUseRecorder r = recorder(false);
        failing.set(true);
        for (int i = 0; i < LastUseRecorder.MAX_PENDING + 1_000; i++) {
            r.record("id-" + i);
        }
        r.flush();
        assertThat(r.pending()).isBetween(LastUseRecorder.MAX_PENDING - LastUseRecorder.BATCH,
                LastUseRecorder.MAX_PENDING + LastUseRecorder.BATCH);
    }

    @Test
    void closeWritesWhatIsPendingAndIgnoresLaterUses() {
        LastUseRecorder r = recorder(true);
        r.record("x");
        await(firstWriteStarted);
        r.record("y");
        r.record("z");
        firstWriteMayEnd.countDown();
        r.close();
        r.record("after");
        r.flush();

        Set<String> written = new HashSet<>(writes.stream().flatMap(List::stream).toList());
        assertThat(written).containsExactlyInAnyOrder("x", "y", "z");
        recorder = null;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
