package io.github.tokenstore.web;

import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.cdi.internal.ClientsConfig;
import io.github.tokenstore.cdi.internal.ClientsMessages;
import io.github.tokenstore.cdi.internal.ConfigKeys;
import io.github.tokenstore.cdi.internal.LoginConfig;
import io.github.tokenstore.cdi.internal.OAuthConfig;
import io.github.tokenstore.login.LoginMessages;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Registers the {@link LoginServlet} at {@code <tokenstore.login.path>/login} and {@code …/callback} when a web
 * application starts, without {@code web.xml}: listed in {@code META-INF/services/
 * jakarta.servlet.ServletContainerInitializer}, which WildFly and Open Liberty run for every jar in {@code
 * WEB-INF/lib}.
 *
 * <p>Named clients ({@code tokenstore.clients.<name>.*}) with a redirect URI add {@code …/login/<name>} and {@code
 * …/callback/<name>} (mapped as {@code …/login/*} and {@code …/callback/*}); each such redirect URI must be the
 * client's callback (the default client's may also be {@code …/callback}), else the deployment fails ({@code
 * TOKENSTORE-1123}).
 *
 * <p>Only when the OAuth client is configured ({@code tokenstore.oauth.client-id}, or a named client) and {@code
 * tokenstore.login.enabled} is not {@code false}. Then {@code tokenstore.oauth.redirect-uri} must point at the
 * callback of this application: a redirect URI with another path fails the deployment ({@code
 * TOKENSTORE-0834}); without one the pages are not registered and a warning says so ({@code TOKENSTORE-0835}).
 * Wrong {@code tokenstore.login.*} values fail it too; the CDI extension reports them with the other keys.
 */
public final class LoginInitializer implements ServletContainerInitializer {

    private static final System.Logger LOG = System.getLogger(LoginInitializer.class.getName());
    /** The servlet's name in the application. */
    public static final String SERVLET_NAME = "tokenstore-login";

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        register(context, configSource(context.getClassLoader()), ConfigKeys.names(context.getClassLoader()));
    }

    /** As {@link #register(ServletContext, Function, Iterable)} with the {@code tokenstore.oauth.*} client only. */
    static boolean register(ServletContext context, Function<String, Optional<String>> config) {
        return register(context, config, List.of());
    }

    /**
     * Registers the login servlet in {@code context} if {@code config} asks for it.
     *
     * @return whether it was registered
     * @throws IllegalStateException (failing the deployment) if the redirect URI is not the callback or a
     *                               {@code tokenstore.login.*} value is wrong
     */
    static boolean register(ServletContext context, Function<String, Optional<String>> config, Iterable<String> names) {
        ClientsConfig clients = ClientsConfig.readForBeans(config, names);
        boolean legacy = config.apply(OAuthConfig.CLIENT_ID).isPresent();
        if (!legacy && clients.named().isEmpty()) {
            return false;
        }
        List<TokenStoreException> problems = new ArrayList<>();
        LoginConfig login = LoginConfig.from(config, problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(problems.get(0).getMessage(), problems.get(0));
        }
        if (!login.enabled()) {
            return false;
        }
        String callback = context.getContextPath() + login.callbackPath();
        boolean pages = false;
        if (legacy) {
            Optional<String> redirect = config.apply(OAuthConfig.REDIRECT_URI).map(String::strip);
            if (redirect.isPresent()) {
                String redirectPath = path(redirect.get());
                if (!callback.equals(redirectPath)) {
                    throw new IllegalStateException(LoginMessages.redirectUriNotCallback(redirectPath, callback)
                            .getMessage());
                }
                pages = true;
            }
        }
        for (ClientsConfig.ClientConfig client : clients.named().values()) {
            if (client.redirectUri() == null) {
                // No login through this client: its tokens come from elsewhere.
                continue;
            }
            List<String> allowed = new ArrayList<>(List.of(callback + "/" + client.name()));
            if (client.name().equals(clients.defaultClient())) {
                allowed.add(0, callback);
            }
            String redirectPath = path(client.redirectUri());
            if (!allowed.contains(redirectPath)) {
                throw new IllegalStateException(ClientsMessages.redirectUriNotClientCallback(
                        client.key(ClientsConfig.REDIRECT_URI), redirectPath, allowed).getMessage());
            }
            pages = true;
        }
        if (!pages) {
            LOG.log(System.Logger.Level.WARNING, LoginMessages.redirectUriMissing().getMessage());
            return false;
        }
        ServletRegistration.Dynamic servlet = context.addServlet(SERVLET_NAME, new LoginServlet(login.path()));
        if (servlet == null) {
            // The application registered a servlet of that name itself: its choice.
            return false;
        }
        servlet.addMapping(login.loginPath(), login.callbackPath());
        if (!clients.named().isEmpty()) {
            // A client's pages: <path>/login/<client>, <path>/callback/<client>.
            servlet.addMapping(login.loginPath() + "/*", login.callbackPath() + "/*");
        }
        return true;
    }

    private static String path(String uri) {
        try {
            String p = new URI(uri).getRawPath();
            return p == null ? "" : p;
        } catch (URISyntaxException e) {
            return uri;
        }
    }

    /** MicroProfile Config of the application if it has it, else system properties (see {@link ConfigKeys}). */
    private static Function<String, Optional<String>> configSource(ClassLoader loader) {
        return ConfigKeys.of(loader);
    }
}
