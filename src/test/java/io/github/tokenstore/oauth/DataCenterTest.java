package io.github.tokenstore.oauth;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class DataCenterTest {

    @Test
    void everyDataCenterHasItsLocationCodeAndApiDomain() {
        assertThat(Arrays.stream(DataCenter.values()).map(DataCenter::location))
                .containsExactly("us", "eu", "in", "au", "jp", "cn", "ca", "sa", "uk");
        assertThat(Arrays.stream(DataCenter.values()).map(dc -> dc.apiDomain().toString())).containsExactly(
                "https://www.zohoapis.com", "https://www.zohoapis.eu", "https://www.zohoapis.in",
                "https://www.zohoapis.com.au", "https://www.zohoapis.jp", "https://www.zohoapis.com.cn",
                "https://www.zohoapis.ca", "https://www.zohoapis.sa", "https://www.zohoapis.uk");
        assertThat(DataCenter.UK.accountsUrl()).hasToString("https://accounts.zoho.uk");
    }

    @Test
    void ofLocationFindsEachCodeIgnoringAsciiCase() {
        for (DataCenter dc : DataCenter.values()) {
            assertThat(DataCenter.ofLocation(dc.location())).contains(dc);
            assertThat(DataCenter.ofLocation(dc.location().toUpperCase(java.util.Locale.ROOT))).contains(dc);
        }
        assertThat(DataCenter.ofLocation("Eu")).contains(DataCenter.EU);
    }

    @Test
    void ofLocationIsEmptyForAnythingElse() {
        for (String bad : new String[] {"", " eu", "eu ", "e", "eur", "europe", "EU\u0000", "ın", "İn", "u\u0455",
                "eu,us", "https://accounts.zoho.eu", "accounts.zoho.eu", "\uD800"}) {
            assertThat(DataCenter.ofLocation(bad)).as(bad).isEmpty();
        }
        assertThat(DataCenter.ofLocation(null)).isEmpty();
    }
}
