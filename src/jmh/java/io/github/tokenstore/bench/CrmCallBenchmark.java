package io.github.tokenstore.bench;

import io.github.tokenstore.CrmCall;
import io.github.tokenstore.CurrentToken;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStores;
import io.github.tokenstore.TokenUser;
import io.github.tokenstore.cdi.TokenStoreExtension;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@code @CrmCall} costs, in Weld SE: a {@code @CrmCall} method with a valid token ({@code crmCall})
 * against the same method without the annotation ({@code plainCall}) and against a method that looks the
 * token up in the store on every call ({@code storeLookupCall}, JPA on H2 in memory: what a library
 * without a cache pays). All three are business methods of {@code @ApplicationScoped} beans, called
 * through their client proxies. The accounts server is never called: the token is valid for hours.
 * {@code namedClientCall} is {@code crmCall} for a named OAuth 2.0 client ({@code @CrmCall(client = "crm")},
 * configured by {@code tokenstore.clients.crm.*} beside the default Zoho client): the same hot path through
 * that client's own token service, giving a {@code Bearer} header.
 *
 * <p>The store is a counting decorator of the JPA store; at the end of each trial the number of store
 * reads made during it is printed: 0 for {@code crmCall} (the cache was filled in the setup), one per call
 * for {@code storeLookupCall}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CrmCallBenchmark {

    static final String USER = "bench@zylker.example";
    static final OAuthToken BY_USER = OAuthToken.builder().user(USER).build();
    static final String CLIENT = "crm";
    static final AtomicLong READS = new AtomicLong();

    private WeldContainer container;
    private Crm crm;
    private NamedCrm namedCrm;
    private Plain plain;
    private Lookup lookup;

    /** The application's store: the JPA store on H2, counting reads. */
    @ApplicationScoped
    public static class CountingStore implements TokenStore {
        private final TokenStore jpa = TokenStores.jpa("jdbc:h2:mem:crmcall-bench;DB_CLOSE_DELAY=-1", "sa", "");

        @Override
        public Optional<OAuthToken> findToken(OAuthToken token) {
            READS.incrementAndGet();
            return jpa.findToken(token);
        }

        @Override
        public OAuthToken saveToken(OAuthToken token) {
            return jpa.saveToken(token);
        }

        @Override
        public void deleteToken(String id) {
            jpa.deleteToken(id);
        }

        @Override
        public List<OAuthToken> getTokens() {
            return jpa.getTokens();
        }

        @Override
        public void deleteTokens() {
            jpa.deleteTokens();
        }

        @Override
        public Optional<OAuthToken> findTokenById(String id) {
            READS.incrementAndGet();
            return jpa.findTokenById(id);
        }

        @PreDestroy
        @Override
        public void close() {
            jpa.close();
        }
    }

    /** The method under test. */
    @ApplicationScoped
    public static class Crm {
        @Inject
        CurrentToken token;

        @CrmCall
        public String call(@TokenUser String user) {
            return token.authorizationHeader();
        }
    }

    /** The method under test for the named OAuth 2.0 client {@code crm}. */
    @ApplicationScoped
    public static class NamedCrm {
        @Inject
        CurrentToken token;

        @CrmCall(client = CLIENT)
        public String call(@TokenUser String user) {
            return token.authorizationHeader();
        }
    }

    /** The same method without {@code @CrmCall}: the header is built from a constant. */
    @ApplicationScoped
    public static class Plain {
        private final String accessToken = "bench-access";

        public String call(String user) {
            return "Zoho-oauthtoken " + accessToken;
        }
    }

    /** One store lookup per call. */
    @ApplicationScoped
    public static class Lookup {
        @Inject
        TokenStore store;

        public String call(String user) {
            return "Zoho-oauthtoken " + store.findToken(BY_USER).orElseThrow().accessToken();
        }
    }

    @Setup
    public void start() {
        // Read by the extension through MicroProfile Config (SmallRye's system-property source).
        System.setProperty("tokenstore.oauth.client-id", "1000.BENCH");
        System.setProperty("tokenstore.oauth.client-secret", "bench-secret");
        // Port 9 (discard) on loopback: nothing listens, and nothing is asked while the token is valid.
        System.setProperty("tokenstore.oauth.accounts-url", "http://127.0.0.1:9");
        // A named generic OAuth 2.0 client beside it; its token endpoint is never asked either.
        System.setProperty("tokenstore.clients." + CLIENT + ".provider", "oauth2");
        System.setProperty("tokenstore.clients." + CLIENT + ".client-id", "bench-crm-client");
        System.setProperty("tokenstore.clients." + CLIENT + ".client-secret", "bench-crm-secret");
        System.setProperty("tokenstore.clients." + CLIENT + ".token-url", "https://127.0.0.1:9/token");
        container = new Weld().disableDiscovery().addExtension(new TokenStoreExtension())
                .beanClasses(CountingStore.class, Crm.class, NamedCrm.class, Plain.class, Lookup.class).initialize();
        container.select(TokenStore.class).get().saveToken(OAuthToken.builder().user(USER).clientId("1000.BENCH")
                .refreshToken("bench-refresh").accessToken("bench-access")
                .expiresAt(Instant.now().plus(6, ChronoUnit.HOURS)).build());
        container.select(TokenStore.class).get().saveToken(OAuthToken.builder().user(USER).client(CLIENT)
                .clientId("bench-crm-client").refreshToken("bench-crm-refresh").accessToken("bench-crm-access")
                .expiresAt(Instant.now().plus(6, ChronoUnit.HOURS)).build());
        crm = container.select(Crm.class).get();
        namedCrm = container.select(NamedCrm.class).get();
        plain = container.select(Plain.class).get();
        lookup = container.select(Lookup.class).get();
        if (!crm.call(USER).equals(plain.call(USER)) || !lookup.call(USER).equals(plain.call(USER))) {
            throw new IllegalStateException("the three methods must answer the same");
        }
        if (!namedCrm.call(USER).equals("Bearer bench-crm-access")) {
            throw new IllegalStateException("the named client's call must give its own Bearer header");
        }
        READS.set(0);
    }

    @TearDown
    public void stop(BenchmarkParams params) {
        System.out.println(params.getBenchmark() + ": store reads during the trial: " + READS.get());
        container.close();
    }

    @Benchmark
    public String crmCall() {
        return crm.call(USER);
    }

    @Benchmark
    public String namedClientCall() {
        return namedCrm.call(USER);
    }

    @Benchmark
    public String plainCall() {
        return plain.call(USER);
    }

    @Benchmark
    public String storeLookupCall() {
        return lookup.call(USER);
    }
}
