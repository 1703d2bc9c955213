package io.github.tokenstore.cdi;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without the MicroProfile Health and OpenTelemetry APIs the extension still deploys and the store works:
 * {@link OptionalApisMain} in a JVM whose class path is this one's without those two jars, so the classes
 * are really absent (no class-loader trick another library could see through). The same program with the
 * full class path is the control: there the optional beans are registered.
 */
class HealthAndMetricsAbsentTest {

    static final String CLASS_PATH = System.getProperty("java.class.path");

    static boolean optionalApi(String entry) {
        String name = Path.of(entry).getFileName().toString();
        return name.startsWith("microprofile-health-api-") || name.startsWith("opentelemetry-");
    }

    @Test
    void withoutTheApisTheExtensionDeploysAndRegistersNoHealthOrMetricsBean() throws Exception {
        List<String> entries = Arrays.asList(CLASS_PATH.split(File.pathSeparator));
        List<String> kept = entries.stream().filter(e -> !optionalApi(e)).toList();
        assertThat(entries.size() - kept.size()).as("jars removed: the Health API and the OpenTelemetry ones")
                .isGreaterThanOrEqualTo(2);

        List<String> out = run(String.join(File.pathSeparator, kept));

        assertThat(out).containsExactly(
                "health-api=absent",
                "opentelemetry-api=absent",
                "health-registered=false",
                "metrics-registered=false",
                "store=works",
                "optional-beans=[]");
    }

    @Test
    void withTheApisTheSameProgramRegistersThem() throws Exception {
        List<String> out = run(CLASS_PATH);

        assertThat(out).containsExactly(
                "health-api=present",
                "opentelemetry-api=present",
                "health-registered=true",
                "metrics-registered=true",
                "store=works",
                "optional-beans=[io.github.tokenstore.health.RefusedTokensCheck, "
                        + "io.github.tokenstore.health.TokenStoreReadinessCheck, "
                        + "io.github.tokenstore.metrics.TokenMetricsBean]");
    }

    /** The program's {@code key=value} lines; fails with its whole output if it does not exit 0 within 60 s. */
    static List<String> run(String classPath) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Output to a file: a full pipe cannot block the program.
        Path log = Files.createTempFile("optional-apis-", ".log");
        Process p = new ProcessBuilder(java, "-cp", classPath, "-Dtokenstore.store=memory",
                OptionalApisMain.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        String output;
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the program did not end within 60 s");
            }
            output = Files.readString(log, StandardCharsets.UTF_8);
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(log);
        }
        assertThat(p.exitValue()).as(output).isZero();
        return output.lines().filter(l -> l.matches("[a-z-]+=.*")).collect(Collectors.toList());
    }
}
