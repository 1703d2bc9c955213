package io.github.tokenstore.core;

import java.util.function.Supplier;

/**
 * Times a call for a metrics report: the call's result and exception pass through unchanged, and a report
 * that throws is logged and ignored, so measuring never changes what the measured code does.
 */
public final class Timing {

    /** Told how long a call took and what it threw ({@code null} if it returned). */
    @FunctionalInterface
    public interface Report {
        void ended(long nanos, Throwable failure);
    }

    private static final System.Logger LOG = System.getLogger(Timing.class.getName());

    private Timing() {
    }

    /** Runs {@code call} and returns its result, then tells {@code report} its duration and failure. */
    public static <T> T timed(Supplier<T> call, Report report) {
        long start = System.nanoTime();
        Throwable failure = null;
        try {
            return call.get();
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            try {
                report.ended(System.nanoTime() - start, failure);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, CoreMessages.metricsReportThrew(e));
            }
        }
    }
}
