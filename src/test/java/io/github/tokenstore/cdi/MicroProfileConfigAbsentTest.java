package io.github.tokenstore.cdi;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bare Weld SE application without the MicroProfile Config API (and without any implementation) still
 * gets the extension and reads the {@code tokenstore.*} keys from system properties: {@link BareJavaSeMain}
 * in a JVM whose class path is this one's without those jars, so the classes are really absent.
 */
class MicroProfileConfigAbsentTest {

    static boolean microProfileConfig(String entry) {
        String name = Path.of(entry).getFileName().toString();
        return name.startsWith("microprofile-config-api-") || name.startsWith("smallrye-config");
    }

    static String withoutMicroProfileConfig() {
        List<String> entries = Arrays.asList(HealthAndMetricsAbsentTest.CLASS_PATH.split(File.pathSeparator));
        List<String> kept = entries.stream().filter(e -> !microProfileConfig(e)).toList();
        assertThat(entries.size() - kept.size()).as("jars removed: the MicroProfile Config API and SmallRye Config")
                .isGreaterThanOrEqualTo(2);
        return String.join(File.pathSeparator, kept);
    }

    @Test
    void withoutMicroProfileConfigTheExtensionRunsOnSystemProperties() throws Exception {
        List<String> out = run(withoutMicroProfileConfig(), "-Dtokenstore.store=memory");

        assertThat(out).containsExactly(
                "mp-config-api=absent",
                "extension=io.github.tokenstore.cdi.TokenStoreExtension",
                "store=works");
    }

    @Test
    void withoutMicroProfileConfigABadSystemPropertyIsADeploymentProblem() throws Exception {
        List<String> out = run(withoutMicroProfileConfig(), "-Dtokenstore.store=nonsense");

        assertThat(out).contains("mp-config-api=absent",
                "problem=TOKENSTORE-0101: tokenstore.store=nonsense is not one of jpa, file, memory",
                "deployment=failed");
    }

    @Test
    void withMicroProfileConfigTheSameProgramWorks() throws Exception {
        List<String> out = run(HealthAndMetricsAbsentTest.CLASS_PATH, "-Dtokenstore.store=memory");

        assertThat(out).containsExactly(
                "mp-config-api=present",
                "extension=io.github.tokenstore.cdi.TokenStoreExtension",
                "store=works");
    }

    /** The program's {@code key=value} lines; fails with its whole output if it does not exit 0 within 60 s. */
    static List<String> run(String classPath, String property) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = Files.createTempFile("bare-java-se-", ".log");
        List<String> command = new ArrayList<>(List.of(java, "-cp", classPath, property,
                BareJavaSeMain.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
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
