package io.github.tokenstore.oauth;

import io.github.tokenstore.AuthorizationRequiredException;
import io.github.tokenstore.OAuthProviderException;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.core.ForwardingTokenStore;
import io.github.tokenstore.core.TokenHashes;
import io.github.tokenstore.jpa.DatabaseRefreshLock;
import io.github.tokenstore.jpa.JpaTokenStore;
import io.github.tokenstore.jpa.PooledDataSources;
import io.github.tokenstore.jpa.SchemaAction;
import io.github.tokenstore.oidc.OAuth2Provider;
import io.github.tokenstore.provider.AuthorizationRequest;
import io.github.tokenstore.provider.OAuthProvider;
import io.github.tokenstore.provider.OAuthProviders;
import io.github.tokenstore.provider.ProviderError;
import io.github.tokenstore.provider.VerifiedIdentity;
import com.zaxxer.hikari.HikariDataSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One JVM of {@link RotatingThreeJvmRefreshIT}: a token service of the client {@code crm} on the shared
 * database's JPA store, with the database refresh lock, refreshing at a generic OAuth 2.0 provider (the
 * test's {@code FakeOAuthServer}). Prints {@code READY}; then for each line {@code GO <user>} on stdin, releases
 * {@value #THREADS} threads at once behind a barrier, each asking for the user's token once, and prints
 * {@code RESULT <user> overlapped=<n> tokens=<sha-256 of each distinct access token> failures=<kind:count>}
 * (never a token itself); {@code overlapped} counts the threads that had entered before the first of them
 * got an answer.
 *
 * <p>With a kill point ({@code before-request}, {@code after-response}, {@code after-save}) it prints
 * {@code AT <point>} when its refresh gets there, still holding the refresh lock, and stops until the test
 * kills it ({@code kill -9}).
 *
 * <p>Arguments: JDBC URL, database user, token endpoint, kill point or {@code none}; the database password in
 * the environment variable {@value RefreshingJvm#PASSWORD_VARIABLE}.
 */
public final class RotatingRefreshJvm {

    static final int THREADS = 50;
    static final String CLIENT = "crm";

    private RotatingRefreshJvm() {
    }

    public static void main(String[] args) throws Exception {
        String point = args[3];
        HikariDataSource pool = PooledDataSources.create(args[0], args[1],
                System.getenv(RefreshingJvm.PASSWORD_VARIABLE), 4);
        OAuthProvider provider = new StoppingProvider(OAuth2Provider.builder().tokenEndpoint(URI.create(args[2]))
                .clientId("fake-client").clientSecret("fake-secret-do-not-show")
                .redirectUri("https://app.example/tokenstore/callback/crm").pkce(false).build(), point);
        try (TokenStore jpa = JpaTokenStore.open(pool, SchemaAction.VALIDATE, null, pool)) {
            TokenStore store = "after-save".equals(point) ? new StoppingStore(jpa) : jpa;
            DatabaseRefreshLock lock = new DatabaseRefreshLock(pool, Duration.ofSeconds(60));
            try (TokenService service = TokenService.builder(store, OAuthProviders.single(provider)).client(CLIENT)
                    .refreshLock(lock).build()) {
                say("READY");
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("GO ")) {
                        say(askAtOnce(service, new UserSignature(line.substring(3))));
                    }
                }
            }
        }
    }

    /** {@value #THREADS} threads ask for the user's token at once. */
    private static String askAtOnce(TokenService service, UserSignature user) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        AtomicInteger entered = new AtomicInteger();
        AtomicLong overlapped = new AtomicLong(-1);
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        java.util.Set<String> tokens = ConcurrentHashMap.newKeySet();
        CountDownLatch done = new CountDownLatch(THREADS);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    entered.incrementAndGet();
                    try {
                        tokens.add(TokenHashes.of(service.currentToken(user).accessToken()));
                    } catch (AuthorizationRequiredException e) {
                        failures.merge("authorization-required-" + e.reason(), 1, Integer::sum);
                    } catch (TokenStoreException e) {
                        failures.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                    }
                    overlapped.compareAndSet(-1, entered.get());
                } catch (Exception e) {
                    failures.merge("thread-" + e.getClass().getSimpleName(), 1, Integer::sum);
                } finally {
                    done.countDown();
                }
            });
            threads.add(t);
            t.start();
        }
        if (!done.await(3, TimeUnit.MINUTES)) {
            return "RESULT " + user.name() + " timeout";
        }
        return "RESULT " + user.name() + " overlapped=" + overlapped.get() + " tokens=" + String.join(",",
                new TreeSet<>(tokens)) + " failures=" + new TreeMap<>(failures);
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** Stops this JVM for good, still inside the refresh: the test kills it. */
    private static void stopHere(String point) {
        say("AT " + point);
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("interrupted at " + point);
    }

    /** The store, stopping after the first save of a refreshed token (still under the lock). */
    private static final class StoppingStore extends ForwardingTokenStore {
        StoppingStore(TokenStore delegate) {
            super(delegate);
        }

        @Override
        public OAuthToken saveToken(OAuthToken token) {
            OAuthToken saved = super.saveToken(token);
            stopHere("after-save");
            return saved;
        }
    }

    /** The provider, stopping before its refresh request or after the answer. */
    private record StoppingProvider(OAuthProvider delegate, String point) implements OAuthProvider {
        @Override
        public TokenResponse refresh(String refreshToken) {
            if (point.equals("before-request")) {
                stopHere(point);
            }
            TokenResponse answer = delegate.refresh(refreshToken);
            if (point.equals("after-response")) {
                stopHere(point);
            }
            return answer;
        }

        @Override
        public String location() {
            return delegate.location();
        }

        @Override
        public String clientId() {
            return delegate.clientId();
        }

        @Override
        public String redirectUri() {
            return delegate.redirectUri();
        }

        @Override
        public URI authorizationUri(AuthorizationRequest request) {
            return delegate.authorizationUri(request);
        }

        @Override
        public TokenResponse exchangeCode(String code) {
            return delegate.exchangeCode(code);
        }

        @Override
        public void revoke(String refreshToken) {
            delegate.revoke(refreshToken);
        }

        @Override
        public VerifiedIdentity verifyIdToken(String idToken, String expectedNonce) {
            return delegate.verifyIdToken(idToken, expectedNonce);
        }

        @Override
        public ProviderError classify(OAuthProviderException failure) {
            return delegate.classify(failure);
        }

        @Override
        public String authorizationHeader(String accessToken) {
            return delegate.authorizationHeader(accessToken);
        }
    }
}
