package io.github.tokenstore.cdi;

import io.github.tokenstore.TokenStoreException;
import jakarta.enterprise.inject.spi.DeploymentException;
import org.eclipse.microprofile.config.Config;
import org.jboss.weld.environment.se.WeldContainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Starts a Weld SE container that must fail, and gives the library's problem that failed it. */
final class Deployments {

    private Deployments() {
    }

    /**
     * Starts a container with these beans and this configuration (plus a fresh {@code tokenstore.directory},
     * which values may name as <code>{dir}</code>), expects the deployment to fail with exactly one
     * problem, and returns it.
     */
    static TokenStoreException onlyProblem(Map<String, String> template, Class<?>... beans) {
        Throwable failure = failure(template, beans);
        assertThat(failure).isInstanceOf(DeploymentException.class);
        assertThat(failure.getCause()).isInstanceOf(TokenStoreException.class);
        return (TokenStoreException) failure.getCause();
    }

    /**
     * The messages of the library's problems in a failure with several, in order: Weld puts them, each
     * with its stack trace, into one message.
     */
    static List<String> problemMessages(Throwable failure) {
        String prefix = TokenStoreException.class.getName() + ": ";
        return failure.getMessage().lines()
                .filter(line -> line.startsWith(prefix))
                .map(line -> line.substring(prefix.length()))
                .toList();
    }

    /** As {@link #onlyProblem}, but returns what the container threw. */
    static Throwable failure(Map<String, String> template, Class<?>... beans) {
        Path directory;
        try {
            directory = Files.createTempDirectory("tokenstore-cdi-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("tokenstore.directory", directory.toString());
        template.forEach((k, v) -> values.put(k, v.replace("{dir}", directory.toString())));
        Config config = TestConfig.register(values);
        try {
            return catchThrowable(() -> {
                try (WeldContainer container = Containers.weld(beans).initialize()) {
                    container.isRunning();
                }
            });
        } finally {
            TestConfig.release(config);
            try {
                TestConfig.delete(directory);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
