package io.github.tokenstore.bench;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStores;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.core.ForwardingTokenStore;
import io.github.tokenstore.oauth.TokenService;
import io.github.tokenstore.oidc.OAuth2Provider;
import io.github.tokenstore.provider.OAuthProviders;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The token service's hot path against one store lookup per call: what a CRM call pays for its token.
 * {@code currentToken} serves a valid token from memory; {@code storeLookup} is the per-call lookup that
 * libraries without a cache make; {@code constantToken} is the floor (a field read). The accounts server
 * is never called: the token is valid for hours. The service is that of a named client ({@code crm}, a
 * generic OAuth 2.0 provider, built with {@link TokenService#builder}).
 *
 * <p>The cache is filled in the setup; at the end of each trial the number of store reads the service made
 * during it is printed: 0 for {@code currentToken}, whatever the number of calls.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TokenServiceBenchmark {

    /** memory or h2 (the JPA store on H2 in memory). */
    @Param({"memory", "h2"})
    public String backend;

    private static final UserSignature USER = new UserSignature("bench@example.com");
    private static final String CLIENT = "crm";
    private static final OAuthToken BY_USER = OAuthToken.builder().userSignature(USER).client(CLIENT).build();

    private TokenStore store;
    private final AtomicLong reads = new AtomicLong();
    private TokenService service;
    private OAuthToken constant;

    @Setup
    public void open() {
        store = backend.equals("h2")
                ? TokenStores.jpa("jdbc:h2:mem:token-service-bench;DB_CLOSE_DELAY=-1", "sa", "")
                : TokenStores.inMemory();
        constant = store.saveToken(OAuthToken.builder().userSignature(USER).client(CLIENT).clientId("bench-crm-client")
                .refreshToken("bench-refresh").accessToken("bench-access")
                .expiresAt(Instant.now().plus(6, ChronoUnit.HOURS)).build());
        // Port 9 (discard) on loopback: nothing listens, and nothing is asked while the token is valid.
        OAuth2Provider provider = OAuth2Provider.builder().tokenEndpoint(URI.create("http://127.0.0.1:9/token"))
                .clientId("bench-crm-client").clientSecret("bench-crm-secret").pkce(false).build();
        service = TokenService.builder(new CountingStore(store, reads), OAuthProviders.single(provider))
                .client(CLIENT).build();
        if (!service.currentToken(USER).accessToken().equals("bench-access")) {
            throw new IllegalStateException("the service must serve the stored token");
        }
        reads.set(0);
    }

    @TearDown
    public void close(BenchmarkParams params) {
        System.out.println(params.getBenchmark() + " " + backend + ": store reads through the token service: "
                + reads.getAndSet(0));
        service.close();
        store.close();
    }

    @Benchmark
    public OAuthToken currentToken() {
        return service.currentToken(USER);
    }

    @Benchmark
    public Optional<OAuthToken> storeLookup() {
        return store.findToken(BY_USER);
    }

    @Benchmark
    public OAuthToken constantToken() {
        return constant;
    }

    /** Counts the service's reads, to show the hot path makes none. */
    private static final class CountingStore extends ForwardingTokenStore {
        private final AtomicLong reads;

        CountingStore(TokenStore store, AtomicLong reads) {
            super(store);
            this.reads = reads;
        }

        @Override
        protected <T> T around(String operation, Supplier<T> call) {
            if (operation.startsWith("find")) {
                reads.incrementAndGet();
            }
            return call.get();
        }
    }
}
