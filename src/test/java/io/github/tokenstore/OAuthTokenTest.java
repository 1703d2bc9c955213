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
                .redirectUrl("https://p.example/cb").apiDomain("https://www.zohoapis.com").build();
    }

    @Test
    void toStringMasksTheSecretAndEveryToken() {
        assertThat(full().toString()).isEqualTo("OAuthToken[id=id-1, user=alice@zylker.example, clientId=1000.CLIENT, "
                + "clientSecret=****, grantToken=****, refreshToken=****, accessToken=****, "
                + "expiresAt=2026-11-28T18:00:00.123Z, redirectUrl=https://p.example/cb, apiDomain=https://www.zohoapis.com]");
    }

    @Test
    void toBuilderCopiesEveryField() {
        assertThat(full().toBuilder().build()).isEqualTo(full()).hasSameHashCodeAs(full());
        assertThat(full().toBuilder().accessToken("other").build()).isNotEqualTo(full());
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
