package io.github.tokenstore.jpa;

import io.github.tokenstore.core.DaemonThreads;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The reads a JPA store records as uses of their tokens, written off the read path: a read only notes
 * the token's id; a thread of the recorder's writes the noted ids, up to {@value #BATCH} per statement.
 * A read therefore never writes, nor waits for a row lock, and under load one statement records the
 * uses of hundreds of reads (the ids noted while the previous statement ran).
 *
 * <p>A use reaches the database a moment after its read: at once on an idle store, after the write in
 * progress under load. {@link #flush()} writes what is noted before the store lists or deletes idle
 * tokens, and {@link #close()} before the store closes. Only a JVM that dies loses its noted uses —
 * those of its last moment — which can only make a token look idle earlier by its last read, while the
 * clean-up's idle time is at least an hour. A failed write is logged ({@code TOKENSTORE-0046}) and its
 * ids are noted again for the next write; at most {@value #MAX_PENDING} ids wait. Thread-safe.
 */
final class LastUseRecorder implements AutoCloseable {

    /** How the noted uses are written: ids (sorted, so concurrent writers lock rows in one order) and a time. */
    @FunctionalInterface
    interface Writer {
        void write(List<String> ids, long usedAt);
    }

    /** Ids per write statement. */
    static final int BATCH = 500;
    /** Ids noted at most while writes fail; uses beyond are not recorded. */
    static final int MAX_PENDING = 100_000;
    private static final long CLOSE_WAIT_SECONDS = 10;
    private static final System.Logger LOG = System.getLogger(LastUseRecorder.class.getName());

    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ReentrantLock writing = new ReentrantLock();
    private final Writer writer;
    private final Clock clock;
    private final String store;
    private final ExecutorService thread;
    private volatile boolean closed;
    /** Whether the last write failed: a failure is logged once, not once per attempt. */
    private volatile boolean failing;

    /** @param store names the store in the log; never holds a password */
    LastUseRecorder(Writer writer, Clock clock, String store) {
        this.writer = writer;
        this.clock = clock;
        this.store = store;
        this.thread = DaemonThreads.single("tokenstore-last-use");
    }

    /** Notes a use of the token with {@code id}; returns at once. */
    void record(String id) {
        if (closed || pending.size() >= MAX_PENDING) {
            return;
        }
        pending.add(id);
        if (scheduled.compareAndSet(false, true)) {
            try {
                thread.execute(this::writeInBackground);
            } catch (RejectedExecutionException closing) {
                scheduled.set(false);
            }
        }
    }

    /** The ids noted and not yet written, for tests and the log. */
    int pending() {
        return pending.size();
    }

    private void writeInBackground() {
        // Cleared first: a use noted from now on schedules another run, which finds it if this one does not.
        scheduled.set(false);
        flush();
    }

    /**
     * Writes every noted use now, on the calling thread; returns when they are written or a write failed
     * (its ids are then noted again, and the failure is logged).
     */
    void flush() {
        writing.lock();
        try {
            while (!pending.isEmpty()) {
                List<String> batch = take();
                try {
                    writer.write(batch, clock.millis());
                } catch (RuntimeException e) {
                    if (pending.size() < MAX_PENDING) {
                        pending.addAll(batch);
                    }
                    if (!failing) {
                        failing = true;
                        LOG.log(System.Logger.Level.WARNING, JpaMessages.lastUseNotRecorded(store, e).getMessage());
                    }
                    return;
                }
                if (failing) {
                    failing = false;
                    LOG.log(System.Logger.Level.INFO, JpaMessages.lastUseRecordedAgain(store));
                }
            }
        } finally {
            writing.unlock();
        }
    }

    private List<String> take() {
        List<String> batch = new ArrayList<>(Math.min(BATCH, pending.size()));
        for (Iterator<String> it = pending.iterator(); it.hasNext() && batch.size() < BATCH; ) {
            batch.add(it.next());
            it.remove();
        }
        Collections.sort(batch);
        return batch;
    }

    /** Stops the thread after its current write, then writes what is still noted. Uses noted later are ignored. */
    @Override
    public void close() {
        closed = true;
        thread.shutdown();
        try {
            thread.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
