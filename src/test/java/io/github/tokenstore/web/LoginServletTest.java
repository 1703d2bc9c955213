package io.github.tokenstore.web;

import io.github.tokenstore.memory.InMemoryTokenStore;
import io.github.tokenstore.login.LoginFlow;
import io.github.tokenstore.login.PendingLogins;
import io.github.tokenstore.oauth.TokenService;
import io.github.tokenstore.oauth.ZohoAccountsClient;
import io.github.tokenstore.oidc.OAuth2Provider;
import io.github.tokenstore.provider.OAuthProviders;
import io.github.tokenstore.zoho.ZohoProvider;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The servlet's paths: {@code …/login} and {@code …/callback} are the default client's, {@code …/login/<name>}
 * and {@code …/callback/<name>} a named client's (the path info of the {@code /*} mapping), and a name without
 * a client is a 404 that does not repeat it. No request leaves the JVM: only logins are started.
 */
class LoginServletTest {

    private final InMemoryTokenStore store = new InMemoryTokenStore();
    private final OAuthProviders zoho = OAuthProviders.single(ZohoProvider.of(ZohoAccountsClient.builder()
            .accountsUrl(URI.create("https://accounts.zoho.eu")).clientId("1000.CLIENT").clientSecret("s3cret")
            .redirectUri("https://app.example/portal/tokenstore/callback").build()));
    private final OAuthProviders crm = OAuthProviders.single(OAuth2Provider.builder()
            .authorizationEndpoint(URI.create("https://crm.example/authorize"))
            .tokenEndpoint(URI.create("https://crm.example/token")).clientId("crm-client").clientSecret("x")
            .redirectUri("https://app.example/portal/tokenstore/callback/crm").build());
    private final TokenService zohoTokens = TokenService.builder(store, zoho).build();
    private final TokenService crmTokens = TokenService.builder(store, crm).client("crm").build();
    private final LoginServlet servlet;

    LoginServletTest() {
        LoginFlow zohoFlow = new LoginFlow(zoho, PendingLogins.inMemory(), store, zohoTokens, Clock.systemUTC(),
                new SecureRandom());
        LoginFlow crmFlow = new LoginFlow("crm", false, crm, PendingLogins.inMemory(), store, crmTokens,
                Clock.systemUTC(), new SecureRandom());
        servlet = new LoginServlet("/tokenstore", new LoginPages(zohoFlow, Map.of("crm", crmFlow), "/tokenstore",
                null, done -> { }));
    }

    @AfterEach
    void close() {
        zohoTokens.close();
        crmTokens.close();
    }

    /** What the servlet answered. */
    private static final class Answer {
        int status = 200;
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        String body() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    private Answer get(String servletPath, String pathInfo) throws Exception {
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, args) -> switch (m.getName()) {
                    case "getServletPath" -> servletPath;
                    case "getPathInfo" -> pathInfo;
                    case "getContextPath" -> "/portal";
                    case "isSecure" -> true;
                    default -> null;
                });
        Answer answer = new Answer();
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }

            @Override
            public void write(int b) {
                answer.body.write(b);
            }
        };
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (p, m, args) -> {
                    switch (m.getName()) {
                        case "setStatus", "sendError" -> answer.status = (Integer) args[0];
                        case "setHeader" -> answer.headers.put((String) args[0], (String) args[1]);
                        case "getOutputStream" -> {
                            return out;
                        }
                        default -> {
                        }
                    }
                    return null;
                });
        servlet.doGet(request, response);
        return answer;
    }

    @Test
    void theLoginWithoutANameIsTheDefaultClientsAndWithANameThatClients() throws Exception {
        Answer zohoLogin = get("/tokenstore/login", null);
        Answer crmLogin = get("/tokenstore/login", "/crm");

        assertThat(zohoLogin.status).isEqualTo(303);
        assertThat(zohoLogin.headers.get("Location")).startsWith("https://accounts.zoho.eu/oauth/v2/auth?");
        assertThat(crmLogin.status).isEqualTo(303);
        assertThat(crmLogin.headers.get("Location")).startsWith("https://crm.example/authorize?")
                .contains("code_challenge_method=S256");
        assertThat(crmLogin.headers).containsEntry("Cache-Control", "no-store")
                .containsEntry("Referrer-Policy", "no-referrer");
    }

    @Test
    void aNameWithoutAClientIsA404ThatDoesNotRepeatIt() throws Exception {
        for (Answer answer : List.of(get("/tokenstore/login", "/nobody"), get("/tokenstore/callback", "/nobody"),
                get("/tokenstore/login", "/crm/more"))) {
            assertThat(answer.status).isEqualTo(404);
            assertThat(answer.headers).doesNotContainKey("Location");
            assertThat(answer.body()).contains("Not found").doesNotContain("nobody").doesNotContain("more");
        }
        assertThat(get("/elsewhere", null).status).isEqualTo(404);
    }
}
