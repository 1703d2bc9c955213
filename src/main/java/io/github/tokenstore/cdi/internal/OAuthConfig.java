package io.github.tokenstore.cdi.internal;

import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.jpa.DatabaseRefreshLock;
import io.github.tokenstore.oauth.DataCenter;
import io.github.tokenstore.oauth.RefreshPolicy;
import io.github.tokenstore.oauth.ZohoAccountsClient;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code tokenstore.oauth.*} keys: the OAuth client, the refresh policy and the refresh lock, read
 * and converted in one go; every wrong value is a problem with its ID. Immutable; {@link #toString()}
 * never shows the client secret.
 *
 * @param clientId       the OAuth client id
 * @param clientSecret   the client secret; never show it
 * @param redirectUri    the registered redirect URI, or {@code null}
 * @param dataCenter     whose accounts server
 * @param accountsUrl    an accounts server overriding the data center's, or {@code null}
 * @param policy         when to refresh
 * @param refreshLock    which refresh lock
 * @param refreshLockWait the longest wait for another JVM's refresh
 * @param connectTimeout time to connect to the accounts server
 * @param requestTimeout time for a token-endpoint request
 */
public record OAuthConfig(String clientId, String clientSecret, String redirectUri, DataCenter dataCenter,
                          URI accountsUrl, RefreshPolicy policy, LockMode refreshLock, Duration refreshLockWait,
                          Duration connectTimeout, Duration requestTimeout) {

    /** The client id. */
    public static final String CLIENT_ID = "tokenstore.oauth.client-id";
    /** The client secret; never shown. */
    public static final String CLIENT_SECRET = "tokenstore.oauth.client-secret";
    /** The redirect URI. */
    public static final String REDIRECT_URI = "tokenstore.oauth.redirect-uri";
    /** {@code US} (default), {@code EU}, … */
    public static final String DATA_CENTER = "tokenstore.oauth.data-center";
    /** Overrides the data center's accounts server. */
    public static final String ACCOUNTS_URL = "tokenstore.oauth.accounts-url";
    /** ISO-8601; default {@code PT5M}. */
    public static final String REFRESH_AHEAD = "tokenstore.oauth.refresh-ahead";
    /** ISO-8601; default {@code PT30S}. */
    public static final String EXPIRY_SKEW = "tokenstore.oauth.expiry-skew";
    /** ISO-8601; default {@code PT1M}. */
    public static final String THROTTLE_BACK_OFF = "tokenstore.oauth.throttle-back-off";
    /** {@code auto} (default), {@code database}, {@code jvm}. */
    public static final String REFRESH_LOCK = "tokenstore.oauth.refresh-lock";
    /** ISO-8601; default {@code PT30S}. */
    public static final String REFRESH_LOCK_WAIT = "tokenstore.oauth.refresh-lock-wait";
    /** ISO-8601; default {@code PT5S}. */
    public static final String CONNECT_TIMEOUT = "tokenstore.oauth.connect-timeout";
    /** ISO-8601; default {@code PT10S}. */
    public static final String REQUEST_TIMEOUT = "tokenstore.oauth.request-timeout";

    /** Every {@code tokenstore.oauth.*} key, in the order of the table in docs/configuration.md. */
    public static final List<String> KEYS = List.of(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, DATA_CENTER, ACCOUNTS_URL,
            REFRESH_AHEAD, EXPIRY_SKEW, THROTTLE_BACK_OFF, REFRESH_LOCK, REFRESH_LOCK_WAIT, CONNECT_TIMEOUT,
            REQUEST_TIMEOUT);

    /** Which {@link io.github.tokenstore.spi.RefreshLock}. */
    public enum LockMode {
        /** {@code database} if the built-in JPA store's database has named locks, else {@code jvm}. */
        AUTO,
        /** {@link DatabaseRefreshLock} on the built-in JPA store's database; a problem if impossible. */
        DATABASE,
        /** Single flight in this JVM only. */
        JVM
    }

    /** The configuration, or empty if no OAuth key is set; problems go to {@code problems}. */
    static Optional<OAuthConfig> read(Function<String, Optional<String>> value, List<TokenStoreException> problems) {
        if (KEYS.stream().map(value).allMatch(Optional::isEmpty)) {
            return Optional.empty();
        }
        int before = problems.size();
        String clientId = value.apply(CLIENT_ID).map(String::strip).orElse(null);
        String clientSecret = value.apply(CLIENT_SECRET).orElse(null);
        List<String> missing = new ArrayList<>();
        if (clientId == null) {
            missing.add(CLIENT_ID);
        }
        if (clientSecret == null) {
            missing.add(CLIENT_SECRET);
        }
        if (!missing.isEmpty()) {
            problems.add(CdiMessages.oauthClientIncomplete(missing));
        }
        String redirectUri = value.apply(REDIRECT_URI).map(String::strip).orElse(null);
        DataCenter dataCenter = value.apply(DATA_CENTER).map(v -> {
            try {
                return DataCenter.valueOf(v.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(CdiMessages.unknownDataCenter(v));
                return DataCenter.US;
            }
        }).orElse(DataCenter.US);
        URI accountsUrl = value.apply(ACCOUNTS_URL).map(v -> {
            URI url = accountsUrl(v.strip());
            if (url == null) {
                problems.add(CdiMessages.accountsUrlKeyInvalid(v));
            }
            return url;
        }).orElse(null);
        Duration refreshAhead = duration(value, REFRESH_AHEAD, RefreshPolicy.DEFAULT_REFRESH_AHEAD, problems);
        Duration expirySkew = duration(value, EXPIRY_SKEW, RefreshPolicy.DEFAULT_EXPIRY_SKEW, problems);
        Duration backOff = duration(value, THROTTLE_BACK_OFF, RefreshPolicy.DEFAULT_THROTTLE_BACK_OFF, problems);
        LockMode lock = value.apply(REFRESH_LOCK).map(v -> {
            try {
                return LockMode.valueOf(v.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(CdiMessages.unknownRefreshLock(v));
                return LockMode.AUTO;
            }
        }).orElse(LockMode.AUTO);
        Duration lockWait = duration(value, REFRESH_LOCK_WAIT, DatabaseRefreshLock.DEFAULT_MAX_WAIT, problems);
        Duration connect = duration(value, CONNECT_TIMEOUT, ZohoAccountsClient.DEFAULT_CONNECT_TIMEOUT, problems);
        Duration request = duration(value, REQUEST_TIMEOUT, ZohoAccountsClient.DEFAULT_REQUEST_TIMEOUT, problems);
        positive(THROTTLE_BACK_OFF, backOff, problems);
        positive(REFRESH_LOCK_WAIT, lockWait, problems);
        positive(CONNECT_TIMEOUT, connect, problems);
        positive(REQUEST_TIMEOUT, request, problems);
        if (expirySkew != null && expirySkew.isNegative()) {
            problems.add(CdiMessages.durationOutOfRange(EXPIRY_SKEW, expirySkew, "it must be zero or positive"));
        } else if (refreshAhead != null && expirySkew != null && refreshAhead.compareTo(expirySkew) < 0) {
            problems.add(CdiMessages.durationOutOfRange(REFRESH_AHEAD, refreshAhead,
                    "it must be at least " + EXPIRY_SKEW + " (" + expirySkew + ")"));
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new OAuthConfig(clientId, clientSecret, redirectUri, dataCenter, accountsUrl,
                new RefreshPolicy(refreshAhead, expirySkew, backOff), lock, lockWait, connect, request));
    }

    /** The client these keys describe. */
    public ZohoAccountsClient client() {
        return ZohoAccountsClient.builder().dataCenter(dataCenter).accountsUrl(accountsUrl).clientId(clientId)
                .clientSecret(clientSecret).redirectUri(redirectUri).connectTimeout(connectTimeout)
                .requestTimeout(requestTimeout).build();
    }

    /** Everything but the client secret. */
    @Override
    public String toString() {
        return "OAuthConfig[clientId=" + clientId + ", clientSecret=(hidden), redirectUri=" + redirectUri
                + ", dataCenter=" + dataCenter + ", accountsUrl=" + accountsUrl + ", " + policy + ", refreshLock="
                + refreshLock.name().toLowerCase(Locale.ROOT) + ", refreshLockWait=" + refreshLockWait
                + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout + "]";
    }

    private static Duration duration(Function<String, Optional<String>> value, String key, Duration fallback,
                                     List<TokenStoreException> problems) {
        Optional<String> v = value.apply(key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return Duration.parse(v.get().strip());
        } catch (DateTimeParseException e) {
            problems.add(CdiMessages.durationUnparsable(key, v.get()));
            return null;
        }
    }

    private static void positive(String key, Duration d, List<TokenStoreException> problems) {
        if (d != null && (d.isNegative() || d.isZero())) {
            problems.add(CdiMessages.durationOutOfRange(key, d, "it must be positive"));
        }
    }

    /** The URL if it is an absolute http(s) URL with a host and without user info, query or fragment. */
    private static URI accountsUrl(String v) {
        URI url;
        try {
            url = new URI(v);
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = url.getScheme();
        boolean http = scheme != null && Arrays.asList("http", "https").contains(scheme.toLowerCase(Locale.ROOT));
        if (!url.isAbsolute() || url.isOpaque() || url.getHost() == null || !http || url.getRawUserInfo() != null
                || url.getRawQuery() != null || url.getRawFragment() != null) {
            return null;
        }
        return url;
    }
}
