package io.github.tokenstore.cdi;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The MicroProfile Config of one test class: exactly the given {@code tokenstore.*} values (no system
 * properties, no environment), registered for the test's class loader before the first container starts
 * and released after the last, and a fresh temporary directory, named {@code tokenstore.directory}, that
 * values may refer to as <code>{dir}</code>. Register as a static {@code @RegisterExtension} field.
 */
final class TestConfig implements BeforeAllCallback, AfterAllCallback {

    private final Map<String, String> template;
    private Path directory;
    private Config config;

    private TestConfig(Map<String, String> template) {
        this.template = template;
    }

    /** A configuration of {@code tokenstore.directory} and these key-value pairs. */
    static TestConfig of(String... keysAndValues) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new TestConfig(values);
    }

    /** The temporary directory. */
    Path directory() {
        return directory;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        directory = Files.createTempDirectory("tokenstore-cdi-");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("tokenstore.directory", directory.toString());
        template.forEach((k, v) -> values.put(k, v.replace("{dir}", directory.toString())));
        config = register(values);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        release(config);
        delete(directory);
    }

    /** Registers exactly {@code values} as the configuration of the current class loader. */
    static Config register(Map<String, String> values) {
        Config config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(values, "test", 500))
                .build();
        ConfigProviderResolver.instance().registerConfig(config, Thread.currentThread().getContextClassLoader());
        return config;
    }

    static void release(Config config) {
        ConfigProviderResolver.instance().releaseConfig(config);
    }

    static void delete(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
