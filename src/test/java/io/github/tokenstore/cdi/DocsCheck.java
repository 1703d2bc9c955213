package io.github.tokenstore.cdi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks a checkout's README and {@code docs/} against the code: one row per configuration key in
 * {@code docs/configuration.md}, one row per message ID in {@code docs/errors.md}, nothing stale, a short
 * README that links every page, no merge markers, and relative links that resolve (files and anchors).
 * Each check returns its problems as sentences, empty when all is well; it works on any directory
 * laid out like the project, so a test can run it on a doctored copy.
 */
final class DocsCheck {

    /** The README's hard limit; the front page aims at about 250. */
    static final int README_MAX_LINES = 300;

    static final String CONFIGURATION_PAGE = "docs/configuration.md";
    static final String ERRORS_PAGE = "docs/errors.md";

    /** A full ID literal where a message is defined: {@code "TOKENSTORE-0801"} or {@code "TOKENSTORE-0801: …"}. */
    private static final Pattern ID_LITERAL = Pattern.compile("\"TOKENSTORE-(\\d{4})");
    /** The older {@code TokenStoreMessages} style: {@code argument("0001", …)} inside a {@code *Messages.java}. */
    private static final Pattern SHORT_ID = Pattern.compile("\\(\\s*\"(\\d{4})\"\\s*,");
    /** A row of the configuration table: its first cell is one key in backticks. */
    private static final Pattern KEY_ROW = Pattern.compile("^\\|\\s*`(tokenstore\\.[^`]*)`\\s*\\|");
    /** A row of the error table: its first cell is one ID, with or without backticks. */
    private static final Pattern ID_ROW = Pattern.compile("^\\|\\s*`?(TOKENSTORE-\\d{4})`?\\s*\\|");
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final List<Pattern> MARKERS = List.of(
            Pattern.compile("^<{7}( |$)"), Pattern.compile("^={7}$"), Pattern.compile("^>{7}( |$)"),
            Pattern.compile("<!--\\s*(BEGIN|END)\\b", Pattern.CASE_INSENSITIVE),
            Pattern.compile("<!--\\s*=+"));

    private final Path root;

    DocsCheck(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Every problem of every check. */
    List<String> problems(Collection<String> keys, Collection<String> ids) {
        List<String> problems = new ArrayList<>();
        problems.addAll(keyProblems(keys));
        problems.addAll(idProblems(ids));
        problems.addAll(readmeProblems());
        problems.addAll(markerProblems());
        problems.addAll(linkProblems());
        return problems;
    }

    /**
     * The message IDs the sources under {@code sourceRoot} define: every {@code "TOKENSTORE-dddd"} literal
     * in any Java file, and every {@code ("dddd", …)} in a {@code *Messages.java} file.
     */
    static Set<String> messageIds(Path sourceRoot) {
        Set<String> ids = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                collect(ID_LITERAL, text, ids);
                if (file.getFileName().toString().endsWith("Messages.java")) {
                    collect(SHORT_ID, text, ids);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }

    private static void collect(Pattern pattern, String text, Set<String> ids) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            ids.add("TOKENSTORE-" + m.group(1));
        }
    }

    /** One row per key in the configuration page's table, no row for an unknown key, no key row elsewhere. */
    List<String> keyProblems(Collection<String> keys) {
        return rowProblems(CONFIGURATION_PAGE, KEY_ROW, keys, "key");
    }

    /** One row per ID in the error page's table, no row for an unknown ID, no ID row elsewhere. */
    List<String> idProblems(Collection<String> ids) {
        return rowProblems(ERRORS_PAGE, ID_ROW, ids, "message ID");
    }

    private List<String> rowProblems(String page, Pattern row, Collection<String> expected, String what) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String line : lines(page)) {
            Matcher m = row.matcher(line);
            if (m.find()) {
                counts.merge(m.group(1), 1, Integer::sum);
            }
        }
        for (String name : new TreeSet<>(expected)) {
            int count = counts.getOrDefault(name, 0);
            if (count == 0) {
                problems.add(page + ": no row for the " + what + " " + name);
            } else if (count > 1) {
                problems.add(page + ": " + count + " rows for the " + what + " " + name);
            }
        }
        for (String name : counts.keySet()) {
            if (!expected.contains(name)) {
                problems.add(page + ": a row for " + name + ", which the code does not define (stale)");
            }
        }
        for (String other : pages()) {
            if (other.equals(page)) {
                continue;
            }
            for (String line : lines(other)) {
                Matcher m = row.matcher(line);
                if (m.find() && expected.contains(m.group(1))) {
                    problems.add(other + ": a table row for the " + what + " " + m.group(1) + " (its one row is in "
                            + page + ")");
                }
            }
        }
        return problems;
    }

    /** The README is a front page: at most {@link #README_MAX_LINES} lines, linking every page under docs/. */
    List<String> readmeProblems() {
        List<String> problems = new ArrayList<>();
        List<String> readme = lines("README.md");
        if (readme.size() > README_MAX_LINES) {
            problems.add("README.md: " + readme.size() + " lines, more than " + README_MAX_LINES);
        }
        Set<Path> linked = new TreeSet<>();
        for (Link link : links("README.md")) {
            linked.add(link.target());
        }
        for (String page : pages()) {
            if (!page.equals("README.md") && !linked.contains(root.resolve(page).normalize())) {
                problems.add("README.md: no link to " + page);
            }
        }
        return problems;
    }

    /** No merge or section markers left in README.md or any page under docs/. */
    List<String> markerProblems() {
        List<String> problems = new ArrayList<>();
        for (String page : pages()) {
            List<String> lines = lines(page);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (MARKERS.stream().anyMatch(p -> p.matcher(line).find())) {
                    problems.add(page + ":" + (i + 1) + ": a merge marker: " + line.strip());
                }
            }
        }
        return problems;
    }

    /** Every relative link of README.md and docs/ names an existing file, and an existing heading if it has an anchor. */
    List<String> linkProblems() {
        List<String> problems = new ArrayList<>();
        Map<Path, Set<String>> anchors = new HashMap<>();
        for (String page : pages()) {
            for (Link link : links(page)) {
                if (!Files.exists(link.target())) {
                    problems.add(page + ":" + link.line() + ": the link " + link.text() + " names no file");
                } else if (link.anchor() != null && link.target().toString().endsWith(".md")
                        && !anchors.computeIfAbsent(link.target(), this::anchorsOf).contains(link.anchor())) {
                    problems.add(page + ":" + link.line() + ": the link " + link.text() + " names no heading");
                }
            }
        }
        return problems;
    }

    /** README.md and every Markdown file under docs/, as paths relative to the root with '/'. */
    List<String> pages() {
        List<String> pages = new ArrayList<>();
        pages.add("README.md");
        Path docs = root.resolve("docs");
        if (Files.isDirectory(docs)) {
            try (Stream<Path> files = Files.walk(docs)) {
                files.filter(f -> f.toString().endsWith(".md")).sorted()
                        .map(f -> root.relativize(f).toString().replace('\\', '/'))
                        .forEach(pages::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return pages;
    }

    private record Link(int line, String text, Path target, String anchor) {
    }

    /** The relative links of a page outside code blocks and spans, resolved against the page's folder. */
    private List<Link> links(String page) {
        List<Link> links = new ArrayList<>();
        Path self = root.resolve(page).normalize();
        List<String> lines = lines(page);
        boolean fenced = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher m = LINK.matcher(line.replaceAll("`[^`]*`", "``"));
            while (m.find()) {
                String href = m.group(1);
                if (href.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue;                                      // http:, https:, mailto:
                }
                int hash = href.indexOf('#');
                String file = hash < 0 ? href : href.substring(0, hash);
                String anchor = hash < 0 ? null : href.substring(hash + 1);
                Path target = file.isEmpty() ? self : self.getParent().resolve(file).normalize();
                links.add(new Link(i + 1, href, target, anchor));
            }
        }
        return links;
    }

    /** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as '-', repeats numbered. */
    private Set<String> anchorsOf(Path page) {
        Set<String> anchors = new TreeSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : read(page)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            Matcher m = HEADING.matcher(line);
            if (fenced || !m.matches()) {
                continue;
            }
            String slug = slug(m.group(2));
            int n = seen.merge(slug, 1, Integer::sum) - 1;
            anchors.add(n == 0 ? slug : slug + "-" + n);
        }
        return anchors;
    }

    static String slug(String heading) {
        String text = heading.replaceAll("`", "").replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    private List<String> lines(String page) {
        return read(root.resolve(page));
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
