package io.github.tokenstore;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OAuthTokenTest {

    private static OAuthToken full() {
        return OAuthToken.builder().id("id-1").user("alice@zylker.example").clientId("1000.CLIENT")
                .clientSecret("the-client-secret").grantToken("the-grant").refreshToken("the-refresh")
                .accessToken("the-access").expiresAt(Instant.parse("2026-11-28T18:00:00.123Z"))
                .redirectUrl("https://p.example/cb").apiDomain("https://www.zohoapis.com").dataCenter("eu")
                .account("alice@zoho.example").client("zoho")
                .refusedAt(Instant.parse("2026-11-28T17:00:00.456Z")).build();
    }

    @Test
    void toStringMasksTheSecretAndEveryToken() {
        assertThat(full().toString()).isEqualTo("OAuthToken[id=id-1, user=alice@zylker.example, client=zoho, "
                + "clientId=1000.CLIENT, clientSecret=****, grantToken=****, refreshToken=****, accessToken=****, "
                + "expiresAt=2026-11-28T18:00:00.123Z, redirectUrl=https://p.example/cb, apiDomain=https://www.zohoapis.com, "
                + "dataCenter=eu, account=alice@zoho.example, refusedAt=2026-11-28T17:00:00.456Z]");
    }

    @Test
    void toBuilderCopiesEveryField() {
        assertThat(full().toBuilder().build()).isEqualTo(full()).hasSameHashCodeAs(full());
        assertThat(full().toBuilder().accessToken("other").build()).isNotEqualTo(full());
    }

    @Test
    void theDataCenterAndTheAccountTakePartInEquality() {
        OAuthToken t = full();

        assertThat(t.dataCenter()).isEqualTo("eu");
        assertThat(t.account()).isEqualTo("alice@zoho.example");
        assertThat(t.toBuilder().dataCenter("us").build()).isNotEqualTo(t);
        assertThat(t.toBuilder().account("bob@zoho.example").build()).isNotEqualTo(t);
        assertThat(t.toBuilder().dataCenter(null).account(null).build())
                .isNotEqualTo(t)
                .isEqualTo(t.toBuilder().dataCenter("").account("").build())
                .satisfies(u -> {
                    assertThat(u.dataCenter()).isNull();
                    assertThat(u.account()).isNull();
                });
        assertThat(OAuthToken.builder().build().dataCenter()).isNull();
    }

    @Test
    void theClientAndTheRefusalTakePartInEquality() {
        OAuthToken t = full();

        assertThat(t.client()).isEqualTo("zoho");
        assertThat(t.refusedAt()).isEqualTo(Instant.parse("2026-11-28T17:00:00.456Z"));
        assertThat(t.toBuilder().client("salesforce").build()).isNotEqualTo(t);
        assertThat(t.toBuilder().refusedAt(t.refusedAt().plusMillis(1)).build()).isNotEqualTo(t);
        assertThat(t.toBuilder().client(null).refusedAt(null).build())
                .isNotEqualTo(t)
                .isEqualTo(t.toBuilder().client("").refusedAt(null).build())
                .satisfies(u -> {
                    assertThat(u.client()).isNull();
                    assertThat(u.refusedAt()).isNull();
                });
        assertThat(OAuthToken.builder().build().client()).isNull();
        assertThat(OAuthToken.builder().build().refusedAt()).isNull();
    }

    @Test
    void aClientIsANameOfAtMostSixtyFourLettersDigitsUnderscoresAndHyphens() {
        for (String ok : new String[] {"zoho", "Salesforce", "crm_2", "a", "9", "a-b_c", "x".repeat(64)}) {
            assertThat(OAuthToken.builder().client(ok).build().client()).isEqualTo(ok);
            assertThat(OAuthToken.isClientName(ok)).as(ok).isTrue();
        }
        for (String bad : new String[] {"-zoho", "_zoho", " zoho", "zoho ", "zo.ho", "zoho\u0000", "zöho", "\uD800",
                "zo/ho", "x".repeat(65), "tokenstore.clients.zoho", "' OR '1'='1"}) {
            assertThatThrownBy(() -> OAuthToken.builder().client(bad).build())
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("TOKENSTORE-1000: client (" + bad.length() + " characters) is not a client name: "
                            + "a letter or digit followed by at most 63 letters, digits, '_' or '-' (a name of "
                            + "tokenstore.clients.<name>, e.g. zoho)");
            assertThat(OAuthToken.isClientName(bad)).as(bad).isFalse();
        }
        assertThat(OAuthToken.isClientName(null)).isFalse();
        assertThat(OAuthToken.isClientName("")).isFalse();
    }

    @Test
    void theRefusalKeepsMillisecondsAndMustBeInRange() {
        assertThat(OAuthToken.builder().refusedAt(Instant.parse("2026-11-28T17:00:00.456789Z")).build().refusedAt())
                .isEqualTo(Instant.parse("2026-11-28T17:00:00.456Z"));
        assertThatThrownBy(() -> OAuthToken.builder().refusedAt(Instant.MAX).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOKENSTORE-1001: refusedAt is beyond the range of epoch milliseconds");
        assertThatThrownBy(() -> OAuthToken.builder().expiresAt(Instant.MAX).build())
                .hasMessage("TOKENSTORE-0005: expiresAt is beyond the range of epoch milliseconds");
    }

    @Test
    void aDataCenterIsALowercaseLocationCode() {
        for (String ok : new String[] {"us", "eu", "uk", "a", "x-1", "0123456789abcdef"}) {
            assertThat(OAuthToken.builder().dataCenter(ok).build().dataCenter()).isEqualTo(ok);
        }
        for (String bad : new String[] {"EU", " eu", "eu ", "e_u", "e.u", "eu\u0000", "ëu", "\uD800", "ıa",
                "eu/../x", "https://accounts.zoho.eu"}) {
            assertThatThrownBy(() -> OAuthToken.builder().dataCenter(bad).build())
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("TOKENSTORE-0970: dataCenter (" + bad.length() + " characters) is not a data "
                            + "center location code: 1 to 16 characters of a-z, 0-9 and '-' (e.g. eu, as in "
                            + "Zoho's location= parameter)");
        }
        assertThatThrownBy(() -> OAuthToken.builder().dataCenter("a".repeat(17)).build())
                .hasMessageStartingWith("TOKENSTORE-0970: dataCenter (17 characters) is not a data center");
    }

    @Test
    void theAccountFollowsTheRulesOfTheOtherNames() {
        assertThat(OAuthToken.builder().account("😀@zoho.example").build().account()).isEqualTo("😀@zoho.example");
        assertThatThrownBy(() -> OAuthToken.builder().account("a".repeat(256)).build())
                .hasMessage("TOKENSTORE-0002: account is 256 characters long; at most 255 are allowed");
        assertThatThrownBy(() -> OAuthToken.builder().account("a\u0000b").build())
                .hasMessage("TOKENSTORE-0003: account holds a NUL character at index 1; "
                        + "NUL cannot be stored verbatim by every store");
        assertThatThrownBy(() -> OAuthToken.builder().account("a\uDC00").build())
                .hasMessage("TOKENSTORE-0004: account is not valid Unicode: unpaired surrogate at index 1");
    }

    @Test
    void theMessagesNeverEchoTheDataCenterValue() {
        assertThatThrownBy(() -> OAuthToken.builder().dataCenter("secret-looking-VALUE").build())
                .message().doesNotContain("secret", "VALUE");
    }

    @Test
    void emptyStringsAreAbsentValues() {
        OAuthToken t = OAuthToken.builder().accessToken("").clientId("").build();

        assertThat(t.accessToken()).isNull();
        assertThat(t.clientId()).isNull();
    }

    @Test
    void expiryKeepsMillisecondPrecision() {
        OAuthToken t = OAuthToken.builder().expiresAt(Instant.parse("2026-11-28T18:00:00.123456789Z")).build();

        assertThat(t.expiresAt()).isEqualTo(Instant.parse("2026-11-28T18:00:00.123Z"));
    }

    @Test
    void overlongValuesAreRejectedByName() {
        assertThatThrownBy(() -> OAuthToken.builder().accessToken("x".repeat(OAuthToken.MAX_TOKEN_LENGTH + 1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOKENSTORE-0002: accessToken is 8193 characters long; at most 8192 are allowed");
        assertThatThrownBy(() -> new UserSignature("u".repeat(256)))
                .hasMessage("TOKENSTORE-0002: userSignature.name is 256 characters long; at most 255 are allowed");
    }

    @Test
    void nulAndUnpairedSurrogatesAreRejected() {
        assertThatThrownBy(() -> OAuthToken.builder().refreshToken("ab\u0000").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOKENSTORE-0003: refreshToken holds a NUL character at index 2; "
                        + "NUL cannot be stored verbatim by every store");
        assertThatThrownBy(() -> OAuthToken.builder().clientId("a\uD800b").build())
                .hasMessage("TOKENSTORE-0004: clientId is not valid Unicode: unpaired surrogate at index 1");
        assertThatThrownBy(() -> OAuthToken.builder().clientId("\uDC00").build())
                .hasMessage("TOKENSTORE-0004: clientId is not valid Unicode: unpaired surrogate at index 0");
        assertThat(OAuthToken.builder().clientId("😀").build().clientId()).isEqualTo("😀");
    }

    @Test
    void aUserNameMustNotBeBlank() {
        assertThatThrownBy(() -> new UserSignature(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOKENSTORE-0001: userSignature.name is null or blank; a user signature needs a name");
        assertThatThrownBy(() -> new UserSignature(null)).hasMessageStartingWith("TOKENSTORE-0001: ");
    }

    @Test
    void anExpiryBeyondEpochMillisecondsIsRejected() {
        assertThatThrownBy(() -> OAuthToken.builder().expiresAt(Instant.MAX).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOKENSTORE-0005: expiresAt is beyond the range of epoch milliseconds");
    }
}
