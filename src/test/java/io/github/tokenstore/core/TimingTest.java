package io.github.tokenstore.core;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStores;
import io.github.tokenstore.spi.TokenMetrics;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimingTest {

    final List<Throwable> failures = new ArrayList<>();
    final List<Long> durations = new ArrayList<>();

    Timing.Report recording() {
        return (nanos, failure) -> {
            durations.add(nanos);
            failures.add(failure);
        };
    }

    @Test
    void theResultPassesAndTheDurationIsReported() {
        assertThat(Timing.timed(() -> "result", recording())).isEqualTo("result");
        assertThat(durations).singleElement().satisfies(n -> assertThat(n).isNotNegative());
        assertThat(failures).containsExactly((Throwable) null);
    }

    @Test
    void theExceptionPassesUnchangedAndIsReported() {
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> Timing.timed(() -> {
            throw boom;
        }, recording())).isSameAs(boom);
        assertThat(failures).containsExactly(boom);
    }

    @Test
    void aReportThatThrowsChangesNothing() {
        Timing.Report throwing = (nanos, failure) -> {
            throw new IllegalArgumentException("metrics broke");
        };
        assertThat(Timing.timed(() -> 42, throwing)).isEqualTo(42);
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> Timing.timed(() -> {
            throw boom;
        }, throwing)).isSameAs(boom);
    }

    @Test
    void aMeasuredStoreWorksOnWhenItsMetricsThrow() {
        TokenMetrics broken = new TokenMetrics() {
            @Override
            public void storeOperation(String operation, long nanos, Throwable failure) {
                throw new IllegalStateException("metrics broke");
            }
        };
        TokenStore store = new MeasuredTokenStore(TokenStores.inMemory(), broken);
        OAuthToken saved = store.saveToken(OAuthToken.builder().user("u").accessToken("a").build());
        assertThat(store.findTokenById(saved.id())).contains(saved);
        assertThatThrownBy(() -> store.findTokenById("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("TOKENSTORE-0009");
    }
}
