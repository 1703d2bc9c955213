package io.github.tokenstore.cdi.internal;

import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.login.LoginMessages;
import io.github.tokenstore.login.ReturnPaths;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code tokenstore.login.*} keys: where the library serves its login pages and where failures go.
 *
 * @param enabled   whether a web application gets the library's login and callback servlet
 * @param path      the path of the login pages under the context, e.g. {@code /tokenstore}
 * @param errorPath the application's path failures are redirected to with {@code ?error=<ID>}, or {@code null}
 *                  for the library's minimal error page
 */
public record LoginConfig(boolean enabled, String path, String errorPath) {

    /** {@code true} (default) or {@code false}: the login servlet in a web application. */
    public static final String ENABLED = "tokenstore.login.enabled";
    /** The path of the login pages under the context; default {@value #DEFAULT_PATH}. */
    public static final String PATH = "tokenstore.login.path";
    /** The application's error page for failed logins; unset: the library's minimal page. */
    public static final String ERROR_PATH = "tokenstore.login.error-path";
    /** Default of {@link #PATH}. */
    public static final String DEFAULT_PATH = "/tokenstore";

    /** Every {@code tokenstore.login.*} key. */
    public static final List<String> KEYS = List.of(ENABLED, PATH, ERROR_PATH);

    /** The defaults: enabled at {@value #DEFAULT_PATH}, the library's error page. */
    public static LoginConfig defaults() {
        return new LoginConfig(true, DEFAULT_PATH, null);
    }

    /** The keys; wrong values are problems, and their defaults are kept. For the login servlet's initializer. */
    public static LoginConfig from(Function<String, Optional<String>> value, List<TokenStoreException> problems) {
        return read(value, problems);
    }

    /** The keys; wrong values are problems, and their defaults are kept. */
    static LoginConfig read(Function<String, Optional<String>> value, List<TokenStoreException> problems) {
        boolean enabled = value.apply(ENABLED).map(v -> {
            String b = v.strip().toLowerCase(Locale.ROOT);
            if (!b.equals("true") && !b.equals("false")) {
                problems.add(LoginMessages.booleanInvalid(ENABLED, v));
                return true;
            }
            return Boolean.parseBoolean(b);
        }).orElse(true);
        String path = value.apply(PATH).map(String::strip).map(v -> {
            if (!ReturnPaths.isPlainPath(v) || v.equals("/") || v.endsWith("/")) {
                problems.add(LoginMessages.loginPathInvalid(PATH, v));
                return DEFAULT_PATH;
            }
            return v;
        }).orElse(DEFAULT_PATH);
        String errorPath = value.apply(ERROR_PATH).map(String::strip).map(v -> {
            if (!ReturnPaths.isPlainPath(v)) {
                problems.add(LoginMessages.loginPathInvalid(ERROR_PATH, v));
                return null;
            }
            return v;
        }).orElse(null);
        return new LoginConfig(enabled, path, errorPath);
    }

    /** The callback's path under the context, e.g. {@code /tokenstore/callback}. */
    public String callbackPath() {
        return path + "/callback";
    }

    /** The login start's path under the context, e.g. {@code /tokenstore/login}. */
    public String loginPath() {
        return path + "/login";
    }
}
