package io.github.tokenstore.file;

import io.github.tokenstore.OAuthToken;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Token ids as the Zoho SDK's {@code FileStore} needs them: decimal integers (it makes a new id as
 * {@code Integer.parseInt} of the largest plus one, and fails on any other id). Ids are unique and never
 * reused, even after deletes: the largest id ever given out is kept in the file, as one more field of the
 * header line, {@code tokenstore_last_id=<n>}. The SDK's {@code FileStore} ignores that field and keeps the
 * header as it is when it rewrites the file.
 *
 * <p>Public only for the library's own token migration command ({@code TokenMigration export --numeric-ids});
 * not an API, may change in any release.
 */
public final class NumericIds {

    /** The header field holding the largest id given out: this prefix, then the number. */
    public static final String MARK = "tokenstore_last_id=";
    /** The largest id the SDK's {@code FileStore} can parse. */
    static final long MAX_ID = Integer.MAX_VALUE;

    private static final Pattern NUMERIC = Pattern.compile("[0-9]{1,10}");
    private static final Pattern MARK_FIELD = Pattern.compile("," + Pattern.quote(MARK) + "([0-9]{1,18})$");

    private NumericIds() {
    }

    /** Whether {@code id} is a decimal integer the SDK's {@code FileStore} can parse. */
    public static boolean isNumeric(String id) {
        return id != null && NUMERIC.matcher(id).matches() && Long.parseLong(id) <= MAX_ID;
    }

    /** The largest numeric id among {@code tokens}, or 0. */
    public static long highest(List<OAuthToken> tokens) {
        long highest = 0;
        for (OAuthToken t : tokens) {
            if (isNumeric(t.id())) {
                highest = Math.max(highest, Long.parseLong(t.id()));
            }
        }
        return highest;
    }

    /**
     * The tokens with numeric ids: a token whose id already is one keeps it, the others get new ones above
     * every id and above {@code lastId}, in their order.
     *
     * @return the tokens and the largest id given out
     * @throws io.github.tokenstore.TokenStoreException {@code TOKENSTORE-0951} if the ids would pass
     *                                                  {@value #MAX_ID}
     */
    public static Numbered renumber(List<OAuthToken> tokens, long lastId) {
        long next = Math.max(lastId, highest(tokens));
        Set<String> kept = new HashSet<>();
        List<OAuthToken> numbered = new ArrayList<>(tokens.size());
        for (OAuthToken t : tokens) {
            if (isNumeric(t.id()) && kept.add(t.id())) {
                numbered.add(t);
            } else {
                next = next(next);
                numbered.add(t.toBuilder().id(Long.toString(next)).build());
            }
        }
        return new Numbered(numbered, next);
    }

    /** The id after {@code last}. */
    static long next(long last) {
        if (last >= MAX_ID) {
            throw FileIdMessages.idsExhausted(MAX_ID);
        }
        return last + 1;
    }

    /** Tokens with numeric ids and the largest id given out. */
    public record Numbered(List<OAuthToken> tokens, long lastId) {
    }

    /** A file's text without the mark, and the mark (0 if the header had none). */
    record Header(String content, long lastId) {
    }

    /** Splits the mark off the header line of a token file's text. */
    static Header split(String content) {
        int end = content.indexOf('\n');
        String first = end < 0 ? content : content.substring(0, end);
        String rest = end < 0 ? "" : content.substring(end);
        boolean cr = first.endsWith("\r");
        String line = cr ? first.substring(0, first.length() - 1) : first;
        Matcher m = MARK_FIELD.matcher(line);
        if (!m.find()) {
            return new Header(content, 0);
        }
        return new Header(line.substring(0, m.start()) + (cr ? "\r" : "") + rest, Long.parseLong(m.group(1)));
    }

    /**
     * A token file's text without the mark on its header line, as a reader that keeps no ids of its own (the
     * token migration command's import) takes it; text without a mark comes back as it is.
     */
    public static String withoutMark(String content) {
        return split(content).content();
    }

    /** Adds the mark to the header line of a token file's text as {@link TokenCsv} writes it. */
    public static String withMark(String content, long lastId) {
        int end = content.indexOf('\n');
        return content.substring(0, end) + "," + MARK + lastId + content.substring(end);
    }
}
