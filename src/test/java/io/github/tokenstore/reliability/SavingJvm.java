package io.github.tokenstore.reliability;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStores;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One of the JVMs of {@link ConcurrentSaversIT}: 8 threads save overlapping users; after each save
 * returns, prints {@code save <user> <value> <startNanos> <endNanos>} (System.nanoTime is the machine's
 * monotonic clock on Linux, comparable between processes). Exits 1 if a save failed.
 * Arguments: url, user, jvm name, saves per thread, users; the password comes in {@link #PASSWORD_VARIABLE}.
 */
public final class SavingJvm {

    static final String PASSWORD_VARIABLE = "TOKENSTORE_IT_PASSWORD";

    private SavingJvm() {
    }

    public static void main(String[] args) throws Exception {
        String jvm = args[2];
        int saves = Integer.parseInt(args[3]);
        int users = Integer.parseInt(args[4]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        AtomicInteger failures = new AtomicInteger();
        try (TokenStore store = TokenStores.jpa(args[0], args[1], System.getenv(PASSWORD_VARIABLE))) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                threads.add(new Thread(() -> {
                    for (int i = 0; i < saves; i++) {
                        String user = "user" + ((i * 7 + thread) % users);
                        String value = jvm + "-" + thread + "-" + i;
                        long start = System.nanoTime();
                        try {
                            store.saveToken(OAuthToken.builder().user(user).accessToken(value).build());
                        } catch (RuntimeException e) {
                            failures.incrementAndGet();
                            System.err.println(e);
                            continue;
                        }
                        long end = System.nanoTime();
                        synchronized (out) {
                            out.println("save " + user + " " + value + " " + start + " " + end);
                        }
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join(300_000);
            }
        }
        System.exit(failures.get() == 0 ? 0 : 1);
    }
}
