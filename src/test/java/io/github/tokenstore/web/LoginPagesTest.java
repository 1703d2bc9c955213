package io.github.tokenstore.web;

import io.github.tokenstore.login.LoginFlow;
import io.github.tokenstore.login.LoginOutcome;
import io.github.tokenstore.login.PendingLogins;
import io.github.tokenstore.memory.InMemoryTokenStore;
import io.github.tokenstore.oauth.FakeAccountsServer;
import io.github.tokenstore.oauth.FakeAccountsServer.Reply;
import io.github.tokenstore.oauth.TokenService;
import io.github.tokenstore.oauth.ZohoAccountsClient;
import io.github.tokenstore.login.IdTokens;
import io.github.tokenstore.provider.OAuthProviders;
import io.github.tokenstore.testing.MutableClock;
import io.github.tokenstore.zoho.ZohoProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The servlet's logic: cookie, redirects, session user, event, failure pages and the error path. */
class LoginPagesTest {

    private static final IdTokens KEY = new IdTokens("k-1", 21);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T12:00:00Z"));
    private final List<LoginOutcome.Completed> completed = new CopyOnWriteArrayList<>();
    private FakeAccountsServer server;
    private TokenService tokens;
    private LoginFlow flow;
    private String nonce;

    @BeforeEach
    void start() throws IOException, java.security.NoSuchAlgorithmException {
        server = new FakeAccountsServer();
        server.jwks = KEY.jwks();
        server.tokenReplies = form -> Reply.json("{\"access_token\":\"a-1\",\"refresh_token\":\"r-1\","
                + "\"expires_in\":3600,\"id_token\":\"" + KEY.sign(IdTokens.claims(server.url().toString(),
                "1000.CLIENT", nonce, "ada@school.example", clock.instant().plusSeconds(3600)).build()) + "\"}");
        ZohoAccountsClient client = ZohoAccountsClient.builder().accountsUrl(server.url()).clientId("1000.CLIENT")
                .clientSecret("s3cret").redirectUri("https://app.example/portal/tokenstore/callback").build();
        InMemoryTokenStore store = new InMemoryTokenStore(clock);
        OAuthProviders providers = OAuthProviders.single(new ZohoProvider("us", client, List.of(), clock));
        tokens = new TokenService(store, providers, io.github.tokenstore.oauth.RefreshPolicy.defaults(),
                io.github.tokenstore.spi.RefreshLock.inJvm(), io.github.tokenstore.spi.TokenListener.NONE,
                io.github.tokenstore.spi.TokenMetrics.NONE, clock, Runnable::run, false);
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(7);
        flow = new LoginFlow(providers, PendingLogins.inMemory(), store, tokens, clock, random);
    }

    @AfterEach
    void stop() {
        tokens.close();
        server.close();
    }

    private LoginPages pages(String errorPath) {
        return new LoginPages(flow, "/tokenstore", errorPath, completed::add);
    }

    private FakeExchange started(LoginPages pages, String returnPath) {
        FakeExchange login = new FakeExchange("/portal");
        if (returnPath != null) {
            login.parameters.put("return", returnPath);
        }
        pages.start(login);
        return login;
    }

    private FakeExchange callbackOf(FakeExchange login) {
        URI authorize = URI.create(login.location);
        FakeExchange callback = login.next(authorize);
        nonce = callback.parameters.remove("nonce");
        String state = callback.parameters.get("state");
        callback.parameters.clear();
        callback.parameters.put("state", state);
        callback.parameters.put("code", "code-1");
        return callback;
    }

    @Test
    void theStartSetsTheBrowserCookieAndRedirectsToTheAuthorizePage() {
        FakeExchange login = started(pages(null), "/students");

        assertThat(login.status).isEqualTo(303);
        assertThat(login.location).startsWith(server.url() + "/oauth/v2/auth?client_id=1000.CLIENT&response_type=code");
        assertThat(login.cookieSet).hasSize(43);
        assertThat(login.cookiePath).isEqualTo("/portal/tokenstore");
        assertThat(login.cookieSecure).isTrue();
    }

    @Test
    void theCallbackRecordsTheUserTellsTheEventAndRedirectsToTheReturnPath() {
        LoginPages pages = pages(null);
        FakeExchange callback = callbackOf(started(pages, "/students"));

        pages.callback(callback);

        assertThat(callback.status).isEqualTo(303);
        assertThat(callback.location).isEqualTo("/portal/students");
        assertThat(callback.sessionUser).isEqualTo("ada@school.example");
        assertThat(completed).singleElement().satisfies(c -> assertThat(c.user().name())
                .isEqualTo("ada@school.example"));
    }

    @Test
    void anOpenRedirectReturnGoesToTheApplicationRoot() {
        LoginPages pages = pages(null);
        FakeExchange callback = callbackOf(started(pages, "//evil.example"));

        pages.callback(callback);

        assertThat(callback.location).isEqualTo("/portal/");
    }

    @Test
    void aFailureIsAMinimalPageWithItsIdAndStatus() {
        LoginPages pages = pages(null);
        FakeExchange callback = callbackOf(started(pages, "/students"));
        callback.cookies.put(LoginPages.COOKIE, "A".repeat(43));

        pages.callback(callback);

        assertThat(callback.status).isEqualTo(403);
        assertThat(callback.html).isEqualTo("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Login failed</title></head><body><h1>Login failed</h1><p>TOKENSTORE-0803</p></body></html>\n");
        assertThat(callback.sessionUser).isNull();
        assertThat(completed).isEmpty();
        assertThat(server.tokenCalls).hasValue(0);
    }

    @Test
    void aReplayedCallbackIs400() {
        LoginPages pages = pages(null);
        FakeExchange callback = callbackOf(started(pages, "/students"));
        pages.callback(callback);
        FakeExchange replay = callback.next(null);
        replay.parameters.putAll(callback.parameters);

        pages.callback(replay);

        assertThat(replay.status).isEqualTo(400);
        assertThat(replay.html).contains("<p>TOKENSTORE-0801</p>");
    }

    @Test
    void withAnErrorPathAFailureRedirectsThereWithTheId() {
        LoginPages pages = pages("/login-failed");
        FakeExchange callback = callbackOf(started(pages, "/students"));
        callback.parameters.put("error", "access_denied");

        pages.callback(callback);

        assertThat(callback.status).isEqualTo(303);
        assertThat(callback.location).isEqualTo("/portal/login-failed?error=TOKENSTORE-0804");
        assertThat(callback.html).isNull();
    }

    @Test
    void noCodeStateNonceCookieSecretOrTokenReachesALogRecordOrAPage() {
        List<String> records = new CopyOnWriteArrayList<>();
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger("io.github.tokenstore");
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                records.add(r.getMessage() + (r.getThrown() == null ? "" : " " + r.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        logger.setLevel(java.util.logging.Level.ALL);
        List<String> secrets = new java.util.ArrayList<>(List.of("code-1", "s3cret", "a-1", "r-1"));
        List<String> pagesShown = new java.util.ArrayList<>();
        try {
            LoginPages pages = pages(null);
            for (String failure : List.of("foreign", "error", "replay", "ok")) {
                FakeExchange login = started(pages, "/students");
                FakeExchange callback = callbackOf(login);
                secrets.add(callback.parameters.get("state"));
                secrets.add(nonce);
                secrets.add(login.cookieSet);
                switch (failure) {
                    case "foreign" -> callback.cookies.put(LoginPages.COOKIE, "B".repeat(43));
                    case "error" -> callback.parameters.put("error", "access_denied");
                    case "replay" -> pages.callback(callbackOf(login).next(null));
                    default -> { }
                }
                pages.callback(callback);
                if (failure.equals("replay")) {
                    FakeExchange again = callback.next(null);
                    again.parameters.putAll(callback.parameters);
                    pages.callback(again);
                    pagesShown.add(again.html);
                }
                pagesShown.add(callback.html);
            }
        } finally {
            logger.removeHandler(handler);
            logger.setLevel(null);
        }
        assertThat(records).isNotEmpty();
        for (String secret : secrets) {
            assertThat(records).as("log records").noneMatch(r -> r.contains(secret));
            assertThat(pagesShown).as("pages").noneMatch(p -> p != null && p.contains(secret));
        }
    }

    @Test
    void aSingleProviderExchangesAtItsOwnServerWhateverTheCallbackNames() {
        LoginPages pages = pages(null);
        FakeExchange callback = callbackOf(started(pages, "/students"));
        callback.parameters.put("accounts-server", "https://accounts.zoho.com.evil.test");

        pages.callback(callback);

        // One provider allowed (OAuthProviders.single): any accounts-server goes to it, never elsewhere.
        assertThat(callback.status).isEqualTo(303);
        assertThat(server.grantCalls).hasValue(1);
    }
}
