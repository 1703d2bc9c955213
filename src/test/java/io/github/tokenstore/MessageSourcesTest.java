package io.github.tokenstore;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the library's message IDs live, checked on its sources: an ID is written out only where its
 * message is defined (a {@code *Messages} class, or a public exception an application constructs that
 * defines its own message), every log record the library writes comes from such a definition, and the
 * API package holds nothing "for the library's own use".
 */
class MessageSourcesTest {

    private static final Path MAIN = Path.of("src/main/java/io/github/tokenstore");
    private static final Pattern ID_LITERAL = Pattern.compile("\"TOKENSTORE-\\d{4}");
    private static final Pattern LOG_CALL = Pattern.compile("LOG\\.log\\(\\s*System\\.Logger\\.Level\\.\\w+,\\s*");
    private static final Pattern GET_MESSAGE = Pattern.compile("(\\w+)\\.getMessage\\(\\)");

    @Test
    void idsAreWrittenOnlyWhereTheirMessagesAreDefined() throws IOException {
        List<String> elsewhere = new ArrayList<>();
        for (Path file : sources()) {
            String text = read(file);
            boolean definition = file.getFileName().toString().endsWith("Messages.java")
                    || text.contains(" extends TokenStoreException {");
            if (!definition && ID_LITERAL.matcher(text).find()) {
                elsewhere.add(MAIN.relativize(file).toString());
            }
        }
        assertThat(elsewhere).as("files that write an ID but define no message").isEmpty();
    }

    @Test
    void everyLogRecordStartsWithAnIdFromAMessageDefinition() throws IOException {
        List<String> bare = new ArrayList<>();
        int calls = 0;
        for (Path file : sources()) {
            String text = read(file);
            Matcher m = LOG_CALL.matcher(text);
            while (m.find()) {
                calls++;
                String message = argument(text, m.end());
                if (!fromDefinition(message, text)) {
                    bare.add(MAIN.relativize(file) + ": " + message);
                }
            }
        }
        assertThat(calls).as("log calls found (the check sees them)").isGreaterThanOrEqualTo(18);
        assertThat(bare).as("log records not made by a *Messages factory").isEmpty();
    }

    @Test
    void theApiPackageHoldsNothingForTheLibrarysOwnUse() throws IOException {
        List<String> internal = new ArrayList<>();
        try (Stream<Path> files = Files.list(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = read(file).replaceAll("\\s*\\n\\s*\\*\\s*", " ");
                if (text.contains("library's own use") || text.contains("Internal:")) {
                    internal.add(file.getFileName().toString());
                }
            }
        }
        assertThat(internal).isEmpty();
    }

    /** A message made by a {@code *Messages} factory, or the message of an exception such a factory made. */
    private static boolean fromDefinition(String message, String file) {
        if (message.contains("Messages.")) {
            return true;
        }
        Matcher m = GET_MESSAGE.matcher(message);
        if (!m.matches()) {
            return false;
        }
        String variable = m.group(1);
        // Every TokenStoreException's message starts with its ID.
        return Pattern.compile("TokenStoreException " + variable + "\\b").matcher(file).find()
                || Pattern.compile(variable + " instanceof TokenStoreException").matcher(file).find();
    }

    /** The argument that starts at {@code from}: up to the comma or parenthesis that closes it. */
    private static String argument(String text, int from) {
        int depth = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth-- == 0 || c == ',' && depth == 0) {
                return text.substring(from, i).replaceAll("\\s+", " ").strip();
            }
        }
        throw new AssertionError("unterminated log call");
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
