package io.github.tokenstore.migrate;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.core.TokenIndex;
import io.github.tokenstore.core.TokenMatch;
import io.github.tokenstore.migrate.Report.Outcome;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Imports a source's rows into a store, idempotently: each row is looked up in the store by the store's
 * own matching rules (user, else access token, else grant or refresh token with client id) and is
 * <ul>
 *   <li><b>imported</b> when nothing matches;</li>
 *   <li><b>skipped</b> when the match holds the same values (so a second run changes nothing), or when the
 *       stored token expires later than the row's (the application refreshed it since: the newer one stays);</li>
 *   <li><b>updated</b> otherwise. Columns the source's layout lacks (e.g. {@code api_domain} in a 9-column
 *       file; the data center and the account in every Zoho SDK layout) keep the stored values;</li>
 *   <li><b>rejected</b>, with its reason, when it cannot be a token (no token, a value the library refuses,
 *       a non-numeric expiry), when other rows of the source would match the same stored token (all of them
 *       are rejected: which one is right is for a person to say), when no store could find it again (only an
 *       access token with a client id), or when it has no user but would overwrite a user's token.</li>
 * </ul>
 * Rows keep no source id: the store gives ids (the Zoho DBStore's {@code max(id)+1} ids collide). A dry
 * run only reads the store. Not thread-safe; one import at a time.
 */
final class TokenImporter {

    private static final Pattern MILLIS = Pattern.compile("-?[0-9]{1,19}");

    private TokenImporter() {
    }

    /**
     * @throws io.github.tokenstore.TokenStoreException if the store fails; the rows before were written
     */
    static Report importTokens(SourceTokens source, TokenStore target, boolean dryRun) {
        List<SourceRow> rows = source.rows();
        int n = rows.size();
        OAuthToken[] tokens = new OAuthToken[n];
        IllegalArgumentException[] rejected = new IllegalArgumentException[n];
        for (int i = 0; i < n; i++) {
            SourceRow row = rows.get(i);
            if (row.problem() != null) {
                rejected[i] = row.problem();
                continue;
            }
            try {
                tokens[i] = token(row);
            } catch (IllegalArgumentException e) {
                rejected[i] = e;
            }
        }
        rejectDuplicates(rows, tokens, rejected);

        Report report = new Report();
        for (int i = 0; i < n; i++) {
            SourceRow row = rows.get(i);
            String who = Report.who(row.get(ZohoColumns.USER_NAME), row.get(ZohoColumns.CLIENT_ID));
            if (rejected[i] != null) {
                report.add(new Report.Row(row.where(), Outcome.REJECTED, who, rejected[i].getMessage()));
            } else {
                report.add(apply(row, tokens[i], target, dryRun, who));
            }
        }
        return report;
    }

    private static Report.Row apply(SourceRow row, OAuthToken token, TokenStore target, boolean dryRun, String who) {
        TokenMatch match = TokenMatch.of(token).orElseThrow();
        Optional<OAuthToken> found = target.findToken(token);
        if (found.isEmpty()) {
            if (!dryRun) {
                target.saveToken(token);
            }
            return new Report.Row(row.where(), Outcome.IMPORTED, who, Report.masked(token));
        }
        OAuthToken stored = found.get();
        if (stored.userSignature() != null && token.userSignature() == null) {
            return new Report.Row(row.where(), Outcome.REJECTED, who,
                    MigrationMessages.rowTakesUsersToken(rule(match), stored.userSignature().name()).getMessage());
        }
        OAuthToken merged = keepWhatTheSourceLacks(row, token, stored);
        List<String> changed = changedFields(stored, merged);
        if (changed.isEmpty()) {
            return new Report.Row(row.where(), Outcome.SKIPPED, who, "unchanged");
        }
        if (stored.expiresAt() != null && merged.expiresAt() != null && stored.expiresAt().isAfter(merged.expiresAt())) {
            return new Report.Row(row.where(), Outcome.SKIPPED, who,
                    "the stored token expires later (" + stored.expiresAt() + "); kept");
        }
        if (!dryRun) {
            target.saveToken(merged);
        }
        return new Report.Row(row.where(), Outcome.UPDATED, who, "changed: " + String.join(", ", changed));
    }

    /** The row as a token, without its source id. */
    static OAuthToken token(SourceRow row) {
        String expiry = value(row, ZohoColumns.EXPIRY_TIME);
        Instant expiresAt = null;
        if (expiry != null) {
            if (!MILLIS.matcher(expiry).matches()) {
                throw MigrationMessages.rowExpiryInvalid();
            }
            try {
                expiresAt = Instant.ofEpochMilli(Long.parseLong(expiry));
            } catch (NumberFormatException e) {
                throw MigrationMessages.rowExpiryInvalid();
            }
        }
        OAuthToken token = OAuthToken.builder()
                .user(value(row, ZohoColumns.USER_NAME))
                .clientId(value(row, ZohoColumns.CLIENT_ID))
                .clientSecret(value(row, ZohoColumns.CLIENT_SECRET))
                .refreshToken(value(row, ZohoColumns.REFRESH_TOKEN))
                .accessToken(value(row, ZohoColumns.ACCESS_TOKEN))
                .grantToken(value(row, ZohoColumns.GRANT_TOKEN))
                .expiresAt(expiresAt)
                .redirectUrl(value(row, ZohoColumns.REDIRECT_URL))
                .apiDomain(value(row, ZohoColumns.API_DOMAIN))
                .dataCenter(value(row, ZohoColumns.DATA_CENTER))
                .account(value(row, ZohoColumns.ACCOUNT))
                .build();
        if (token.accessToken() == null && token.refreshToken() == null && token.grantToken() == null) {
            throw MigrationMessages.rowWithoutToken();
        }
        if (TokenMatch.of(token).isEmpty()) {
            throw MigrationMessages.rowUnmatchable();
        }
        return token;
    }

    private static String value(SourceRow row, String column) {
        String v = row.get(column);
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (ZohoColumns.NULL_TEXT_MEANS_ABSENT.contains(column) && v.equalsIgnoreCase("null")) {
            return null;
        }
        return v;
    }

    /**
     * Rejects every row that another row would find by the matching rules, in either direction (a row
     * without user finds a user's row by its refresh token, not the other way round): union-find over two
     * passes, each with an index of the rows seen so far.
     */
    private static void rejectDuplicates(List<SourceRow> rows, OAuthToken[] tokens, IllegalArgumentException[] rejected) {
        int n = tokens.length;
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (boolean forward : new boolean[] {true, false}) {
            TokenIndex seen = new TokenIndex();
            for (int k = 0; k < n; k++) {
                int i = forward ? k : n - 1 - k;
                if (tokens[i] == null) {
                    continue;
                }
                Optional<OAuthToken> other = seen.find(TokenMatch.of(tokens[i]).orElseThrow());
                if (other.isPresent()) {
                    union(parent, i, Integer.parseInt(other.get().id()));
                }
                seen.put(tokens[i].toBuilder().id(Integer.toString(i)).build());
            }
        }
        List<List<Integer>> groups = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            groups.add(null);
        }
        for (int i = 0; i < n; i++) {
            if (tokens[i] != null) {
                int root = find(parent, i);
                if (groups.get(root) == null) {
                    groups.set(root, new ArrayList<>(2));
                }
                groups.get(root).add(i);
            }
        }
        for (List<Integer> group : groups) {
            if (group == null || group.size() < 2) {
                continue;
            }
            for (int i : group) {
                List<String> others = group.stream().filter(j -> j != i).map(j -> rows.get(j).where()).toList();
                rejected[i] = MigrationMessages.rowDuplicate(key(tokens[i]), others);
                tokens[i] = null;
            }
        }
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        parent[find(parent, a)] = find(parent, b);
    }

    private static String key(OAuthToken t) {
        TokenMatch match = TokenMatch.of(t).orElseThrow();
        if (match instanceof TokenMatch.ByUser u) {
            return "the user '" + Report.printable(u.userName(), 80) + "'";
        }
        return "a token with the same " + rule(match);
    }

    private static String rule(TokenMatch match) {
        if (match instanceof TokenMatch.ByUser) {
            return "user";
        }
        if (match instanceof TokenMatch.ByAccessToken) {
            return "access token";
        }
        if (match instanceof TokenMatch.ByGrantToken) {
            return "grant token and client id";
        }
        return "refresh token and client id";
    }

    /** The row's token, with the stored values of the columns the source's layout does not have. */
    private static OAuthToken keepWhatTheSourceLacks(SourceRow row, OAuthToken token, OAuthToken stored) {
        OAuthToken.Builder b = token.toBuilder();
        if (!row.has(ZohoColumns.CLIENT_SECRET)) {
            b.clientSecret(stored.clientSecret());
        }
        if (!row.has(ZohoColumns.REDIRECT_URL)) {
            b.redirectUrl(stored.redirectUrl());
        }
        if (!row.has(ZohoColumns.API_DOMAIN)) {
            b.apiDomain(stored.apiDomain());
        }
        // The SDKs have neither column: an SDK row does not move a user back to the default data center.
        if (!row.has(ZohoColumns.DATA_CENTER)) {
            b.dataCenter(stored.dataCenter());
        }
        if (!row.has(ZohoColumns.ACCOUNT)) {
            b.account(stored.account());
        }
        return b.build();
    }

    /** The names of the fields whose values differ; the id does not count. */
    static List<String> changedFields(OAuthToken a, OAuthToken b) {
        List<String> changed = new ArrayList<>();
        compare(changed, "user", a, b, t -> t.userSignature() == null ? null : t.userSignature().name());
        compare(changed, "clientId", a, b, OAuthToken::clientId);
        compare(changed, "clientSecret", a, b, OAuthToken::clientSecret);
        compare(changed, "refreshToken", a, b, OAuthToken::refreshToken);
        compare(changed, "accessToken", a, b, OAuthToken::accessToken);
        compare(changed, "grantToken", a, b, OAuthToken::grantToken);
        compare(changed, "expiresAt", a, b, OAuthToken::expiresAt);
        compare(changed, "redirectUrl", a, b, OAuthToken::redirectUrl);
        compare(changed, "apiDomain", a, b, OAuthToken::apiDomain);
        compare(changed, "dataCenter", a, b, OAuthToken::dataCenter);
        compare(changed, "account", a, b, OAuthToken::account);
        return changed;
    }

    private static void compare(List<String> changed, String name, OAuthToken a, OAuthToken b,
                                Function<OAuthToken, Object> field) {
        if (!Objects.equals(field.apply(a), field.apply(b))) {
            changed.add(name);
        }
    }
}
