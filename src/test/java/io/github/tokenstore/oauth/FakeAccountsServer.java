package io.github.tokenstore.oauth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A Zoho accounts server on loopback that counts its calls and answers as a test scripts it. By default
 * a grant exchange answers {@code access-1}/{@code refresh-1}, and the n-th refresh answers
 * {@code access-refreshed-n}, each valid 3600 s, with the API domain {@code https://www.zohoapis.eu}.
 */
public final class FakeAccountsServer implements AutoCloseable {

    /** How long a held request waits at most for its release, so a failing test never hangs. */
    static final long HOLD_LIMIT_SECONDS = 10;

    public record Reply(int status, String contentType, String body) {
        public static Reply json(String body) {
            return new Reply(200, "application/json;charset=UTF-8", body);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    public final AtomicInteger tokenCalls = new AtomicInteger();
    public final AtomicInteger refreshCalls = new AtomicInteger();
    public final AtomicInteger grantCalls = new AtomicInteger();
    public final AtomicInteger revokeCalls = new AtomicInteger();
    /** Requests for the OpenID Connect discovery document and the key set. */
    public final AtomicInteger discoveryCalls = new AtomicInteger();
    public final AtomicInteger keysCalls = new AtomicInteger();
    /** The discovery document's {@code issuer}; {@code null}: {@link #url()}. */
    public volatile String issuer;
    /** The discovery document's {@code jwks_uri}; {@code null}: {@link #url()}{@code /oauth/v2/keys}. */
    public volatile String jwksUri;
    /** The key set served at {@code /oauth/v2/keys}, as JSON. */
    public volatile String jwks = "{\"keys\":[]}";
    public final List<Map<String, String>> forms = new CopyOnWriteArrayList<>();
    final List<String> contentTypes = new CopyOnWriteArrayList<>();
    public final List<Map<String, String>> revokeQueries = new CopyOnWriteArrayList<>();

    /** Answers token-endpoint calls; gets the form and the call's number (1-based, per grant type). */
    public volatile Function<Map<String, String>, Reply> tokenReplies = this::defaultReply;
    public volatile Reply revokeReply = Reply.json("{\"status\":\"success\"}");

    /** Counted down when a token-endpoint call arrives (before it may be held). */
    volatile CountDownLatch arrived = new CountDownLatch(1);
    /** Counted down by each of the first two token-endpoint calls. */
    final CountDownLatch arrivedTwice = new CountDownLatch(2);
    /** If set, token-endpoint calls wait for it before answering. */
    volatile CountDownLatch hold;

    public FakeAccountsServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/oauth/v2/token", this::token);
        server.createContext("/oauth/v2/token/revoke", this::revoke);
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.createContext("/oauth/v2/keys", this::keys);
        server.setExecutor(threads);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private Reply defaultReply(Map<String, String> form) {
        if ("authorization_code".equals(form.get("grant_type"))) {
            return Reply.json("{\"access_token\":\"access-1\",\"refresh_token\":\"refresh-1\","
                    + "\"api_domain\":\"https://www.zohoapis.eu\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        }
        return Reply.json("{\"access_token\":\"access-refreshed-" + refreshCalls.get() + "\","
                + "\"api_domain\":\"https://www.zohoapis.eu\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form = parse(new String(readAll(exchange.getRequestBody()), StandardCharsets.UTF_8));
            forms.add(form);
            contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            tokenCalls.incrementAndGet();
            if ("refresh_token".equals(form.get("grant_type"))) {
                refreshCalls.incrementAndGet();
            } else {
                grantCalls.incrementAndGet();
            }
            arrived.countDown();
            arrivedTwice.countDown();
            CountDownLatch h = hold;
            if (h != null) {
                try {
                    h.await(HOLD_LIMIT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            send(exchange, tokenReplies.apply(form));
        }
    }

    /** Every request this server answered, of any kind. */
    public int requests() {
        return tokenCalls.get() + revokeCalls.get() + discoveryCalls.get() + keysCalls.get();
    }

    private void discovery(HttpExchange exchange) throws IOException {
        try (exchange) {
            discoveryCalls.incrementAndGet();
            String iss = issuer != null ? issuer : url().toString();
            String keys = jwksUri != null ? jwksUri : url() + "/oauth/v2/keys";
            send(exchange, Reply.json("{\"issuer\":\"" + iss + "\",\"jwks_uri\":\"" + keys + "\","
                    + "\"authorization_endpoint\":\"" + url() + "/oauth/v2/auth\"}"));
        }
    }

    private void keys(HttpExchange exchange) throws IOException {
        try (exchange) {
            keysCalls.incrementAndGet();
            send(exchange, Reply.json(jwks));
        }
    }

    private void revoke(HttpExchange exchange) throws IOException {
        try (exchange) {
            readAll(exchange.getRequestBody());
            revokeCalls.incrementAndGet();
            revokeQueries.add(parse(exchange.getRequestURI().getRawQuery()));
            send(exchange, revokeReply);
        }
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    static Map<String, String> parse(String form) {
        Map<String, String> map = new LinkedHashMap<>();
        if (form == null || form.isEmpty()) {
            return map;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            map.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return map;
    }

    @Override
    public void close() {
        CountDownLatch h = hold;
        if (h != null) {
            while (h.getCount() > 0) {
                h.countDown();
            }
        }
        server.stop(0);
        threads.shutdownNow();
    }
}
