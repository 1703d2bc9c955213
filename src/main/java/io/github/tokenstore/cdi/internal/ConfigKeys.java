package io.github.tokenstore.cdi.internal;

import java.util.Optional;
import java.util.function.Function;

/**
 * Where the CDI layer reads the {@code tokenstore.*} keys: MicroProfile Config when its API is on the class
 * path and an implementation answers, else system properties. Only {@link MicroProfileConfigKeys} names
 * MicroProfile types, and it is loaded only when the API is loadable, so that a bare Java SE application
 * without the MicroProfile Config jar still gets the extension (Weld ignores an extension whose class
 * refers to a missing type: {@code WELD-000139}). Internal: may change in any release.
 */
public final class ConfigKeys {

    static final String MICROPROFILE_CONFIG_API = "org.eclipse.microprofile.config.ConfigProvider";

    private ConfigKeys() {
    }

    /**
     * The keys of the application's configuration.
     *
     * @param application the application's class loader, for MicroProfile Config, or {@code null} for the
     *                    thread's context class loader
     */
    public static Function<String, Optional<String>> of(ClassLoader application) {
        if (microProfileConfigLoadable()) {
            Optional<Function<String, Optional<String>>> config = MicroProfileConfigKeys.of(application);
            if (config.isPresent()) {
                return config.get();
            }
        }
        return systemProperties();
    }

    /**
     * The names of the keys that are set, where the named OAuth clients ({@code tokenstore.clients.<name>.*}) are
     * found: MicroProfile Config's property names (each source's, in their property form: an environment
     * variable's name cannot be mapped back to a client name, so name a client in a properties source), else
     * the system properties'. Read once, at each call.
     *
     * @param application as for {@link #of(ClassLoader)}
     */
    public static Iterable<String> names(ClassLoader application) {
        if (microProfileConfigLoadable()) {
            Optional<Iterable<String>> names = MicroProfileConfigKeys.names(application);
            if (names.isPresent()) {
                return names.get();
            }
        }
        return System.getProperties().stringPropertyNames();
    }

    /** The system properties, read at each look-up. */
    public static Function<String, Optional<String>> systemProperties() {
        return key -> Optional.ofNullable(System.getProperty(key));
    }

    static boolean microProfileConfigLoadable() {
        try {
            Class.forName(MICROPROFILE_CONFIG_API, false, ConfigKeys.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}
