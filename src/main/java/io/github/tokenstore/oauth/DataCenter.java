package io.github.tokenstore.oauth;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The Zoho data centers, each with its accounts server, its location code and its CRM API domain. A Zoho
 * account lives in one data center; its tokens work only with that data center's accounts server.
 */
public enum DataCenter {
    /** United States: {@code https://accounts.zoho.com}, location {@code us}. */
    US("https://accounts.zoho.com", "us", "https://www.zohoapis.com"),
    /** Europe: {@code https://accounts.zoho.eu}, location {@code eu}. */
    EU("https://accounts.zoho.eu", "eu", "https://www.zohoapis.eu"),
    /** India: {@code https://accounts.zoho.in}, location {@code in}. */
    IN("https://accounts.zoho.in", "in", "https://www.zohoapis.in"),
    /** Australia: {@code https://accounts.zoho.com.au}, location {@code au}. */
    AU("https://accounts.zoho.com.au", "au", "https://www.zohoapis.com.au"),
    /** Japan: {@code https://accounts.zoho.jp}, location {@code jp}. */
    JP("https://accounts.zoho.jp", "jp", "https://www.zohoapis.jp"),
    /** China: {@code https://accounts.zoho.com.cn}, location {@code cn}. */
    CN("https://accounts.zoho.com.cn", "cn", "https://www.zohoapis.com.cn"),
    /** Canada: {@code https://accounts.zohocloud.ca}, location {@code ca}. */
    CA("https://accounts.zohocloud.ca", "ca", "https://www.zohoapis.ca"),
    /** Saudi Arabia: {@code https://accounts.zoho.sa}, location {@code sa}. */
    SA("https://accounts.zoho.sa", "sa", "https://www.zohoapis.sa"),
    /** United Kingdom: {@code https://accounts.zoho.uk}, location {@code uk}. */
    UK("https://accounts.zoho.uk", "uk", "https://www.zohoapis.uk");

    private final URI accountsUrl;
    private final String location;
    private final URI apiDomain;

    DataCenter(String accountsUrl, String location, String apiDomain) {
        this.accountsUrl = URI.create(accountsUrl);
        this.location = location;
        this.apiDomain = URI.create(apiDomain);
    }

    /** The base URL of this data center's accounts server, without a trailing slash. */
    public URI accountsUrl() {
        return accountsUrl;
    }

    /**
     * The lowercase code Zoho names this data center by in a callback's {@code location=} parameter
     * ({@code us}, {@code eu}, {@code in}, {@code au}, {@code jp}, {@code cn}, {@code ca}, {@code sa},
     * {@code uk}); also what {@link io.github.tokenstore.OAuthToken#dataCenter()} holds.
     */
    public String location() {
        return location;
    }

    /**
     * The production CRM API domain of this data center (e.g. {@code https://www.zohoapis.eu}), without a
     * trailing slash. A token response's own {@code api_domain} takes precedence; this is the fallback when
     * none was given.
     */
    public URI apiDomain() {
        return apiDomain;
    }

    /**
     * The data center whose {@link #location()} is {@code location}, ignoring ASCII case.
     *
     * @param location a location code such as {@code eu}; may be {@code null} or anything a browser sent
     * @return the data center, or empty when {@code location} is {@code null} or not exactly one of the codes
     *         (no trimming, no prefix match)
     */
    public static Optional<DataCenter> ofLocation(String location) {
        // Compare ASCII only: String.equalsIgnoreCase would take the dotless i ("ın") for "in".
        if (location == null || !location.chars().allMatch(c -> c < 0x80)) {
            return Optional.empty();
        }
        String code = location.toLowerCase(Locale.ROOT);
        for (DataCenter dc : values()) {
            if (dc.location.equals(code)) {
                return Optional.of(dc);
            }
        }
        return Optional.empty();
    }
}
