package io.github.tokenstore.examples.portal;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The library's health checks and metrics on each real server (docs/operations.md, "Health and metrics").
 *
 * <ul>
 *   <li>Health: {@code /health/ready} (WildFly: on the management port; Liberty: on the HTTP port, feature
 *       {@code mpHealth-4.0}) lists the checks {@code tokenstore-store} and {@code tokenstore-refused-tokens},
 *       both UP, with no user name in the answer.</li>
 *   <li>Metrics, when the servers were started with OpenTelemetry exporting OTLP over HTTP to this test
 *       (environment {@code OTEL_SDK_DISABLED=false}, {@code OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:PORT},
 *       {@code OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf}, {@code OTEL_METRICS_EXPORTER=otlp},
 *       {@code OTEL_METRIC_EXPORT_INTERVAL=1000}; see the command in docs/operations.md): a receiver on that port takes
 *       the exports, and the library's metric names must arrive, from the server's own resource. The
 *       body is protobuf, in which names are plain UTF-8 strings, so the test looks for their bytes.
 *       Without that environment the metric test is skipped (assumption), never passed.</li>
 * </ul>
 */
class HealthAndMetricsIT {

    private static final String ENDPOINT = System.getenv("OTEL_EXPORTER_OTLP_ENDPOINT");
    private static final ConcurrentLinkedQueue<byte[]> EXPORTS = new ConcurrentLinkedQueue<>();
    private static HttpServer receiver;

    static List<PortalServer> servers() {
        return PortalServer.configured();
    }

    @BeforeAll
    static void receiveOtlp() throws IOException {
        if (ENDPOINT == null) {
            return;
        }
        URI uri = URI.create(ENDPOINT);
        assertThat(uri.getHost()).as("loopback only").isEqualTo("127.0.0.1");
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", uri.getPort()), 50);
        receiver.createContext("/", exchange -> {
            // WildFly's exporter compresses its exports (gzip); Liberty's does not.
            boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
            try (InputStream in = gzip ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                if (exchange.getRequestURI().getPath().equals("/v1/metrics")) {
                    EXPORTS.add(body);
                }
            }
            // An empty ExportMetricsServiceResponse: success.
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, 0);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() throws IOException {
        if (receiver != null) {
            receiver.stop(0);
            // What arrived, for a reader of the failsafe reports.
            Path dump = Path.of("target", "otlp-metrics.txt");
            Files.writeString(dump, EXPORTS.stream().map(HealthAndMetricsIT::printable)
                    .collect(Collectors.joining("\n----\n")));
        }
    }

    static String healthUrl(PortalServer server) {
        if (server instanceof PortalServer.WildFly) {
            return "http://" + System.getProperty("portal.wildfly.management") + "/health/ready";
        }
        return server.baseUrl().replaceFirst("/student-portal$", "") + "/health/ready";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void the_readiness_checks_of_the_library_are_up(PortalServer server) throws Exception {
        server.deployed();

        HttpResponse<String> response = Http.get(healthUrl(server));

        // 200 when everything is UP, 503 when any check is DOWN: the server's own checks (a port another
        // program holds shows as WildFly's boot-errors DOWN) are not this test's business, only the library's.
        assertThat(response.statusCode()).as(response.body()).isIn(200, 503);
        JsonObject health = Http.json(response);
        Map<String, JsonObject> checks = health.getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(c -> c.getString("name"), Function.identity()));
        assertThat(checks).containsKeys("tokenstore-store", "tokenstore-refused-tokens");
        JsonObject store = checks.get("tokenstore-store");
        assertThat(store.getString("status")).as(store.toString()).isEqualTo("UP");
        assertThat(store.getJsonObject("data").containsKey("durationMs")).isTrue();
        JsonObject refused = checks.get("tokenstore-refused-tokens");
        assertThat(refused.getString("status")).isEqualTo("UP");
        // The portal configures the OAuth client, so the library has a TokenService: a count (no user refused yet
        // unless another test revoked one).
        assertThat(refused.getJsonObject("data").getJsonNumber("refusedTokens").longValue()).isNotNegative();
        assertThat(response.body()).doesNotContain("@");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void the_library_metrics_are_exported_over_otlp(PortalServer server) throws Exception {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            // CI (.ci/run) exports the OTEL_* settings: there a missing endpoint is a failure, not a skip.
            assertThat(ENDPOINT).as("OTEL_EXPORTER_OTLP_ENDPOINT, set by .ci/run").isNotNull();
        }
        assumeThat(ENDPOINT).as("OTEL_EXPORTER_OTLP_ENDPOINT (the metrics command of docs/operations.md)").isNotNull();
        server.deployed();
        // Something for the measured store and the token count to report: the readiness probe reads the store.
        Http.get(healthUrl(server));
        // Whose export it is: WildFly names the resource after the deployment (service.name), Liberty's
        // resource and its own metrics carry io.openliberty names.
        String mark = server instanceof PortalServer.WildFly ? "student-portal.war" : "io.openliberty";

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<String> names = List.of("tokenstore.store.operation.duration", "tokenstore.token.count");
        String seen = "";
        while (System.nanoTime() < deadline) {
            seen = EXPORTS.stream().map(b -> new String(b, StandardCharsets.ISO_8859_1))
                    .filter(s -> s.contains(mark))
                    .filter(s -> names.stream().allMatch(s::contains))
                    .findFirst().orElse("");
            if (!seen.isEmpty()) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(seen).as("an OTLP export from %s with %s (%d exports arrived; target/otlp-metrics.txt)", mark,
                names, EXPORTS.size()).isNotEmpty();
        assertThat(seen).contains("io.github.tokenstore", "tokenstore.store.operation");
    }

    /** The body with every byte outside printable ASCII as a dot. */
    static String printable(byte[] body) {
        StringBuilder b = new StringBuilder(body.length);
        for (byte x : body) {
            b.append(x >= 32 && x < 127 ? (char) x : '.');
        }
        return b.toString();
    }
}
