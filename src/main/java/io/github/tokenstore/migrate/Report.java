package io.github.tokenstore.migrate;

import io.github.tokenstore.OAuthToken;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What an import did (or, in a dry run, would do) with each source row, and the counts. Holds no secret:
 * rows are named by their place, user and client id; tokens and the client secret show as {@code ****}.
 */
final class Report {

    enum Outcome {
        IMPORTED, UPDATED, SKIPPED, REJECTED;

        String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param where  the row's place in the source
     * @param who    the row's user and client id, printable
     * @param detail masked values, changed fields or the reason of a rejection
     */
    record Row(String where, Outcome outcome, String who, String detail) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);

    Report() {
        for (Outcome o : Outcome.values()) {
            counts.put(o, 0);
        }
    }

    void add(Row row) {
        rows.add(row);
        counts.merge(row.outcome(), 1, Integer::sum);
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    int count(Outcome outcome) {
        return counts.get(outcome);
    }

    /** {@code imported 2, updated 1, skipped 0, rejected 1}. */
    String counts() {
        return "imported " + count(Outcome.IMPORTED) + ", updated " + count(Outcome.UPDATED) + ", skipped "
                + count(Outcome.SKIPPED) + ", rejected " + count(Outcome.REJECTED);
    }

    /** The token's values with every secret masked, absent fields left out. */
    static String masked(OAuthToken t) {
        StringBuilder out = new StringBuilder();
        part(out, "clientSecret", t.clientSecret() == null ? null : "****");
        part(out, "refreshToken", t.refreshToken() == null ? null : "****");
        part(out, "accessToken", t.accessToken() == null ? null : "****");
        part(out, "grantToken", t.grantToken() == null ? null : "****");
        part(out, "expiresAt", t.expiresAt() == null ? null : t.expiresAt().toString());
        part(out, "redirectUrl", t.redirectUrl() == null ? null : printable(t.redirectUrl(), 80));
        part(out, "apiDomain", t.apiDomain() == null ? null : printable(t.apiDomain(), 80));
        part(out, "dataCenter", t.dataCenter());
        part(out, "account", t.account() == null ? null : printable(t.account(), 80));
        return out.toString();
    }

    private static void part(StringBuilder out, String name, String value) {
        if (value != null) {
            out.append(out.length() == 0 ? "" : " ").append(name).append('=').append(value);
        }
    }

    /** A name for a row: {@code user=alice@zylker.example clientId=1000.X}, or {@code (no user) clientId=…}. */
    static String who(String user, String clientId) {
        String u = user == null || user.isEmpty() ? "(no user)" : "user=" + printable(user, 80);
        return clientId == null || clientId.isEmpty() ? u : u + " clientId=" + printable(clientId, 80);
    }

    /** Control characters as {@code ?}, cut to {@code max} characters: a line of the report stays one line. */
    static String printable(String s, int max) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), max) + 1);
        for (int i = 0; i < s.length() && out.length() < max; i++) {
            char c = s.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        if (s.length() > max) {
            out.append('…');
        }
        return out.toString();
    }
}
