package io.github.tokenstore.cdi.internal;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The keys of MicroProfile Config; loaded by {@link ConfigKeys} only when its API is on the class path. */
final class MicroProfileConfigKeys {

    private MicroProfileConfigKeys() {
    }

    /** The application's MicroProfile Config; empty if the API is there but no implementation is. */
    static Optional<Function<String, Optional<String>>> of(ClassLoader application) {
        Config config;
        try {
            config = application == null ? ConfigProvider.getConfig() : ConfigProvider.getConfig(application);
        } catch (IllegalStateException | LinkageError noImplementation) {
            return Optional.empty();
        }
        return Optional.of(key -> config.getOptionalValue(key, String.class));
    }

    /** The application's MicroProfile Config's property names; empty if there is no implementation. */
    static Optional<Iterable<String>> names(ClassLoader application) {
        Config config;
        try {
            config = application == null ? ConfigProvider.getConfig() : ConfigProvider.getConfig(application);
        } catch (IllegalStateException | LinkageError noImplementation) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        config.getPropertyNames().forEach(names::add);
        return Optional.of(names);
    }
}
