package io.github.tokenstore.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.cdi.internal.TokenChangePoller;
import io.github.tokenstore.jpa.DatabaseRefreshLock;
import io.github.tokenstore.jpa.JpaTokenStore;
import io.github.tokenstore.jpa.PooledDataSources;
import io.github.tokenstore.jpa.SchemaAction;
import io.github.tokenstore.oauth.TokenService;
import io.github.tokenstore.oidc.OAuth2Provider;
import io.github.tokenstore.provider.OAuthProviders;
import io.github.tokenstore.testing.Await;
import io.github.tokenstore.testing.FakeOAuthServer;
import io.github.tokenstore.testing.TestDatabases;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.naming.NamingException;

/**
 * One JVM of {@link RefreshStorm}: the token service of the client {@value RefreshStorm#CLIENT} on the shared
 * PostgreSQL database's JPA store ({@link TestDatabases#POSTGRESQL}, settings inherited from the parent's
 * environment), with the {@link DatabaseRefreshLock}, refreshing at the parent's {@link FakeOAuthServer}, its
 * time read from a {@link StormClock} that the parent sets. Prints {@code READY}; then, one command a line on
 * stdin:
 * <ul>
 *   <li>{@code WARM}: asks for every user's token once (the cache fill), prints {@code WARMED <ms>};</li>
 *   <li>{@code RUN <phase> <virtual epoch millis or ->}: sets the clock (or leaves it), and callers ask for
 *       random users' tokens at a fixed rate until {@code STOP}; then waits until the background refreshes
 *       are done and prints {@code RESULT <phase> calls=… valid=… failures={…} hist=<bucket:count,…>}, the
 *       wait of each call whose user's seeded token was still valid, in {@link Histogram} buckets;</li>
 *   <li>{@code EXIT}.</li>
 * </ul>
 * Arguments: token endpoint, users, control users, caller threads, calls per second per caller, refresh
 * threads, the virtual start time (epoch millis), the seeded tokens' first expiry (epoch millis), the change
 * feed's poll interval in milliseconds (0: no poll).
 */
public final class RefreshStormJvm {

    private RefreshStormJvm() {
    }

    public static void main(String[] args) throws Exception {
        URI tokenEndpoint = URI.create(args[0]);
        int users = Integer.parseInt(args[1]);
        int control = Integer.parseInt(args[2]);
        int callers = Integer.parseInt(args[3]);
        int rate = Integer.parseInt(args[4]);
        int refreshThreads = Integer.parseInt(args[5]);
        StormClock clock = new StormClock(Long.parseLong(args[6]));
        long firstExpiry = Long.parseLong(args[7]);
        long syncMillis = Long.parseLong(args[8]);

        TestDatabases db = TestDatabases.POSTGRESQL;
        // Each refresh holds a lock connection and uses store connections: two per refresh thread, and spare.
        HikariDataSource pool = PooledDataSources.create(db.url(), db.user(), db.password(), 2 * refreshThreads + 4);
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor refreshes = new ThreadPoolExecutor(refreshThreads, refreshThreads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "storm-refresh-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        // The executor submissions a caller makes (starting the drain of handed-over refreshes), timed: what a
        // caller pays beyond a queue offer; and how many submissions the drain makes, one per refresh.
        Histogram handOffs = new Histogram();
        AtomicLong drained = new AtomicLong();
        Executor timed = task -> {
            if (!Thread.currentThread().getName().startsWith("storm-caller-")) {
                drained.incrementAndGet();
                refreshes.execute(task);
                return;
            }
            long t0 = System.nanoTime();
            refreshes.execute(task);
            handOffs.record(System.nanoTime() - t0);
        };
        OAuth2Provider provider = OAuth2Provider.builder().tokenEndpoint(tokenEndpoint)
                .clientId(FakeOAuthServer.CLIENT_ID).clientSecret(FakeOAuthServer.CLIENT_SECRET).pkce(false).build();
        try (TokenStore store = JpaTokenStore.open(pool, SchemaAction.VALIDATE, null, pool, null, clock);
             TokenService service = TokenService.builder(store, OAuthProviders.single(provider))
                     .client(RefreshStorm.CLIENT).refreshLock(new DatabaseRefreshLock(pool, Duration.ofSeconds(60)))
                     .executor(timed).clock(clock).build();
             // As the CDI extension runs it for the built-in JPA store (tokenstore.cache.sync-interval).
             TokenChangePoller sync = syncMillis == 0 ? null : new TokenChangePoller(
                     () -> TokenChangePoller.changesOf(store), (user, c) -> service.evict(user),
                     (user, c) -> service.reload(user), service::evictAll, Clock.systemUTC(),
                     Duration.ofMillis(syncMillis))) {
            if (sync != null) {
                sync.start(name -> {
                    throw new NamingException("no JNDI in the storm's JVMs");
                });
            }
            say("READY");
            Callers running = null;
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                String[] cmd = line.split(" ");
                switch (cmd[0]) {
                    case "WARM" -> say("WARMED " + warm(service, users + control, callers));
                    case "RUN" -> {
                        if (!cmd[2].equals("-")) {
                            clock.set(Long.parseLong(cmd[2]));
                        }
                        handOffs.reset();
                        drained.set(0);
                        running = new Callers(cmd[1], service, clock, users, control, callers, rate, firstExpiry);
                        running.start();
                    }
                    case "STOP" -> {
                        running.stop();
                        // The refreshes the callers started finish before the parent counts them.
                        Await.until("background refreshes done", Duration.ofSeconds(90),
                                () -> refreshes.getActiveCount() == 0 && refreshes.getQueue().isEmpty());
                        say(running.result() + " handoff=" + handOffs.encode() + " drained=" + drained.get());
                        running = null;
                    }
                    case "EXIT" -> {
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown command " + cmd[0]);
                }
            }
        } finally {
            refreshes.shutdownNow();
        }
    }

    /** Every user's token once, spread over the caller threads; the elapsed milliseconds. */
    private static long warm(TokenService service, int users, int threads) throws InterruptedException {
        long start = System.nanoTime();
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            Thread th = new Thread(() -> {
                for (int i = first; i < users; i += threads) {
                    service.currentToken(new UserSignature(RefreshStorm.user(i)));
                }
            });
            th.start();
            all.add(th);
        }
        for (Thread th : all) {
            th.join();
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /**
     * Caller threads asking for random users' tokens at a fixed rate each, timing every call: of the storm's
     * users while their token is still valid, and of the control users, whose tokens the storm leaves alone.
     */
    private static final class Callers {
        private final String phase;
        private final TokenService service;
        private final Clock clock;
        private final int users;
        private final int control;
        private final int rate;
        private final long firstExpiry;
        private final List<Thread> threads = new ArrayList<>();
        private final Histogram valid = new Histogram();
        /** The CPU time of the same calls (the calling thread's): what a call costs when it has a core. */
        private final Histogram validCpu = new Histogram();
        /** The wait of the control users' calls: what the machine's load alone does to a call. */
        private final Histogram controlWaits = new Histogram();
        private final AtomicInteger calls = new AtomicInteger();
        private final Map<String, Integer> failures = new ConcurrentHashMap<>();
        /**
         * How often the callers blocked on a monitor held by another thread (the JVM's count, which a
         * thread's own {@code parkNanos} pacing does not add to): 0 means no call waited for a lock, so what
         * the waits show beyond the baseline is the CPU the callers did not get.
         */
        private final AtomicLong blocked = new AtomicLong();
        private final CountDownLatch stopped;
        private volatile boolean stop;

        Callers(String phase, TokenService service, Clock clock, int users, int control, int callers, int rate,
                long firstExpiry) {
            this.phase = phase;
            this.service = service;
            this.clock = clock;
            this.users = users;
            this.control = control;
            this.rate = rate;
            this.firstExpiry = firstExpiry;
            this.stopped = new CountDownLatch(callers);
            for (int i = 0; i < callers; i++) {
                Thread t = new Thread(this::call, "storm-caller-" + i);
                t.setDaemon(true);
                threads.add(t);
            }
        }

        void start() {
            threads.forEach(Thread::start);
        }

        void stop() throws InterruptedException {
            stop = true;
            if (!stopped.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("callers did not stop");
            }
        }

        private void call() {
            long period = TimeUnit.SECONDS.toNanos(1) / rate;
            long next = System.nanoTime();
            ThreadLocalRandom random = ThreadLocalRandom.current();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            try {
                while (!stop) {
                    // A fixed rate, not as fast as possible: two cores serve three JVMs and the database.
                    next += period;
                    long ahead = next - System.nanoTime();
                    if (ahead > 0) {
                        LockSupport.parkNanos(ahead);
                    }
                    int i = random.nextInt(users + control);
                    boolean isControl = i >= users;
                    boolean stillValid = !isControl && RefreshStorm.seededExpiry(firstExpiry, i, users)
                            - clock.millis() > service.policy().expirySkew().toMillis();
                    long cpu0 = threads.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    try {
                        OAuthToken token = service.currentToken(new UserSignature(RefreshStorm.user(i)));
                        long waited = System.nanoTime() - t0;
                        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
                        calls.incrementAndGet();
                        if (stillValid) {
                            valid.record(waited);
                            validCpu.record(cpu);
                        } else if (isControl) {
                            controlWaits.record(waited);
                        }
                        if (token.accessToken() == null) {
                            failures.merge("no-access-token", 1, Integer::sum);
                        }
                    } catch (RuntimeException e) {
                        calls.incrementAndGet();
                        failures.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                    }
                }
            } finally {
                ThreadInfo self = ManagementFactory.getThreadMXBean().getThreadInfo(Thread.currentThread().getId());
                blocked.addAndGet(self == null ? 0 : self.getBlockedCount());
                stopped.countDown();
            }
        }

        String result() {
            return "RESULT " + phase + " calls=" + calls.get() + " valid=" + valid.count() + " failures="
                    + new TreeMap<>(failures).toString().replace(" ", "") + " hist=" + valid.encode()
                    + " blocked=" + blocked.get() + " cpu=" + validCpu.encode() + " control=" + controlWaits.encode();
        }
    }

    /**
     * A clock the parent sets: {@link #set} jumps to a virtual time, from which it runs on at the real pace
     * (tokens refreshed at the virtual time must get expiries in that time).
     */
    static final class StormClock extends Clock {
        /** The virtual time and the {@code nanoTime} it was set at, read together. */
        private record Mark(long virtualMillis, long setAt) {
        }

        private volatile Mark mark;

        StormClock(long start) {
            set(start);
        }

        void set(long virtualMillis) {
            mark = new Mark(virtualMillis, System.nanoTime());
        }

        @Override
        public long millis() {
            Mark m = mark;
            return m.virtualMillis() + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - m.setAt());
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            if (!ZoneOffset.UTC.equals(zone)) {
                throw new UnsupportedOperationException("the storm's clock is in UTC");
            }
            return this;
        }
    }
}
