package io.github.tokenstore.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Stops and starts the local database servers of {@code .ci/run} for the outage tests. Every command and
 * wait is bounded; {@link #ensureUp} is for {@code finally} blocks.
 */
enum DatabaseServices {

    POSTGRESQL {
        @Override
        void stop() throws IOException, InterruptedException {
            run(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version(), "main", "stop", "-m", "fast"));
        }

        @Override
        void start() throws IOException, InterruptedException {
            run(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version(), "main", "start"));
        }

        @Override
        boolean isUp() throws IOException, InterruptedException {
            return run(List.of("pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432")) == 0;
        }
    },
    MARIADB {
        @Override
        void stop() throws IOException, InterruptedException {
            run(List.of("mysqladmin", "-uroot", "-h127.0.0.1", "shutdown"));
        }

        @Override
        void start() throws IOException, InterruptedException {
            // "mysqladmin shutdown" returns, and ping fails, while mariadbd still flushes and exits; a start in
            // that window finds it running (--oknodo), does nothing, and then no server is left. Wait it out.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (mariadbdRunning() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            run(List.of("start-stop-daemon", "--start", "--oknodo", "--background", "--exec", "/usr/sbin/mariadbd"));
        }

        private boolean mariadbdRunning() {
            return ProcessHandle.allProcesses().anyMatch(p -> p.info().command()
                    .map(c -> c.endsWith("/mariadbd")).orElse(false));
        }

        @Override
        boolean isUp() throws IOException, InterruptedException {
            return run(List.of("mysqladmin", "-uroot", "-h127.0.0.1", "ping")) == 0;
        }
    };

    abstract void stop() throws IOException, InterruptedException;

    abstract void start() throws IOException, InterruptedException;

    abstract boolean isUp() throws IOException, InterruptedException;

    /** Waits at most {@code seconds} until the server answers (or, with {@code up} false, stops answering). */
    boolean await(boolean up, int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (isUp() == up) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** Starts the server if it does not answer, and waits up to 60 s for it, twice at most. Never throws. */
    void ensureUp() {
        try {
            for (int attempt = 0; attempt < 2 && !isUp(); attempt++) {
                start();
                await(true, 60);
            }
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String version() throws IOException {
        try (Stream<Path> versions = Files.list(Path.of("/etc/postgresql"))) {
            return versions.map(p -> p.getFileName().toString()).sorted().reduce((a, b) -> b).orElse("15");
        }
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
