package io.github.tokenstore.web;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The servlet's registration without web.xml: only with the OAuth client, and only if the redirect URI is the callback. */
class LoginInitializerTest {

    private final List<String> mappings = new ArrayList<>();
    private final List<Object> servlets = new ArrayList<>();

    private ServletContext context(String contextPath) {
        ServletRegistration.Dynamic registration = (ServletRegistration.Dynamic) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ServletRegistration.Dynamic.class}, (p, m, args) -> {
                    if (m.getName().equals("addMapping")) {
                        mappings.addAll(List.of((String[]) args[0]));
                        return java.util.Set.of();
                    }
                    return null;
                });
        return (ServletContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServletContext.class}, (p, m, args) -> switch (m.getName()) {
                    case "getContextPath" -> contextPath;
                    case "getClassLoader" -> getClass().getClassLoader();
                    case "addServlet" -> {
                        servlets.add(args[1]);
                        yield args[1] instanceof Servlet ? registration : null;
                    }
                    default -> null;
                });
    }

    private static java.util.function.Function<String, Optional<String>> config(String... keysAndValues) {
        Map<String, String> values = new java.util.HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return key -> Optional.ofNullable(values.get(key));
    }

    @Test
    void withTheOAuthClientAndTheCallbackAsRedirectUriTheServletIsMappedAtLoginAndCallback() {
        assertThat(LoginInitializer.register(context("/portal"), config("tokenstore.oauth.client-id", "1000.C",
                "tokenstore.oauth.redirect-uri", "https://app.example/portal/tokenstore/callback"))).isTrue();

        assertThat(mappings).containsExactly("/tokenstore/login", "/tokenstore/callback");
        assertThat(servlets).singleElement().isInstanceOf(LoginServlet.class);
    }

    @Test
    void theLoginPathMovesBothPages() {
        assertThat(LoginInitializer.register(context(""), config("tokenstore.oauth.client-id", "1000.C",
                "tokenstore.login.path", "/auth/zoho",
                "tokenstore.oauth.redirect-uri", "https://app.example/auth/zoho/callback"))).isTrue();

        assertThat(mappings).containsExactly("/auth/zoho/login", "/auth/zoho/callback");
    }

    @Test
    void aRedirectUriThatIsNotTheCallbackFailsTheDeployment() {
        assertThatThrownBy(() -> LoginInitializer.register(context("/portal"), config("tokenstore.oauth.client-id",
                "1000.C", "tokenstore.oauth.redirect-uri", "https://app.example/portal/callback")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("TOKENSTORE-0834: tokenstore.oauth.redirect-uri must point at the library's callback"
                        + " /portal/tokenstore/callback but its path is /portal/callback; set it to the callback (and"
                        + " register that URI with the provider), or set tokenstore.login.enabled=false to keep your"
                        + " own callback");
        assertThat(servlets).isEmpty();
    }

    @Test
    void withoutTheOAuthClientOrWhenDisabledOrWithoutRedirectUriNothingIsRegistered() {
        assertThat(LoginInitializer.register(context("/portal"), config())).isFalse();
        assertThat(LoginInitializer.register(context("/portal"), config("tokenstore.oauth.client-id", "1000.C",
                "tokenstore.login.enabled", "false",
                "tokenstore.oauth.redirect-uri", "https://app.example/portal/callback"))).isFalse();
        assertThat(LoginInitializer.register(context("/portal"), config("tokenstore.oauth.client-id", "1000.C")))
                .isFalse();
        assertThat(servlets).isEmpty();
    }

    @Test
    void aWrongLoginKeyFailsTheDeployment() {
        assertThatThrownBy(() -> LoginInitializer.register(context(""), config("tokenstore.oauth.client-id",
                "1000.C", "tokenstore.login.path", "//evil")))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("TOKENSTORE-0836: ");
    }

    private static final List<String> NAMED = List.of("tokenstore.clients.salesforce.provider",
            "tokenstore.clients.salesforce.client-id", "tokenstore.clients.salesforce.client-secret",
            "tokenstore.clients.salesforce.redirect-uri");

    @Test
    void namedClientsAddTheirPagesUnderTheLoginAndCallbackPaths() {
        assertThat(LoginInitializer.register(context("/portal"), config("tokenstore.oauth.client-id", "1000.C",
                "tokenstore.oauth.redirect-uri", "https://app.example/portal/tokenstore/callback",
                "tokenstore.clients.salesforce.provider", "salesforce",
                "tokenstore.clients.salesforce.client-id", "sf", "tokenstore.clients.salesforce.client-secret", "x",
                "tokenstore.clients.salesforce.redirect-uri",
                "https://app.example/portal/tokenstore/callback/salesforce"), NAMED)).isTrue();

        assertThat(mappings).containsExactly("/tokenstore/login", "/tokenstore/callback", "/tokenstore/login/*",
                "/tokenstore/callback/*");
        assertThat(servlets).singleElement().isInstanceOf(LoginServlet.class);
    }

    @Test
    void aNamedClientsRedirectUriThatIsNotItsCallbackFailsTheDeployment_1123() {
        assertThatThrownBy(() -> LoginInitializer.register(context("/portal"), config(
                "tokenstore.clients.salesforce.provider", "salesforce",
                "tokenstore.clients.salesforce.client-id", "sf", "tokenstore.clients.salesforce.client-secret", "x",
                "tokenstore.clients.salesforce.redirect-uri", "https://app.example/portal/tokenstore/callback/zoho"),
                NAMED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("TOKENSTORE-1123: tokenstore.clients.salesforce.redirect-uri must point at the library's"
                        + " callback of the client (/portal/tokenstore/callback or"
                        + " /portal/tokenstore/callback/salesforce) but its path is /portal/tokenstore/callback/zoho;"
                        + " set it to the callback (and register that URI with the provider), or set"
                        + " tokenstore.login.enabled=false to keep your own callback");
        assertThat(servlets).isEmpty();
    }
}
