package io.github.tokenstore.cdi;

import io.github.tokenstore.testing.MutableClock;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Instant;

/**
 * The application's own {@code Clock} bean, which replaces the library's {@code Clock.systemUTC()}: a
 * {@link MutableClock} that stands still at {@link #T0} until the test moves it (select
 * {@code MutableClock} from the container). Add this class to the deployment.
 */
class TestClock {

    /** Where the clock starts: days before the wall clock, so a time read from the wall clock shows. */
    static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    @Produces
    @Singleton
    MutableClock clock() {
        return new MutableClock(T0);
    }
}
