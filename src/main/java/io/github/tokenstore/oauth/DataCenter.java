package io.github.tokenstore.oauth;

import java.net.URI;

/**
 * The Zoho data centers, each with its accounts server. A Zoho account lives in one data center; its
 * client id and tokens work only with that data center's accounts server.
 */
public enum DataCenter {
    /** United States: {@code https://accounts.zoho.com}. */
    US("https://accounts.zoho.com"),
    /** Europe: {@code https://accounts.zoho.eu}. */
    EU("https://accounts.zoho.eu"),
    /** India: {@code https://accounts.zoho.in}. */
    IN("https://accounts.zoho.in"),
    /** Australia: {@code https://accounts.zoho.com.au}. */
    AU("https://accounts.zoho.com.au"),
    /** Japan: {@code https://accounts.zoho.jp}. */
    JP("https://accounts.zoho.jp"),
    /** China: {@code https://accounts.zoho.com.cn}. */
    CN("https://accounts.zoho.com.cn"),
    /** Canada: {@code https://accounts.zohocloud.ca}. */
    CA("https://accounts.zohocloud.ca"),
    /** Saudi Arabia: {@code https://accounts.zoho.sa}. */
    SA("https://accounts.zoho.sa");

    private final URI accountsUrl;

    DataCenter(String accountsUrl) {
        this.accountsUrl = URI.create(accountsUrl);
    }

    /** The base URL of this data center's accounts server, without a trailing slash. */
    public URI accountsUrl() {
        return accountsUrl;
    }
}
