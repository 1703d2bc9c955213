package io.github.tokenstore.oauth;

import io.github.tokenstore.EncryptionKeys;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStores;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.oidc.ClientKey;
import io.github.tokenstore.oidc.OAuth2Provider;
import io.github.tokenstore.security.TestKeys;
import io.github.tokenstore.spi.RefreshLock;
import io.github.tokenstore.spi.TokenListener;
import io.github.tokenstore.testing.FakeOAuthServer;
import io.github.tokenstore.testing.MutableClock;
import io.github.tokenstore.testing.TestClientKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the library's scenarios with known secret values — stores saving, finding and deleting,
 * argument and value failures, broken and encrypted files, missing keys, an unreachable database, an
 * accounts server that refuses, fails and echoes the request — while a root handler captures every
 * java.util.logging record at level ALL, and every exception is kept. No log record (message,
 * parameters, thrown chain) and no exception (message, toString, causes, suppressed, stack trace text)
 * holds a secret.
 */
class SecretsNeverLeakTest {

    static final String CLIENT_SECRET = "LEAKcs-5f1e";
    static final String ACCESS = "LEAKat-77aa";
    static final String REFRESH = "LEAKrt-90bb";
    static final String GRANT = "LEAKgt-13cc";
    static final String DB_PASSWORD = "LEAKpw-42dd";
    static final String KEY = TestKeys.newKey();
    static final String CLIENT_KEY_PEM = TestClientKeys.RSA_KEY_PEM;
    /** The secrets, and the start of each line of the client key's PEM body. */
    static final List<String> SECRETS = Stream.concat(Stream.of(CLIENT_SECRET, ACCESS, REFRESH, GRANT, DB_PASSWORD,
            KEY), CLIENT_KEY_PEM.lines().filter(l -> !l.startsWith("-----")).map(l -> l.substring(0, 16))).toList();

    @TempDir
    Path dir;

    final List<String> captured = new CopyOnWriteArrayList<>();
    final List<Throwable> thrown = new ArrayList<>();
    Handler handler;
    Level rootLevel;

    @BeforeEach
    void capture() {
        Logger root = Logger.getLogger("");
        rootLevel = root.getLevel();
        handler = new Handler() {
            final SimpleFormatter formatter = new SimpleFormatter();

            @Override
            public void publish(LogRecord r) {
                captured.add(formatter.format(r) + " " + r.getMessage() + " "
                        + (r.getParameters() == null ? "" : List.of(r.getParameters())));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        root.setLevel(Level.ALL);
        for (String name : List.of("io.github.tokenstore", "com.zaxxer.hikari")) {
            Logger.getLogger(name).setLevel(Level.ALL);
        }
    }

    @AfterEach
    void release() {
        Logger root = Logger.getLogger("");
        root.removeHandler(handler);
        root.setLevel(rootLevel);
        for (String name : List.of("io.github.tokenstore", "com.zaxxer.hikari")) {
            Logger.getLogger(name).setLevel(null);
        }
    }

    private void expectFailure(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            thrown.add(e);
            return;
        }
        throw new AssertionError("expected a failure");
    }

    private static OAuthToken secretToken(String user) {
        return OAuthToken.builder().user(user).clientId("1000.CLIENT").clientSecret(CLIENT_SECRET)
                .accessToken(ACCESS).refreshToken(REFRESH).grantToken(GRANT).build();
    }

    private void storeScenarios(TokenStore store) {
        OAuthToken saved = store.saveToken(secretToken("alice"));
        thrown.add(new RuntimeException("toString " + saved + " " + store));
        store.findToken(OAuthToken.builder().accessToken(ACCESS).build());
        store.findToken(OAuthToken.builder().clientId("1000.CLIENT").refreshToken(REFRESH).build());
        expectFailure(() -> store.findToken(OAuthToken.builder().clientId("c").clientSecret(CLIENT_SECRET).build()));
        expectFailure(() -> store.saveToken(OAuthToken.builder().user("x").clientSecret(CLIENT_SECRET).build()));
        expectFailure(() -> OAuthToken.builder().accessToken(ACCESS + "\u0000").build());
        expectFailure(() -> OAuthToken.builder().accessToken(ACCESS + "\ud800").build());
        expectFailure(() -> OAuthToken.builder().refreshToken(REFRESH.repeat(1000)).build());
        expectFailure(() -> new UserSignature(ACCESS + "\u0000"));
        store.deleteToken(saved.id());
    }

    @Test
    void noSecretInAnyLogRecordOrException() throws Exception {
        EncryptionKeys keys = TestKeys.keys("k1", KEY);
        thrown.add(new RuntimeException(keys.toString()));

        // Stores: memory, file (plain and encrypted), JPA on H2 (plain and encrypted).
        storeScenarios(TokenStores.inMemory());
        storeScenarios(TokenStores.file(dir.resolve("plain.txt")));
        storeScenarios(TokenStores.file(dir.resolve("enc.txt"), keys));
        // A plaintext JPA store hands plaintext values to the JPA provider, whose own DEBUG/TRACE logging
        // (Hibernate's EntityPrinter and org.hibernate.orm.jdbc.bind) prints them: that is the provider's
        // logging, configured by the application (docs/security.md). Here org.hibernate stays at INFO; the
        // encrypted store below runs with org.hibernate at ALL, and the provider only sees ciphertext.
        Logger hibernate = Logger.getLogger("org.hibernate");
        hibernate.setLevel(Level.INFO);
        try (TokenStore jpa = TokenStores.jpa("jdbc:h2:file:" + dir.resolve("db"), "sa", "")) {
            storeScenarios(jpa);
        } finally {
            hibernate.setLevel(null);
        }
        try (TokenStore jpa = TokenStores.jpa("jdbc:h2:file:" + dir.resolve("encdb"), "sa", "", keys)) {
            storeScenarios(jpa);
            jpa.saveToken(secretToken("bob"));
        }
        // Missing and wrong keys, no keys on encrypted data.
        try (TokenStore wrong = TokenStores.jpa("jdbc:h2:file:" + dir.resolve("encdb"), "sa", "",
                TestKeys.keys("k1", TestKeys.newKey()))) {
            expectFailure(wrong::getTokens);
        }
        try (TokenStore none = TokenStores.jpa("jdbc:h2:file:" + dir.resolve("encdb"), "sa", "")) {
            expectFailure(none::getTokens);
        }
        Path enc = dir.resolve("enc2.txt");
        TokenStores.file(enc, keys).saveToken(secretToken("carol"));
        expectFailure(() -> TokenStores.file(enc).getTokens());
        expectFailure(() -> TokenStores.file(enc, TestKeys.keys("k2", TestKeys.newKey())).getTokens());
        expectFailure(() -> EncryptionKeys.parse("k1:" + KEY + "," + KEY));
        expectFailure(() -> EncryptionKeys.parse("k1:" + KEY.substring(4)));

        // File errors with secrets in the file: a corrupt line, a headerless token file, a bad value.
        Path corrupt = dir.resolve("corrupt.txt");
        Files.writeString(corrupt, "id,user_name,client_id,client_secret,refresh_token,access_token,grant_token,"
                + "expiry_time,redirect_url,api_domain\nid1,alice,c," + CLIENT_SECRET + "," + REFRESH + "\n");
        expectFailure(() -> TokenStores.file(corrupt).getTokens());
        Path headerless = dir.resolve("headerless.txt");
        Files.writeString(headerless, "id1,alice,c," + CLIENT_SECRET + "," + REFRESH + "," + ACCESS + "," + GRANT
                + ",1,,\n");
        expectFailure(() -> TokenStores.file(headerless).getTokens());
        Path badValue = dir.resolve("bad.txt");
        Files.writeString(badValue, "id,user_name,client_id,client_secret,refresh_token,access_token,grant_token,"
                + "expiry_time,redirect_url,api_domain\nid1,alice,c," + CLIENT_SECRET + "," + REFRESH + "," + ACCESS
                + "," + GRANT + ",notanumber,,\n");
        expectFailure(() -> TokenStores.file(badValue).getTokens());

        // An unreachable database. (The password goes as argument: the PostgreSQL driver itself logs the
        // URL at FINE, so a password inside the URL would be the driver's leak; docs/security.md.)
        expectFailure(() -> TokenStores.jpa("jdbc:postgresql://127.0.0.1:1/x", "u", DB_PASSWORD));

        // The OAuth client and service against a loopback accounts server that refuses and echoes secrets.
        // Zoho's revoke endpoint takes the refresh token in the query, and the JDK HttpClient's own debug
        // logger prints request URIs at FINE: that logger stays at INFO here (docs/security.md).
        Logger httpClientDebug = Logger.getLogger("jdk.internal.httpclient.debug");
        httpClientDebug.setLevel(Level.INFO);
        // The fake accounts server (the JDK HttpServer) is the other side: its request log is not ours.
        Logger fakeServer = Logger.getLogger("com.sun.net.httpserver");
        fakeServer.setLevel(Level.INFO);
        try (FakeAccountsServer server = new FakeAccountsServer()) {
            ZohoAccountsClient client = ZohoAccountsClient.builder().accountsUrl(server.url()).clientId("1000.CLIENT")
                    .clientSecret(CLIENT_SECRET).build();
            thrown.add(new RuntimeException(client.toString()));
            server.tokenReplies = form -> FakeAccountsServer.Reply.json("{\"error\":\"invalid_code\",\"echo\":\""
                    + form.get("code") + form.get("client_secret") + "\"}");
            expectFailure(() -> client.exchangeGrantCode(GRANT));
            server.tokenReplies = form -> FakeAccountsServer.Reply.json("{\"error\":\"" + form.get("refresh_token")
                    + "\"}");
            expectFailure(() -> client.refresh(REFRESH));
            server.tokenReplies = form -> new FakeAccountsServer.Reply(500, "text/plain", CLIENT_SECRET + ACCESS);
            expectFailure(() -> client.refresh(REFRESH));
            server.tokenReplies = form -> FakeAccountsServer.Reply.json("{\"access_token\":\"" + ACCESS + "\"}");
            expectFailure(() -> client.refresh(REFRESH));
            server.revokeReply = new FakeAccountsServer.Reply(500, "text/plain", REFRESH);
            expectFailure(() -> client.revoke(REFRESH));

            MutableClock clock = new MutableClock(java.time.Instant.parse("2026-11-28T10:00:00Z"));
            TokenStore store = new io.github.tokenstore.memory.InMemoryTokenStore(clock);
            store.saveToken(secretToken("dave").toBuilder().expiresAt(clock.instant().minusSeconds(5)).build());
            try (TokenService service = new TokenService(store, client, RefreshPolicy.defaults(), RefreshLock.inJvm(),
                    TokenListener.NONE, clock, null, true)) {
                server.tokenReplies = form -> FakeAccountsServer.Reply.json("{\"error\":\"invalid_code\"}");
                expectFailure(() -> service.currentToken(new UserSignature("dave")));
                expectFailure(() -> service.authorize(GRANT, new UserSignature("erin")));
                store.saveToken(secretToken("frank"));
                service.delete(new UserSignature("frank")); // the revocation fails: logged, deleted anyway
                thrown.add(new RuntimeException(service.toString()));
            }
            clock.advance(Duration.ofDays(1));
            TokenCleanup cleanup = new TokenCleanup((io.github.tokenstore.memory.InMemoryTokenStore) store,
                    Duration.ofHours(1), RefreshLock.inJvm(), client, TokenListener.NONE, clock);
            cleanup.sweep();

            // private_key_jwt: a provider that refuses the assertion, keys and certificates that do not parse.
            try (FakeOAuthServer fake = new FakeOAuthServer(FakeOAuthServer.Mode.ROTATING_STRICT)) {
                fake.clientAuth = FakeOAuthServer.ClientAuth.PRIVATE_KEY_JWT;
                fake.clientPublicKey = TestClientKeys.ec("secp256r1").getPublic();
                PrivateKey key = ClientKey.parsePrivateKey(CLIENT_KEY_PEM);
                OAuth2Provider provider = OAuth2Provider.builder().tokenEndpoint(fake.tokenEndpoint())
                        .revocationEndpoint(fake.revocationEndpoint()).clientId("c").clientKey(key)
                        .clientKeyId("k1").build();
                thrown.add(new RuntimeException(provider + " " + ClientKey.of(key, "k1", null)));
                expectFailure(() -> provider.refresh(REFRESH));
                expectFailure(() -> provider.revoke(REFRESH));
                expectFailure(() -> ClientKey.parsePrivateKey(CLIENT_KEY_PEM.replace("PRIVATE KEY",
                        "RSA PRIVATE KEY")));
                expectFailure(() -> ClientKey.parsePrivateKey(CLIENT_KEY_PEM.substring(0, 500)
                        + "\n-----END PRIVATE KEY-----"));
                expectFailure(() -> ClientKey.parseCertificate(CLIENT_KEY_PEM));
                expectFailure(() -> OAuth2Provider.builder().tokenEndpoint(fake.tokenEndpoint()).clientId("c")
                        .clientKey(key).clientSecret(CLIENT_SECRET).build());
            }
        } finally {
            httpClientDebug.setLevel(null);
            fakeServer.setLevel(null);
        }

        assertThat(thrown).hasSizeGreaterThan(25);
        assertThat(captured).as("log records were captured").isNotEmpty();
        List<String> texts = new ArrayList<>(captured);
        for (Throwable t : thrown) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            texts.add(trace.toString());
            for (Throwable c = t; c != null; c = c.getCause()) {
                texts.add(String.valueOf(c.getMessage()) + " " + c + " " + c.getLocalizedMessage());
            }
        }
        for (String text : texts) {
            for (String secret : SECRETS) {
                assertThat(text).doesNotContain(secret);
            }
        }
        System.out.printf("secrets never leak: %d log records and %d exceptions checked%n", captured.size(),
                thrown.size());
    }

}
