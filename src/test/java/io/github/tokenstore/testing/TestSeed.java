package io.github.tokenstore.testing;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

import java.util.Random;

/**
 * The seed of every random choice a test makes, printed when the test fails, so a failing run can be
 * repeated exactly. Register it in the test class and draw only from {@link #random()}:
 *
 * <pre>{@code
 * @RegisterExtension
 * final TestSeed seed = new TestSeed();
 * ...
 * int pause = seed.random().nextInt(15);
 * }</pre>
 *
 * <p>Each test gets a new seed ({@code System.nanoTime()}), unless the system property
 * {@value #PROPERTY} fixes it: {@code mvn verify -Dtokenstore.test.seed=1234 ...} repeats the failed run.
 * On failure the seed is attached to the test's exception as a suppressed {@link Report} and printed to
 * standard error.
 */
public final class TestSeed implements BeforeEachCallback, TestExecutionExceptionHandler {

    /** The system property that fixes the seed. */
    public static final String PROPERTY = "tokenstore.test.seed";

    private volatile long seed;
    private volatile Random random;

    public TestSeed() {
        reseed();
    }

    /** The seed of the current test. */
    public long seed() {
        return seed;
    }

    /** The current test's random numbers, from {@link #seed()}. Not for use by several threads at once. */
    public Random random() {
        return random;
    }

    /** The seed as the failure report gives it, e.g. to pass to a child JVM's command line. */
    @Override
    public String toString() {
        return PROPERTY + "=" + seed;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        reseed();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        Report report = new Report(context.getDisplayName(), seed);
        failure.addSuppressed(report);
        System.err.println(report.getMessage());
        throw failure;
    }

    private void reseed() {
        String fixed = System.getProperty(PROPERTY);
        seed = fixed == null || fixed.isBlank() ? System.nanoTime() : Long.parseLong(fixed.trim());
        random = new Random(seed);
    }

    /** Names the seed of a failed test; attached to its exception. */
    public static final class Report extends Exception {
        private static final long serialVersionUID = 1L;

        Report(String test, long seed) {
            super(test + " failed with random seed " + seed + "; repeat it with -D" + PROPERTY + "=" + seed,
                    null, false, false);
        }
    }
}
