package io.github.tokenstore.bench;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Durations in nanoseconds, counted in logarithmic buckets of an eighth of an octave (each bucket's upper
 * bound 9 % above its lower), so the refresh storm's JVMs can send theirs to the parent in a line and the
 * parent can merge them. Percentiles are the upper bound of the bucket they fall in. Thread-safe.
 */
final class Histogram {

    private static final int STEPS_PER_OCTAVE = 8;
    private static final int BUCKETS = 63 * STEPS_PER_OCTAVE;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    void record(long nanos) {
        counts.incrementAndGet(bucket(Math.max(1, nanos)));
    }

    void reset() {
        for (int i = 0; i < BUCKETS; i++) {
            counts.set(i, 0);
        }
    }

    long count() {
        long n = 0;
        for (int i = 0; i < BUCKETS; i++) {
            n += counts.get(i);
        }
        return n;
    }

    /** The duration (ns) at or below which {@code fraction} of the recorded ones lie; 0 if none. */
    long percentile(double fraction) {
        long total = count();
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(fraction * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return upperBound(i);
            }
        }
        return upperBound(BUCKETS - 1);
    }

    /** The non-empty buckets as {@code index:count,…} ({@code -} if none). */
    String encode() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < BUCKETS; i++) {
            long c = counts.get(i);
            if (c > 0) {
                b.append(b.length() == 0 ? "" : ",").append(i).append(':').append(c);
            }
        }
        return b.length() == 0 ? "-" : b.toString();
    }

    /** Adds buckets written by {@link #encode}. */
    void add(String encoded) {
        if (encoded.equals("-")) {
            return;
        }
        for (String pair : encoded.split(",")) {
            int colon = pair.indexOf(':');
            counts.addAndGet(Integer.parseInt(pair.substring(0, colon)), Long.parseLong(pair.substring(colon + 1)));
        }
    }

    /** p50, p99, p99.9 and the largest bucket, in microseconds. */
    String summary() {
        return String.format(Locale.ROOT, "p50 %,.1f µs, p99 %,.1f µs, p99.9 %,.1f µs, max %,.1f µs (%,d calls)",
                percentile(0.50) / 1e3, percentile(0.99) / 1e3, percentile(0.999) / 1e3, percentile(1.0) / 1e3,
                count());
    }

    private static int bucket(long nanos) {
        int b = (int) Math.floor(Math.log(nanos) / Math.log(2) * STEPS_PER_OCTAVE);
        return Math.min(Math.max(b, 0), BUCKETS - 1);
    }

    private static long upperBound(int bucket) {
        return (long) Math.ceil(Math.pow(2, (bucket + 1) / (double) STEPS_PER_OCTAVE));
    }
}
