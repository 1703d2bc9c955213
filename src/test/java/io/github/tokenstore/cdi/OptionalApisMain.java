package io.github.tokenstore.cdi;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import jakarta.enterprise.inject.spi.Bean;
import org.jboss.weld.environment.se.WeldContainer;

import java.util.TreeSet;

/**
 * Run in a JVM of its own by {@link HealthAndMetricsAbsentTest}: starts the extension with the memory
 * store (system property {@code tokenstore.store=memory}), uses the store, and prints what it found, one
 * {@code key=value} a line.
 */
public final class OptionalApisMain {

    private OptionalApisMain() {
    }

    public static void main(String[] args) {
        System.out.println("health-api=" + loadable("org.eclipse.microprofile.health.HealthCheck"));
        System.out.println("opentelemetry-api=" + loadable("io.opentelemetry.api.OpenTelemetry"));
        try (WeldContainer c = Containers.weld().initialize()) {
            TokenStoreExtension extension = c.getBeanManager().getExtension(TokenStoreExtension.class);
            System.out.println("health-registered=" + extension.healthRegistered());
            System.out.println("metrics-registered=" + extension.metricsRegistered());
            TokenStore store = c.select(TokenStore.class).get();
            OAuthToken saved = store.saveToken(Tokens.of("ana@example.com"));
            System.out.println("store=" + (store.findTokenById(saved.id()).isPresent() ? "works" : "broken"));
            TreeSet<String> libraryBeans = new TreeSet<>();
            for (Bean<?> bean : c.getBeanManager().getBeans(Object.class, jakarta.enterprise.inject.Any.Literal.INSTANCE)) {
                String name = bean.getBeanClass().getName();
                if (name.startsWith("io.github.tokenstore.health.") || name.startsWith("io.github.tokenstore.metrics.")) {
                    libraryBeans.add(name);
                }
            }
            System.out.println("optional-beans=" + libraryBeans);
        }
    }

    private static String loadable(String name) {
        try {
            Class.forName(name, false, OptionalApisMain.class.getClassLoader());
            return "present";
        } catch (ClassNotFoundException e) {
            return "absent";
        }
    }
}
