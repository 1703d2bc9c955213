package io.github.tokenstore.core;

import io.github.tokenstore.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The stored-token count behind tokenstore.token.count: at most one count per max age, never inline. */
class MetricsTokenCountTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    final List<Runnable> queued = new ArrayList<>();
    final AtomicInteger counts = new AtomicInteger();
    final AtomicLong stored = new AtomicLong(7);

    TokenCount count(Duration maxAge) {
        return new TokenCount(() -> {
            counts.incrementAndGet();
            if (stored.get() < 0) {
                throw new IllegalStateException("database down");
            }
            return stored.get();
        }, maxAge, clock, queued::add);
    }

    void runQueued() {
        List<Runnable> tasks = new ArrayList<>(queued);
        queued.clear();
        tasks.forEach(Runnable::run);
    }

    @Test
    void countsInTheBackgroundAtMostOncePerMaxAge() {
        TokenCount count = count(Duration.ofSeconds(60));

        assertThat(count.value()).isEmpty();          // the first count only starts
        assertThat(count.value()).isEmpty();          // and is not started twice
        assertThat(queued).hasSize(1);
        runQueued();
        assertThat(count.value()).hasValue(7);
        stored.set(9);
        clock.advance(Duration.ofSeconds(59));
        assertThat(count.value()).hasValue(7);
        assertThat(queued).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(count.value()).hasValue(7);        // the old value while the new count runs
        runQueued();
        assertThat(count.value()).hasValue(9);
        assertThat(counts).hasValue(2);
    }

    @Test
    void aFailedCountLeavesNoValueAndIsRetriedOnlyAfterTheMaxAge() {
        TokenCount count = count(Duration.ofSeconds(60));
        count.value();
        runQueued();
        assertThat(count.value()).hasValue(7);

        stored.set(-1);
        clock.advance(Duration.ofSeconds(60));
        count.value();
        runQueued();
        assertThat(count.value()).isEmpty();
        clock.advance(Duration.ofSeconds(30));
        count.value();
        assertThat(queued).isEmpty();
        assertThat(counts).hasValue(2);
    }
}
