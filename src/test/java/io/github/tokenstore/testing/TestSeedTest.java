package io.github.tokenstore.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.reflect.Proxy;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** A test's random choices repeat from the seed its failure names. */
class TestSeedTest {

    /** A context that knows only its display name: all the extension asks. */
    private static final ExtensionContext CONTEXT = (ExtensionContext) Proxy.newProxyInstance(
            ExtensionContext.class.getClassLoader(), new Class<?>[] {ExtensionContext.class},
            (proxy, method, args) -> method.getName().equals("getDisplayName") ? "aRandomTest()" : null);

    @AfterEach
    void clearProperty() {
        System.clearProperty(TestSeed.PROPERTY);
    }

    private static int[] draws(TestSeed seed) {
        return IntStream.range(0, 10).map(i -> seed.random().nextInt(1000)).toArray();
    }

    @Test
    void aFailureNamesTheSeedAndTheSeedRepeatsTheDraws() {
        TestSeed seed = new TestSeed();
        seed.beforeEach(CONTEXT);
        int[] first = draws(seed);
        AssertionError failure = new AssertionError("the test failed");

        Throwable thrown = catchThrowable(() -> seed.handleTestExecutionException(CONTEXT, failure));

        assertThat(thrown).isSameAs(failure);
        assertThat(failure.getSuppressed()).hasSize(1);
        assertThat(failure.getSuppressed()[0]).isInstanceOf(TestSeed.Report.class).hasMessage("aRandomTest() failed "
                + "with random seed " + seed.seed() + "; repeat it with -Dtokenstore.test.seed=" + seed.seed());

        System.setProperty(TestSeed.PROPERTY, Long.toString(seed.seed()));
        TestSeed again = new TestSeed();
        again.beforeEach(CONTEXT);
        assertThat(again.seed()).isEqualTo(seed.seed());
        assertThat(draws(again)).containsExactly(first);
    }
}
