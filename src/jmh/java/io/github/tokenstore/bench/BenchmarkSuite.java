package io.github.tokenstore.bench;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStores;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.core.ForwardingTokenStore;
import io.github.tokenstore.oauth.TokenService;
import io.github.tokenstore.oauth.ZohoAccountsClient;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the whole suite and writes {@code target/jmh/summary.md} (figures and ratios, all from this one
 * run) beside JMH's JSON results. Options, as system properties:
 * {@code bench.quick=true} (1,000 and 10,000 tokens, shorter iterations),
 * {@code bench.backends=memory,file,h2,postgresql,mariadb}, {@code bench.sizes=1000,10000,…},
 * {@code bench.parts=stores,baseline,threads,heap,crmcall}.
 */
public final class BenchmarkSuite {

    private static final List<String> OPERATIONS =
            List.of("findByUser", "findByRefreshToken", "findById", "saveUpdate", "saveInsert");
    private static final int FILE_MAX = 100_000;
    private static final int[] THREADS = {1, 2, 8, 32};
    private static final int THREADS_TOKENS = 10_000;

    private final boolean quick = Boolean.getBoolean("bench.quick");
    private final List<String> backends = list("bench.backends", "memory,file,h2,postgresql,mariadb");
    private final List<String> sizes = list("bench.sizes", quick ? "1000,10000" : "1000,10000,100000,1000000");
    private final List<String> parts = list("bench.parts", "stores,baseline,threads,heap,crmcall");
    private final Path out = Path.of("target", "jmh");
    /** backend/benchmark/op/tokens/threads → ops per second. */
    private final Map<String, double[]> scores = new LinkedHashMap<>();

    private BenchmarkSuite() {
    }

    public static void main(String[] args) throws Exception {
        new BenchmarkSuite().run();
    }

    private void run() throws Exception {
        Files.createDirectories(out);
        StringBuilder md = new StringBuilder("# Benchmark results\n\n")
                .append("JMH throughput (operations per second, higher is better), one fork, ")
                .append(quick ? "quick mode" : "full mode").append(", on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.version")).append(".\n\n");
        if (parts.contains("stores")) {
            for (String backend : backends) {
                List<String> backendSizes = backend.equals("file")
                        ? sizes.stream().filter(s -> Integer.parseInt(s) <= FILE_MAX).toList() : sizes;
                run("stores", StoreBenchmark.class, backend, backendSizes, 1, ".*");
            }
            storesTable(md);
        }
        if (parts.contains("baseline")) {
            for (String backend : backends) {
                if (isDatabase(backend)) {
                    run("baseline", BaselineBenchmark.class, backend, sizes, 1, ".*");
                }
            }
            baselineTable(md);
        }
        if (parts.contains("threads") && backends.contains("postgresql")) {
            for (int t : THREADS) {
                run("threads", StoreBenchmark.class, "postgresql", List.of(Integer.toString(THREADS_TOKENS)), t,
                        "(findByUser|saveUpdate)");
            }
            threadsTable(md);
        }
        if (parts.contains("heap")) {
            heap(md);
        }
        if (parts.contains("crmcall")) {
            crmCall(md);
        }
        Files.writeString(out.resolve("summary.md"), md);
        System.out.println(md);
        System.out.println("Written to " + out.resolve("summary.md").toAbsolutePath());
    }

    private void run(String part, Class<?> benchmark, String backend, List<String> tokenSizes, int threads,
                     String methods) throws RunnerException {
        String name = part + "-" + backend + "-t" + threads;
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(benchmark.getName() + "\\." + methods + "$")
                .param("backend", backend)
                .param("tokens", tokenSizes.toArray(String[]::new))
                .forks(1)
                .threads(threads)
                // Hibernate's code paths keep the JIT compiler busy for seconds; with more threads than cores
                // it competes with them, so the thread-scaling runs warm up longer.
                .warmupIterations(quick ? 1 : part.equals("threads") ? 10 : 3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 2 : part.equals("threads") ? 5 : 3)
                .measurementTime(TimeValue.seconds(1))
                .timeUnit(TimeUnit.SECONDS)
                .shouldFailOnError(true)
                .jvmArgsAppend("-Xmx4g")
                .result(out.resolve(name + ".json").toString())
                .resultFormat(ResultFormatType.JSON);
        for (RunResult r : new Runner(options.build()).run()) {
            String label = r.getParams().getBenchmark();
            String op = label.substring(label.lastIndexOf('.') + 1);
            scores.put(key(part, backend, op, r.getParams().getParam("tokens"), threads),
                    new double[] {r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()});
        }
    }

    private void storesTable(StringBuilder md) {
        md.append("## The stores, by number of stored tokens\n\n| backend | operation |");
        sizes.forEach(s -> md.append(' ').append(s).append(" |"));
        md.append(" cost growth, first to last size |\n|---|---|");
        sizes.forEach(s -> md.append("---:|"));
        md.append("---:|\n");
        for (String backend : backends) {
            for (String op : OPERATIONS) {
                md.append("| ").append(backend).append(" | ").append(op).append(" |");
                Double first = null;
                Double last = null;
                for (String size : sizes) {
                    double[] s = scores.get(key("stores", backend, op, size, 1));
                    md.append(' ').append(s == null ? "–" : format(s)).append(" |");
                    if (s != null) {
                        first = first == null ? s[0] : first;
                        last = s[0];
                    }
                }
                // Cost per call is the inverse of throughput: growth = ops(first) / ops(last).
                md.append(' ').append(first == null ? "–" : String.format(Locale.ROOT, "%.2f×", first / last))
                        .append(" |\n");
            }
        }
        md.append('\n');
    }

    private void baselineTable(StringBuilder md) {
        md.append("## Against the baseline (the seed's design: a connection per call, no index, SQL by ")
                .append("concatenation), same database, same run\n\n")
                .append("| database | operation | tokens | ours ops/s | baseline ops/s | ours / baseline |\n")
                .append("|---|---|---:|---:|---:|---:|\n");
        for (String backend : backends) {
            if (!isDatabase(backend)) {
                continue;
            }
            for (String op : OPERATIONS) {
                for (String size : sizes) {
                    double[] ours = scores.get(key("stores", backend, op, size, 1));
                    double[] base = scores.get(key("baseline", backend, op, size, 1));
                    if (ours != null && base != null) {
                        md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %.1f× |%n", backend, op, size,
                                format(ours), format(base), ours[0] / base[0]));
                    }
                }
            }
        }
        md.append('\n');
    }

    private void threadsTable(StringBuilder md) {
        md.append("## PostgreSQL, ").append(THREADS_TOKENS).append(" tokens, by threads\n\n")
                .append("| operation | threads | ops/s | vs 1 thread |\n|---|---:|---:|---:|\n");
        for (String op : List.of("findByUser", "saveUpdate")) {
            double[] one = scores.get(key("threads", "postgresql", op, Integer.toString(THREADS_TOKENS), 1));
            for (int t : THREADS) {
                double[] s = scores.get(key("threads", "postgresql", op, Integer.toString(THREADS_TOKENS), t));
                if (s != null && one != null) {
                    md.append(String.format(Locale.ROOT, "| %s | %d | %s | %.2f× |%n", op, t, format(s), s[0] / one[0]));
                }
            }
        }
        md.append('\n');
    }

    /**
     * {@code @CrmCall}'s overhead: the annotated method against the same method without it and against a
     * store lookup per call (JPA on H2), average nanoseconds per call, in Weld SE.
     */
    private void crmCall(StringBuilder md) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(CrmCallBenchmark.class.getName() + "\\..*$")
                .forks(1)
                .warmupIterations(quick ? 2 : 3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 3 : 5)
                .measurementTime(TimeValue.seconds(1))
                .shouldFailOnError(true)
                .jvmArgsAppend("-Xmx1g")
                .result(out.resolve("crmcall.json").toString())
                .resultFormat(ResultFormatType.JSON);
        Map<String, double[]> ns = new LinkedHashMap<>();
        for (RunResult r : new Runner(options.build()).run()) {
            String label = r.getParams().getBenchmark();
            ns.put(label.substring(label.lastIndexOf('.') + 1),
                    new double[] {r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()});
        }
        md.append("## @CrmCall (Weld SE, average ns per call, lower is better)\n\n| method | ns/call |\n|---|---:|\n");
        ns.forEach((op, s) -> md.append(String.format(Locale.ROOT, "| %s | %,.0f ± %,.0f |%n", op, s[0], s[1])));
        double[] crm = ns.get("crmCall");
        double[] plain = ns.get("plainCall");
        if (crm != null && plain != null) {
            md.append(String.format(Locale.ROOT, "%n@CrmCall overhead: %,.0f ns per call (target: at most 2,000 ns).%n",
                    crm[0] - plain[0]));
        }
        double[] named = ns.get("namedClientCall");
        if (named != null && plain != null) {
            md.append(String.format(Locale.ROOT, "Named client (`@CrmCall(client = \"crm\")`, OAuth 2.0) overhead: "
                    + "%,.0f ns per call (target: at most 2,000 ns).%n", named[0] - plain[0]));
        }
        md.append('\n');
    }

    /**
     * Heap per token, measured after full collections: in the in-memory store, and in the token service's
     * cache for 100,000 active users (each user's token read once, as {@code @CrmCall} does, from a store
     * that gives every token as a new object, as a database does).
     */
    private void heap(StringBuilder md) {
        int n = 100_000;
        long before = usedHeap();
        TokenStore store = TokenStores.inMemory();
        for (int i = 0; i < n; i++) {
            store.saveToken(BenchTokens.token(i));
        }
        long stored = usedHeap();
        md.append("## Heap\n\n| what | tokens | heap used | per token |\n|---|---:|---:|---:|\n")
                .append(heapRow("in-memory store", n, stored - before));
        if (store.getTokens().size() != n) {
            throw new IllegalStateException("lost tokens");
        }
        store.close();

        TokenService service = new TokenService(new FreshTokens(), ZohoAccountsClient.builder()
                .accountsUrl(URI.create("http://127.0.0.1:9")).clientId(BenchTokens.CLIENT_ID)
                .clientSecret(BenchTokens.CLIENT_SECRET).build());
        long empty = usedHeap();
        for (int i = 0; i < n; i++) {
            service.currentToken(new UserSignature(BenchTokens.user(i)));
        }
        long cached = usedHeap();
        md.append(heapRow("token service cache (`@CrmCall`), active users", n, cached - empty)).append('\n');
        // Read again after the measurement, so the cache cannot have been collected before it.
        if (!service.currentToken(new UserSignature(BenchTokens.user(n - 1))).refreshToken()
                .equals(BenchTokens.refreshToken(n - 1))) {
            throw new IllegalStateException("wrong token");
        }
        service.close();
    }

    private static String heapRow(String what, int n, long bytes) {
        return String.format(Locale.ROOT, "| %s | %,d | %.1f MiB | %d bytes |%n", what, n, bytes / 1048576.0, bytes / n);
    }

    /** The data set as a database gives it: each read builds the user's token anew. Reads only. */
    private static final class FreshTokens extends ForwardingTokenStore {
        private static final String PREFIX = "user";

        FreshTokens() {
            super(TokenStores.inMemory());
        }

        @Override
        public Optional<OAuthToken> findToken(OAuthToken token) {
            String name = token.userSignature().name();
            long i = Long.parseLong(name.substring(PREFIX.length(), name.indexOf('@')));
            return Optional.of(BenchTokens.token(i));
        }
    }

    private static long usedHeap() {
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String key(String part, String backend, String op, String tokens, int threads) {
        return part + "/" + backend + "/" + op + "/" + tokens + "/" + threads;
    }

    private static String format(double[] score) {
        return String.format(Locale.ROOT, "%,.0f ± %,.0f", score[0], score[1]);
    }

    private static boolean isDatabase(String backend) {
        return !backend.equals("memory") && !backend.equals("file");
    }

    private static List<String> list(String property, String fallback) {
        String value = System.getProperty(property, "");
        return new ArrayList<>(Arrays.asList((value.isBlank() ? fallback : value).split(",")));
    }
}
