package io.github.tokenstore.core;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The one-thread pools of the health probe and the token count. */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /**
     * One daemon thread named {@code name}, started when work comes and ended after a minute idle. Its
     * context class loader is the caller's: in a server, the application's, which JPA providers and JDBC
     * drivers look classes up with.
     */
    public static ExecutorService single(String name) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, name);
                    t.setDaemon(true);
                    t.setContextClassLoader(loader);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
