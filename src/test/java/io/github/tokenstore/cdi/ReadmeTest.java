package io.github.tokenstore.cdi;

import io.github.tokenstore.cdi.internal.TokenStoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README is a front page and {@code docs/} holds the rest: one row in {@code docs/configuration.md} for
 * every key the code reads, one row in {@code docs/errors.md} for every message ID the code defines, nothing
 * stale, every page linked from the README, no merge markers, links that resolve. The last tests run the
 * same check on a doctored copy and show what it reports.
 */
class ReadmeTest {

    private static final Path ROOT = Path.of("");
    private static final Path SOURCES = Path.of("src/main/java");

    /** Every key registry of the code; a part that keeps its own list adds it here. */
    static List<String> keys() {
        return TokenStoreConfig.KEYS;
    }

    private final DocsCheck docs = new DocsCheck(ROOT);

    @Test
    void theConfigurationPageHasOneRowForEveryKeyAndNoStaleRow() {
        assertThat(keys()).isNotEmpty();
        assertThat(docs.keyProblems(keys())).isEmpty();
    }

    @Test
    void theErrorPageHasOneRowForEveryMessageIdAndNoStaleRow() {
        Set<String> ids = DocsCheck.messageIds(SOURCES);
        assertThat(ids).contains("TOKENSTORE-0001", "TOKENSTORE-0530").hasSizeGreaterThan(100);
        assertThat(docs.idProblems(ids)).isEmpty();
    }

    @Test
    void theReadmeIsAShortFrontPageThatLinksEveryPage() {
        assertThat(docs.pages()).contains("docs/configuration.md", "docs/errors.md");
        assertThat(docs.readmeProblems()).isEmpty();
    }

    @Test
    void noMergeMarkersAreLeft() {
        assertThat(docs.markerProblems()).isEmpty();
    }

    @Test
    void everyRelativeLinkNamesAFileAndAHeading() {
        assertThat(docs.linkProblems()).isEmpty();
    }

    @Test
    void theCheckReportsWhatADoctoredCopyGetsWrong(@TempDir Path copy) throws IOException {
        copyDocs(copy);
        Path configuration = copy.resolve(DocsCheck.CONFIGURATION_PAGE);
        Path errors = copy.resolve(DocsCheck.ERRORS_PAGE);
        // a key's row goes missing, another key gets a second row
        edit(configuration, text -> text.replaceFirst("(?m)^\\| `tokenstore\\.jpa\\.pool-size` \\|.*\\n", "")
                .replaceFirst("(?m)^(\\| `tokenstore\\.user` \\|.*\\n)", "$1$1"));
        // a stale ID, a missing ID, and an ID row on another page
        edit(errors, text -> text.replaceFirst("(?m)^\\| TOKENSTORE-0530 \\|.*\\n", "")
                + "| TOKENSTORE-0999 | gone from the code | nothing |\n");
        edit(copy.resolve("docs/stores.md"), text -> text + "\n| TOKENSTORE-0001 | again | again |\n");
        // a merge marker, a page the README does not link, a link to no heading, a long README
        edit(copy.resolve("docs/cdi.md"), text -> text + "\n<!-- BEGIN section: leftovers -->\n"
                + "[there](oauth.md#no-such-heading)\n");
        Files.writeString(copy.resolve("docs/orphan.md"), "# Orphan\n");
        edit(copy.resolve("README.md"), text -> text + "\n".repeat(DocsCheck.README_MAX_LINES));

        List<String> problems = new DocsCheck(copy).problems(keys(), DocsCheck.messageIds(SOURCES));

        int cdiLines = Files.readAllLines(copy.resolve("docs/cdi.md")).size();
        int readmeLines = Files.readAllLines(copy.resolve("README.md")).size();
        assertThat(problems).containsExactlyInAnyOrder(
                "docs/configuration.md: no row for the key tokenstore.jpa.pool-size",
                "docs/configuration.md: 2 rows for the key tokenstore.user",
                "docs/errors.md: no row for the message ID TOKENSTORE-0530",
                "docs/errors.md: a row for TOKENSTORE-0999, which the code does not define (stale)",
                "docs/stores.md: a table row for the message ID TOKENSTORE-0001 (its one row is in docs/errors.md)",
                "docs/cdi.md:" + (cdiLines - 1) + ": a merge marker: <!-- BEGIN section: leftovers -->",
                "docs/cdi.md:" + cdiLines + ": the link oauth.md#no-such-heading names no heading",
                "README.md: no link to docs/orphan.md",
                "README.md: " + readmeLines + " lines, more than " + DocsCheck.README_MAX_LINES);
    }

    @Test
    void theIdScanReadsFullLiteralsAnywhereAndShortIdsInMessageClasses(@TempDir Path sources) throws IOException {
        Path pkg = Files.createDirectories(sources.resolve("io/github/tokenstore/login"));
        Files.writeString(pkg.resolve("LoginMessages.java"), """
                final class LoginMessages {
                    static IllegalStateException a() { return argument("0801", "first"); }
                    static IllegalStateException b() { return failure("TOKENSTORE-0802", "second", null); }
                }
                """);
        Files.writeString(pkg.resolve("LoginServlet.java"), """
                final class LoginServlet {
                    static final String TEXT = "TOKENSTORE-0803: logged";
                    static List<String> notAnId() { return List.of("0804", "x"); } // not a *Messages file
                    // TOKENSTORE-0805 in a comment defines nothing
                }
                """);

        assertThat(DocsCheck.messageIds(sources))
                .containsExactly("TOKENSTORE-0801", "TOKENSTORE-0802", "TOKENSTORE-0803");
    }

    @Test
    void headingsBecomeGitHubAnchors() {
        assertThat(DocsCheck.slug("@CrmCall: methods that call the CRM")).isEqualTo("crmcall-methods-that-call-the-crm");
        assertThat(DocsCheck.slug("@CrmCall's cost")).isEqualTo("crmcalls-cost");
        assertThat(DocsCheck.slug("Your own TokenService, CDI-style")).isEqualTo("your-own-tokenservice-cdi-style");
        assertThat(DocsCheck.slug("Health checks (MicroProfile Health 4.0)")).isEqualTo("health-checks-microprofile-health-40");
    }

    private static void copyDocs(Path copy) throws IOException {
        Files.copy(ROOT.resolve("README.md"), copy.resolve("README.md"));
        try (Stream<Path> files = Files.walk(ROOT.resolve("docs"))) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(ROOT.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        // the README and docs link into the examples; the copy has them as empty files
        Path examples = Files.createDirectories(copy.resolve("examples/student-portal"));
        Files.writeString(examples.resolve("README.md"), "# Example\n");
    }

    private static void edit(Path file, java.util.function.UnaryOperator<String> change) throws IOException {
        String before = Files.readString(file);
        String after = change.apply(before);
        assertThat(after).as("the doctoring of " + file).isNotEqualTo(before);
        Files.writeString(file, after);
    }
}
