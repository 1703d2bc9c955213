package io.github.tokenstore.cdi;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import jakarta.enterprise.inject.spi.Extension;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import java.util.ServiceLoader;

/**
 * Run in a JVM of its own by {@link MicroProfileConfigAbsentTest}: a plain Java SE application on Weld SE
 * that finds the library's extension as Weld does, through {@code META-INF/services}, uses the injected
 * store, and prints what it found, one {@code key=value} a line; a deployment problem is printed as
 * {@code problem=TOKENSTORE-…} lines.
 */
public final class BareJavaSeMain {

    private BareJavaSeMain() {
    }

    public static void main(String[] args) {
        System.out.println("mp-config-api=" + loadable("org.eclipse.microprofile.config.ConfigProvider"));
        Weld weld = new Weld().disableDiscovery().addBeanClass(Containers.Empty.class);
        // Only the library's extension from the services file (others on a test class path are not the point).
        ServiceLoader.load(Extension.class).stream()
                .filter(p -> p.type().getName().startsWith("io.github.tokenstore."))
                .forEach(p -> {
                    System.out.println("extension=" + p.type().getName());
                    weld.addExtension(p.get());
                });
        try (WeldContainer c = weld.initialize()) {
            TokenStore store = c.select(TokenStore.class).get();
            OAuthToken saved = store.saveToken(Tokens.of("ana@example.com"));
            System.out.println("store=" + (store.findTokenById(saved.id()).isPresent() ? "works" : "broken"));
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t.getMessage() != null) {
                    t.getMessage().lines().map(String::strip).filter(l -> l.startsWith("TOKENSTORE-"))
                            .forEach(l -> System.out.println("problem=" + l));
                }
                for (Throwable s : t.getSuppressed()) {
                    if (s.getMessage() != null && s.getMessage().startsWith("TOKENSTORE-")) {
                        System.out.println("problem=" + s.getMessage());
                    }
                }
            }
            System.out.println("deployment=failed");
        }
    }

    private static String loadable(String name) {
        try {
            Class.forName(name, false, BareJavaSeMain.class.getClassLoader());
            return "present";
        } catch (ClassNotFoundException e) {
            return "absent";
        }
    }
}
