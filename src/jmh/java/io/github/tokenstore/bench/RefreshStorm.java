package io.github.tokenstore.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.jpa.JpaTokenStore;
import io.github.tokenstore.jpa.PooledDataSources;
import io.github.tokenstore.jpa.SchemaAction;
import io.github.tokenstore.testing.FakeOAuthServer;
import io.github.tokenstore.testing.TestDatabases;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The refresh storm (issue 13, "proven by"): {@value #USERS_DEFAULT} users whose tokens of the client
 * {@value #CLIENT} all expire within the same minute, three JVMs ({@link RefreshStormJvm}, child processes)
 * sharing them on PostgreSQL (the JPA store and the {@code DatabaseRefreshLock}), and a token endpoint that
 * answers in 50 ms and rotates refresh tokens strictly (the old one dies at its first use:
 * {@link FakeOAuthServer.Mode#ROTATING_STRICT}). Each JVM polls the store's change feed as the CDI extension
 * does by default; {@code storm.control-users} more users' tokens expire an hour later, so the storm leaves
 * them alone and their calls show what the machine's load alone does. Not a test: run by hand, never by CI
 * (docs/performance.md).
 *
 * <ol>
 *   <li>Seeds the tokens: user {@code i} expires at {@code T0 + i × 60 s / users}, its refresh token issued by
 *       the fake; the JVMs' clocks start at {@code T0 − 10 min} (every token fresh) and fill their caches.</li>
 *   <li>Baseline: callers in each JVM ask for random users' tokens at a fixed rate for
 *       {@code storm.baseline-seconds}; nothing is refreshed.</li>
 *   <li>Storm: the clocks jump to {@code T0 − 4 min}: every token is inside the refresh-ahead window (5 min)
 *       and still valid. The same callers go on until the provider has refreshed every user (or
 *       {@code storm.max-seconds} pass); each JVM starts a background refresh for each user it is asked for.</li>
 * </ol>
 * Prints refreshes per second, duplicate refreshes (refresh calls minus distinct users refreshed),
 * {@code invalid_grant} answers, whether each stored refresh token is the provider's newest, and the wait of
 * callers whose token was still valid, baseline against storm. Exits 1 if a user was refreshed twice, an
 * {@code invalid_grant} came, a user was not refreshed or a stored token is not the newest.
 *
 * <p>Settings (system properties): {@code storm.users} ({@value #USERS_DEFAULT}), {@code storm.control-users}
 * (1000), {@code storm.sync-ms} (the change feed's poll interval, 2000; 0: none), {@code storm.jvms} (3),
 * {@code storm.callers} (threads per JVM, 4), {@code storm.rate} (calls per second per caller, 500),
 * {@code storm.refresh-threads} (per JVM, 8), {@code storm.delay-ms} (50), {@code storm.mode}
 * ({@code ROTATING_STRICT} or {@code ROTATING_LENIENT}), {@code storm.baseline-seconds} (10),
 * {@code storm.max-seconds} (120). The database: {@code TOKENSTORE_PG_URL/_USER/_PASSWORD}, as the tests.
 */
public final class RefreshStorm {

    static final String CLIENT = "crm";
    static final int USERS_DEFAULT = 10_000;
    private static final long MINUTE = 60_000;
    /** The control users' tokens expire this long after the storm's first expiry: never in its window. */
    private static final long CONTROL_EXPIRY = 60 * MINUTE;
    private static final Pattern USER = Pattern.compile("storm-(\\d{5})@example\\.com");
    private static final Duration BOOT = Duration.ofSeconds(150);

    private final int users = Integer.getInteger("storm.users", USERS_DEFAULT);
    private final int control = Integer.getInteger("storm.control-users", 1_000);
    private final int jvms = Integer.getInteger("storm.jvms", 3);
    private final int callers = Integer.getInteger("storm.callers", 4);
    private final int rate = Integer.getInteger("storm.rate", 500);
    private final int refreshThreads = Integer.getInteger("storm.refresh-threads", 8);
    private final long delayMs = Long.getLong("storm.delay-ms", 50);
    private final FakeOAuthServer.Mode mode = FakeOAuthServer.Mode.valueOf(
            System.getProperty("storm.mode", "ROTATING_STRICT"));
    private final int baselineSeconds = Integer.getInteger("storm.baseline-seconds", 10);
    private final int maxSeconds = Integer.getInteger("storm.max-seconds", 120);
    /** The change feed's poll in each JVM, as the CDI extension runs it by default; 0: none. */
    private final long syncMillis = Long.getLong("storm.sync-ms", 2_000);

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<Process> processes = new ArrayList<>();
    private final List<Writer> stdins = new ArrayList<>();

    private RefreshStorm() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(new RefreshStorm().run());
    }

    static String user(int i) {
        return String.format(Locale.ROOT, "storm-%05d@example.com", i);
    }

    /**
     * When user {@code i}'s seeded token expires: within the minute after {@code firstExpiry} for the storm's
     * users ({@code i < users}), an hour later for the control users after them.
     */
    static long seededExpiry(long firstExpiry, int i, int users) {
        return i < users ? firstExpiry + i * MINUTE / users : firstExpiry + CONTROL_EXPIRY;
    }

    /** Whether {@code name} is one of the control users (numbered after the storm's users). */
    private boolean isControl(String name) {
        Matcher m = USER.matcher(name);
        return m.matches() && Integer.parseInt(m.group(1)) >= users;
    }

    private int run() throws Exception {
        long started = System.nanoTime();
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        System.out.printf(Locale.ROOT, "[storm] %,d users (and %,d control users), %d JVMs x %d callers at %d calls/s,"
                        + " %d refresh threads each, token endpoint %d ms, %s, change feed poll %s; %d cores, load "
                        + "average %.2f%n", users, control, jvms, callers, rate, refreshThreads, delayMs, mode,
                syncMillis == 0 ? "off" : syncMillis + " ms", os.getAvailableProcessors(), os.getSystemLoadAverage());
        TestDatabases db = TestDatabases.POSTGRESQL;
        db.dropTable();
        HikariDataSource pool = PooledDataSources.create(db.url(), db.user(), db.password(), 4);
        try (FakeOAuthServer fake = new FakeOAuthServer(mode);
             TokenStore store = JpaTokenStore.open(pool, SchemaAction.CREATE, null, pool)) {
            fake.delay = Duration.ofMillis(delayMs);
            // The virtual T0 sits 10 minutes ahead, so the JVMs' clocks start near the real time.
            long firstExpiry = Instant.now().plus(Duration.ofMinutes(10)).toEpochMilli();
            Map<String, String> seeded = seed(store, fake, firstExpiry);
            System.out.printf("[storm] seeded %,d tokens in %,d ms%n", users + control, elapsedMs(started));

            for (int j = 0; j < jvms; j++) {
                start(fake, j, firstExpiry - 10 * MINUTE, firstExpiry);
            }
            expect("READY", jvms, BOOT);
            System.out.printf("[storm] %d JVMs ready at %,d ms%n", jvms, elapsedMs(started));
            tellAll("WARM");
            List<String> warmed = expect("WARMED", jvms, Duration.ofSeconds(120));
            System.out.printf("[storm] caches filled (%s ms) at %,d ms%n", warmed, elapsedMs(started));

            tellAll("RUN baseline -");
            waitFor(Duration.ofSeconds(baselineSeconds), () -> false);
            tellAll("STOP");
            Phase baseline = Phase.of(expect("RESULT baseline", jvms, Duration.ofSeconds(120)));
            int baselineRefreshes = fake.refreshCalls.get();

            long stormStart = System.nanoTime();
            tellAll("RUN storm " + (firstExpiry - 4 * MINUTE));
            Set<String> refreshed = new HashSet<>();
            int[] seen = {0};
            boolean all = waitFor(Duration.ofSeconds(maxSeconds), () -> {
                owners(fake, refreshed, seen);
                return refreshed.size() >= users;
            });
            long stormMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stormStart);
            tellAll("STOP");
            Phase storm = Phase.of(expect("RESULT storm", jvms, Duration.ofSeconds(120)));
            owners(fake, refreshed, seen);
            tellAll("EXIT");

            int refreshCalls = fake.refreshCalls.get();
            int duplicates = refreshCalls - refreshed.size();
            long controlRefreshed = refreshed.stream().filter(this::isControl).count();
            int invalidGrants = fake.invalidGrants.get();
            int notNewest = notNewest(store, fake, seeded);
            System.out.println();
            System.out.printf(Locale.ROOT, "[storm] refreshes: %,d distinct users of %,d in %,d ms: %,.0f refreshes/s"
                            + "%s%n", refreshed.size(), users, stormMs, refreshed.size() * 1000.0 / stormMs,
                    all ? "" : " (NOT ALL: the time ran out)");
            System.out.printf("[storm] refresh calls at the provider: %,d (baseline phase: %d); duplicate refreshes: "
                    + "%d; invalid_grant: %d; stored refresh token not the provider's newest: %d; control users "
                    + "refreshed: %d%n", refreshCalls, baselineRefreshes, duplicates, invalidGrants, notNewest,
                    controlRefreshed);
            System.out.printf("[storm] baseline (no storm), callers whose token was valid: %s; failures %s%n",
                    baseline.waits.summary(), baseline.failures);
            System.out.printf("[storm] storm, callers whose token was still valid:        %s; failures %s%n",
                    storm.waits.summary(), storm.failures);
            System.out.printf("[storm] callers blocked on a lock (monitor), all calls: baseline %,d, storm %,d%n",
                    baseline.blocked, storm.blocked);
            System.out.printf("[storm] CPU time of those calls (the caller's thread): baseline %s; storm %s%n",
                    baseline.cpu.summary(), storm.cpu.summary());
            System.out.printf("[storm] control users (tokens the storm leaves alone), all calls: baseline %s; "
                    + "storm %s%n", baseline.control.summary(), storm.control.summary());
            System.out.printf("[storm] executor submissions by the callers (each starting the drain of handed-over "
                    + "refreshes): storm %s; submissions by the drains: %,d%n", storm.handOffs.summary(),
                    storm.drained);
            System.out.printf(Locale.ROOT, "[storm] during the storm, p99 of callers with a still-valid token / p99 "
                    + "of the control users: %.2f%n", (double) storm.waits.percentile(0.99)
                    / Math.max(1, storm.control.percentile(0.99)));
            System.out.printf(Locale.ROOT, "[storm] p99 storm / baseline: %.2f; total run time %,d s%n",
                    (double) storm.waits.percentile(0.99) / Math.max(1, baseline.waits.percentile(0.99)),
                    elapsedMs(started) / 1000);
            boolean ok = all && duplicates == 0 && controlRefreshed == 0 && invalidGrants == 0 && notNewest == 0
                    && baselineRefreshes == 0
                    && baseline.failures.isEmpty() && storm.failures.isEmpty();
            System.out.println(ok ? "[storm] OK" : "[storm] FAILED");
            return ok ? 0 : 1;
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
    }

    /** Saves every user's expiring token, its refresh token issued by the fake; user → seeded refresh token. */
    private Map<String, String> seed(TokenStore store, FakeOAuthServer fake, long firstExpiry) throws Exception {
        Map<String, String> seeded = new HashMap<>();
        for (int i = 0; i < users + control; i++) {
            seeded.put(user(i), fake.issueRefreshToken(user(i), "api"));
        }
        ExecutorService savers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int first = t;
                done.add(savers.submit(() -> {
                    for (int i = first; i < users + control; i += 4) {
                        store.saveToken(OAuthToken.builder().user(user(i)).client(CLIENT)
                                .clientId(FakeOAuthServer.CLIENT_ID).refreshToken(seeded.get(user(i)))
                                .accessToken("seed-access-" + i)
                                .expiresAt(Instant.ofEpochMilli(seededExpiry(firstExpiry, i, users))).build());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            savers.shutdown();
        }
        return seeded;
    }

    /** Adds the owners of the refresh calls made since the last look to {@code refreshed}. */
    private static void owners(FakeOAuthServer fake, Set<String> refreshed, int[] seen) {
        List<Map<String, String>> forms = fake.tokenForms;
        int size = forms.size();
        for (int k = seen[0]; k < size; k++) {
            Map<String, String> form = forms.get(k);
            if ("refresh_token".equals(form.get("grant_type"))) {
                String owner = fake.ownerOfRefreshToken(form.get("refresh_token"));
                refreshed.add(owner == null ? "unknown-" + k : owner);
            }
        }
        seen[0] = size;
    }

    /** Users whose stored token still has the seeded refresh token or one the provider no longer takes. */
    private int notNewest(TokenStore store, FakeOAuthServer fake, Map<String, String> seeded) {
        int bad = 0;
        for (OAuthToken t : store.getTokens()) {
            if (isControl(t.userSignature().name())) {
                continue;
            }
            if (!CLIENT.equals(t.client()) || t.refreshToken().equals(seeded.get(t.userSignature().name()))
                    || !fake.isAlive(t.refreshToken())) {
                bad++;
            }
        }
        return bad + Math.max(0, users + control - store.getTokens().size());
    }

    private void start(FakeOAuthServer fake, int j, long clockStart, long firstExpiry) throws IOException {
        Path log = Path.of("target", "storm-jvm-" + j + ".log");
        Files.createDirectories(log.getParent());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                RefreshStormJvm.class.getName(), fake.tokenEndpoint().toString(), Integer.toString(users),
                Integer.toString(control), Integer.toString(callers), Integer.toString(rate),
                Integer.toString(refreshThreads), Long.toString(clockStart), Long.toString(firstExpiry),
                Long.toString(syncMillis))
                .redirectError(log.toFile()).start();
        processes.add(p);
        stdins.add(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8));
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // The process ended; the bounded waits report what is missing.
            }
        });
        t.setDaemon(true);
        t.start();
    }

    private void tellAll(String command) throws IOException {
        for (Writer w : stdins) {
            w.write(command + "\n");
            w.flush();
        }
    }

    /** {@code count} lines starting with {@code prefix}, each within {@code wait}; fails on another line. */
    private List<String> expect(String prefix, int count, Duration wait) throws InterruptedException {
        List<String> got = new ArrayList<>();
        while (got.size() < count) {
            String line = lines.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new IllegalStateException("no '" + prefix + "' from a JVM within " + wait
                        + "; see target/storm-jvm-*.log");
            }
            if (!line.startsWith(prefix)) {
                throw new IllegalStateException("expected '" + prefix + "', a JVM said: " + line);
            }
            got.add(line.substring(prefix.length()).trim());
        }
        return got;
    }

    /** Looks at {@code done} every 100 ms until it holds or {@code max} passed; whether it held. */
    private static boolean waitFor(Duration max, java.util.function.BooleanSupplier done)
            throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < end) {
            if (done.getAsBoolean()) {
                return true;
            }
            // Polling the provider's counters; the phase's length is what this bounds, not an ordering.
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return done.getAsBoolean();
    }

    private static long elapsedMs(long since) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
    }

    /** The JVMs' results of one phase, merged. */
    private record Phase(Histogram waits, List<String> failures, long blocked, Histogram cpu, Histogram control,
                         Histogram handOffs, long drained) {
        static Phase of(List<String> results) {
            Histogram h = new Histogram();
            Histogram cpu = new Histogram();
            Histogram control = new Histogram();
            Histogram handOffs = new Histogram();
            long drained = 0;
            List<String> failures = new ArrayList<>();
            long blocked = 0;
            for (String r : results) {
                // calls=… valid=… failures={…} hist=… blocked=… cpu=… control=… handoff=… drained=…
                String[] parts = r.split(" ");
                String f = parts[2].substring("failures=".length());
                if (!f.equals("{}")) {
                    failures.add(f);
                }
                h.add(parts[3].substring("hist=".length()));
                blocked += Long.parseLong(parts[4].substring("blocked=".length()));
                cpu.add(parts[5].substring("cpu=".length()));
                control.add(parts[6].substring("control=".length()));
                handOffs.add(parts[7].substring("handoff=".length()));
                drained += Long.parseLong(parts[8].substring("drained=".length()));
            }
            return new Phase(h, failures, blocked, cpu, control, handOffs, drained);
        }
    }
}
