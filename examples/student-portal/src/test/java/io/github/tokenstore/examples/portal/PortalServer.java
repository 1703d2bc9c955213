package io.github.tokenstore.examples.portal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real server the portal is deployed to by the pom (WildFly or Open Liberty), as the failsafe system
 * properties {@code portal.*} describe it, with a way to restart it.
 */
public abstract class PortalServer {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);

    private final String name;
    private final String baseUrl;
    private final String jpaProvider;

    private PortalServer(String name, String baseUrl, String jpaProvider) {
        this.name = name;
        this.baseUrl = baseUrl;
        this.jpaProvider = jpaProvider;
    }

    /** The servers named in {@code portal.servers} (default: both). */
    public static List<PortalServer> configured() {
        List<PortalServer> servers = new ArrayList<>();
        for (String name : System.getProperty("portal.servers", "wildfly,liberty").split(",")) {
            switch (name.strip()) {
                case "wildfly" -> servers.add(new WildFly());
                case "liberty" -> servers.add(new Liberty());
                case "" -> { }
                default -> throw new IllegalArgumentException("portal.servers: unknown server " + name);
            }
        }
        return servers;
    }

    /**
     * This server, once the portal answers on it (at once if it does already).
     *
     * @throws AssertionError if the portal failed to deploy or does not answer within 5 minutes
     */
    public PortalServer deployed() throws IOException, InterruptedException {
        waitUntil(true, START_TIMEOUT);
        return this;
    }

    /** The portal's URL on this server, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The class name of the server's JPA provider. */
    public String jpaProvider() {
        return jpaProvider;
    }

    /** Stops the server's JVM, starts a new one, and waits until the portal answers again. */
    public void restart() throws IOException, InterruptedException {
        stop();
        waitUntil(false, STOP_TIMEOUT);
        start();
        waitUntil(true, START_TIMEOUT);
    }

    abstract void stop() throws IOException, InterruptedException;

    abstract void start() throws IOException, InterruptedException;

    /** Why the portal failed to deploy, if the server says so. */
    Optional<String> deploymentFailure() throws IOException {
        return Optional.empty();
    }

    @Override
    public String toString() {
        return name;
    }

    private void waitUntil(boolean up, Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(baseUrl + "/"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean answers;
            try {
                answers = http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                answers = false;
            }
            if (answers == up) {
                return;
            }
            Optional<String> failure = up ? deploymentFailure() : Optional.empty();
            if (failure.isPresent()) {
                throw new AssertionError("The portal failed to deploy on " + name + ": " + failure.get());
            }
            Thread.sleep(500);
        }
        throw new AssertionError(name + " did not " + (up ? "come up" : "go down") + " within " + timeout
                + "; see its log under target/");
    }

    /** Runs a command to its end, within the timeout; its output goes to {@code log}. */
    static void run(Path log, Duration timeout, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out after " + timeout + ": " + String.join(" ", command));
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("exit " + p.exitValue() + " from " + String.join(" ", command) + "; see " + log);
        }
    }

    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set (the pom sets it for failsafe)");
        }
        return value;
    }

    static Path log(String name) throws IOException {
        Path dir = Path.of("target", "server-restarts");
        Files.createDirectories(dir);
        return dir.resolve(name + ".log");
    }

    /** WildFly: shut down through its CLI, started again with {@code standalone.sh} in the background. */
    static final class WildFly extends PortalServer {
        private final Path home = Path.of(property("portal.wildfly.home"));

        WildFly() {
            super("WildFly", property("portal.wildfly.url"), "org.hibernate.jpa.HibernatePersistenceProvider");
        }

        /** The deployment scanner's marker of a failed deployment holds the failure. */
        @Override
        Optional<String> deploymentFailure() throws IOException {
            Path failed = home.resolve("standalone/deployments/" + property("portal.wildfly.deployment") + ".failed");
            return Files.exists(failed) ? Optional.of(Files.readString(failed)) : Optional.empty();
        }

        @Override
        void stop() throws IOException, InterruptedException {
            run(log("wildfly-cli"), STOP_TIMEOUT, home.resolve("bin/jboss-cli.sh").toString(), "--connect",
                    "--controller=" + property("portal.wildfly.management"), "--command=shutdown");
        }

        @Override
        void start() throws IOException {
            List<String> command = new ArrayList<>();
            command.add(home.resolve("bin/standalone.sh").toString());
            command.addAll(Arrays.asList(property("portal.wildfly.server-args").trim().split("\\s+")));
            // Outlives this JVM; the pom's post-integration-test shuts it down through the management port.
            new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log("wildfly").toFile())).start();
        }
    }

    /**
     * The nodes of the two-node cluster the pom starts unless {@code portal.cluster.skip} (WildFly processes
     * with their own base directories, on one PostgreSQL database), node A first.
     *
     * @throws AssertionError if the cluster is skipped under {@code CI=true}: CI must run it
     */
    public static List<PortalServer> clusterNodes() {
        boolean skipped = Boolean.parseBoolean(System.getProperty("portal.cluster.skip", "false"));
        if (skipped && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("portal.cluster.skip=true under CI=true: the cluster test must run in CI");
        }
        if (skipped) {
            return List.of();
        }
        Path dir = Path.of(property("portal.cluster.dir"));
        return List.of(new ClusterNode("cluster node A", property("portal.cluster.a.url"), dir.resolve("node-a")),
                new ClusterNode("cluster node B", property("portal.cluster.b.url"), dir.resolve("node-b")));
    }

    /** A WildFly node of the cluster: no restarts; its own deployments folder. */
    static final class ClusterNode extends PortalServer {
        private final Path baseDir;

        ClusterNode(String name, String url, Path baseDir) {
            super(name, url, "org.hibernate.jpa.HibernatePersistenceProvider");
            this.baseDir = baseDir;
        }

        @Override
        Optional<String> deploymentFailure() throws IOException {
            Path failed = baseDir.resolve("deployments/" + property("portal.wildfly.deployment") + ".failed");
            return Files.exists(failed) ? Optional.of(Files.readString(failed)) : Optional.empty();
        }

        @Override
        void stop() {
            throw new UnsupportedOperationException("the cluster's nodes are not restarted");
        }

        @Override
        void start() {
            throw new UnsupportedOperationException("the cluster's nodes are not restarted");
        }
    }

    /** Open Liberty: its {@code server stop} and {@code server start} scripts. */
    static final class Liberty extends PortalServer {
        private final Path home = Path.of(property("portal.liberty.home"));
        private final String server = property("portal.liberty.server");

        Liberty() {
            super("Open Liberty", property("portal.liberty.url"), "org.eclipse.persistence.jpa.PersistenceProvider");
        }

        /** Liberty logs why an application did not start in the messages.log it begins at each start. */
        @Override
        Optional<String> deploymentFailure() throws IOException {
            Path messages = home.resolve("usr/servers/" + server + "/logs/messages.log");
            if (!Files.exists(messages)) {
                return Optional.empty();
            }
            List<String> failures;
            try (var lines = Files.lines(messages)) {
                failures = lines.filter(l -> l.contains("CWWKZ0002E") || l.contains("CWWKZ0012I")
                        || l.contains("SRVE0265E")).toList();
            }
            return failures.stream().anyMatch(l -> l.contains("CWWKZ0002E") || l.contains("CWWKZ0012I"))
                    ? Optional.of(String.join("\n", failures)) : Optional.empty();
        }

        @Override
        void stop() throws IOException, InterruptedException {
            run(log("liberty"), STOP_TIMEOUT, home.resolve("bin/server").toString(), "stop", server);
        }

        @Override
        void start() throws IOException, InterruptedException {
            run(log("liberty"), START_TIMEOUT, home.resolve("bin/server").toString(), "start", server);
        }
    }
}
