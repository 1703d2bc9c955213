package io.github.tokenstore.examples.portal;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Headless Chromium (Debian's {@code chromium} package, nothing downloaded), driven through the Chrome
 * DevTools protocol over the JDK's WebSocket client: navigate, run a script in the page, wait for a
 * condition, take a screenshot. One page, a new profile in a temporary directory, loopback only. Every
 * wait is bounded; {@link #close()} ends the browser and its child processes and deletes the profile.
 */
final class Chromium implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonObject>> calls;

    private Chromium(Process process, Path profile, WebSocket socket,
                     Map<Integer, CompletableFuture<JsonObject>> calls) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
        this.calls = calls;
    }

    /** The executable: {@code -Dportal.chromium}, else {@code /usr/bin/chromium}. */
    static Path executable() {
        return Path.of(System.getProperty("portal.chromium", "/usr/bin/chromium"));
    }

    /**
     * Starts the browser with one blank page and connects to that page.
     *
     * @param log where the browser's own output goes
     */
    static Chromium start(Path log) throws IOException, InterruptedException {
        Path exe = executable();
        if (!Files.isExecutable(exe)) {
            throw new AssertionError(exe + " is missing: install Debian's chromium package (apt-get install -y"
                    + " chromium; .ci/run does), or point -Dportal.chromium at a Chromium");
        }
        Path profile = Files.createTempDirectory("portal-chromium-");
        Files.createDirectories(log.getParent());
        List<String> command = List.of(exe.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0", "--window-size=1280,900", "about:blank");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            // Chromium writes the port it picked (and the browser's WebSocket path) into the profile.
            Path activePort = profile.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!(Files.exists(activePort) && Files.readAllLines(activePort).size() >= 2)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("Chromium did not open its DevTools port within " + START_TIMEOUT
                            + " (alive: " + process.isAlive() + "); see " + log);
                }
                Thread.sleep(100);
            }
            int port = Integer.parseInt(Files.readAllLines(activePort).get(0).strip());
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String pageSocket = null;
            while (pageSocket == null) {
                HttpResponse<String> list = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/json/list")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                try (JsonReader r = Json.createReader(new StringReader(list.body()))) {
                    for (JsonValue target : r.readArray()) {
                        JsonObject t = target.asJsonObject();
                        if ("page".equals(t.getString("type", "")) && t.containsKey("webSocketDebuggerUrl")) {
                            pageSocket = t.getString("webSocketDebuggerUrl");
                        }
                    }
                }
                if (pageSocket == null) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("Chromium shows no page target; see " + log);
                    }
                    Thread.sleep(100);
                }
            }
            Map<Integer, CompletableFuture<JsonObject>> calls = new ConcurrentHashMap<>();
            WebSocket socket;
            try {
                socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                        .buildAsync(URI.create(pageSocket), new Listener(calls))
                        .get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new AssertionError("cannot connect to Chromium's DevTools: " + e, e);
            }
            Chromium chromium = new Chromium(process, profile, socket, calls);
            chromium.call("Page.enable", JsonValue.EMPTY_JSON_OBJECT);
            return chromium;
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            stop(process);
            delete(profile);
            throw e;
        }
    }

    /** Loads a URL (returns once the navigation started; wait for the page with {@link #waitFor}). */
    void navigate(String url) {
        call("Page.navigate", Json.createObjectBuilder().add("url", url).build());
    }

    /** Runs JavaScript in the page; its value (returned by value). */
    JsonValue evaluate(String expression) {
        JsonObject result = call("Runtime.evaluate", Json.createObjectBuilder().add("expression", expression)
                .add("returnByValue", true).add("awaitPromise", true).build());
        if (result.containsKey("exceptionDetails")) {
            throw new AssertionError("script failed: " + expression + ": " + result.get("exceptionDetails"));
        }
        return result.getJsonObject("result").getOrDefault("value", JsonValue.NULL);
    }

    /** Waits until the JavaScript condition is true in the page (a page still loading counts as false). */
    void waitFor(String condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                if (JsonValue.TRUE.equals(evaluate("!!(" + condition + ")"))) {
                    return;
                }
                last = "false";
            } catch (AssertionError e) {
                last = e.getMessage(); // e.g. the execution context went away with a navigation
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not true within " + timeout + ": " + condition + " (last: " + last
                + "; location: " + evaluate("location.href") + ")");
    }

    /** A PNG of the page's viewport. */
    byte[] screenshot() {
        JsonObject shot = call("Page.captureScreenshot", Json.createObjectBuilder().add("format", "png").build());
        return Base64.getDecoder().decode(shot.getString("data"));
    }

    private JsonObject call(String method, JsonObject params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonObject> answer = new CompletableFuture<>();
        calls.put(id, answer);
        String message = Json.createObjectBuilder().add("id", id).add("method", method).add("params", params)
                .build().toString();
        try {
            socket.sendText(message, true).get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            JsonObject response = answer.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (response.containsKey("error")) {
                throw new AssertionError(method + " failed: " + response.get("error"));
            }
            return response.getJsonObject("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(method + " interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError(method + " got no answer within " + CALL_TIMEOUT + ": " + e, e);
        } finally {
            calls.remove(id);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            socket.abort();
        } finally {
            stop(process);
            delete(profile);
        }
    }

    private static void stop(Process process) {
        List<ProcessHandle> children = new ArrayList<>(process.descendants().toList());
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // Chromium may still be writing into its profile while it exits; a leftover temp dir is harmless.
        }
    }

    /** Collects the protocol's text messages and completes the call each answer belongs to. */
    private static final class Listener implements WebSocket.Listener {
        private final Map<Integer, CompletableFuture<JsonObject>> calls;
        private final StringBuilder text = new StringBuilder();

        Listener(Map<Integer, CompletableFuture<JsonObject>> calls) {
            this.calls = calls;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                JsonObject message;
                try (JsonReader r = Json.createReader(new StringReader(text.toString()))) {
                    message = r.readObject();
                }
                text.setLength(0);
                if (message.containsKey("id")) {
                    CompletableFuture<JsonObject> call = calls.get(message.getInt("id"));
                    if (call != null) {
                        call.complete(message);
                    }
                }
            }
            socket.request(1);
            return null;
        }
    }
}
