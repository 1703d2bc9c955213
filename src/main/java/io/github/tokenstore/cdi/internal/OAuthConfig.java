package io.github.tokenstore.cdi.internal;

import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.jpa.DatabaseRefreshLock;
import io.github.tokenstore.oauth.DataCenter;
import io.github.tokenstore.oauth.RefreshPolicy;
import io.github.tokenstore.oauth.ZohoAccountsClient;
import io.github.tokenstore.login.LoginMessages;
import io.github.tokenstore.zoho.ZohoDataCenters;
import io.github.tokenstore.zoho.ZohoProvider;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

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
 * @param dataCenters    the allowed data centers, the default one first
 * @param secrets        client secrets per data center overriding {@code clientSecret}; never show them
 * @param accountsUrls   accounts servers per data center overriding the data center's (and {@code accountsUrl})
 * @param scopes         the API scopes a login asks for
 * @param login          the {@code tokenstore.login.*} keys
 */
public record OAuthConfig(String clientId, String clientSecret, String redirectUri, DataCenter dataCenter,
                          URI accountsUrl, RefreshPolicy policy, LockMode refreshLock, Duration refreshLockWait,
                          Duration connectTimeout, Duration requestTimeout, List<DataCenter> dataCenters,
                          Map<DataCenter, String> secrets, Map<DataCenter, URI> accountsUrls, List<String> scopes,
                          LoginConfig login) {

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

    /** The allowed data centers, comma-separated; default: {@link #DATA_CENTER}'s. */
    public static final String DATA_CENTERS = "tokenstore.oauth.data-centers";
    /** The client secret of one data center ({@code …client-secret.eu}); overrides {@link #CLIENT_SECRET}. */
    public static final String CLIENT_SECRET_OF = "tokenstore.oauth.client-secret.";
    /** The accounts server of one data center ({@code …accounts-url.eu}), for tests and fakes. */
    public static final String ACCOUNTS_URL_OF = "tokenstore.oauth.accounts-url.";
    /** The API scopes a login asks for, comma-separated as Zoho writes them; {@code openid,email} are added. */
    public static final String SCOPES = "tokenstore.oauth.scopes";

    /**
     * Every {@code tokenstore.oauth.*} and {@code tokenstore.login.*} key, in the order of the table in
     * docs/configuration.md; the per-data
     * center keys once, as {@code …<dc>}.
     */
    public static final List<String> KEYS = java.util.stream.Stream.concat(java.util.stream.Stream.of(CLIENT_ID,
            CLIENT_SECRET, REDIRECT_URI, DATA_CENTER, ACCOUNTS_URL, REFRESH_AHEAD, EXPIRY_SKEW, THROTTLE_BACK_OFF,
            REFRESH_LOCK, REFRESH_LOCK_WAIT, CONNECT_TIMEOUT, REQUEST_TIMEOUT, DATA_CENTERS, CLIENT_SECRET_OF + "<dc>",
            ACCOUNTS_URL_OF + "<dc>", SCOPES), LoginConfig.KEYS.stream()).toList();

    /** The keys whose presence means "OAuth is configured": every key above, each data center's by name. */
    private static final List<String> PRESENCE_KEYS = java.util.stream.Stream.concat(
            java.util.stream.Stream.of(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, DATA_CENTER, ACCOUNTS_URL, REFRESH_AHEAD,
                    EXPIRY_SKEW, THROTTLE_BACK_OFF, REFRESH_LOCK, REFRESH_LOCK_WAIT, CONNECT_TIMEOUT, REQUEST_TIMEOUT,
                    DATA_CENTERS, SCOPES),
            Arrays.stream(DataCenter.values()).flatMap(dc -> java.util.stream.Stream.of(
                    CLIENT_SECRET_OF + dc.location(), ACCOUNTS_URL_OF + dc.location()))).toList();

    /** One scope as Zoho writes them, e.g. {@code ZohoCRM.modules.ALL}. */
    private static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9._:/-]{1,200}");

    /** Which {@link io.github.tokenstore.spi.RefreshLock}. */
    public enum LockMode {
        /** {@code database} if the built-in JPA store's database has named locks, else {@code jvm}. */
        AUTO,
        /** {@link DatabaseRefreshLock} on the built-in JPA store's database; a problem if impossible. */
        DATABASE,
        /** Single flight in this JVM only. */
        JVM
    }

    /**
     * The keys every client shares: the refresh policy (which named clients may override per client), the
     * refresh lock and the token-endpoint timeouts.
     *
     * @param policy          when to refresh, from {@link #REFRESH_AHEAD}, {@link #EXPIRY_SKEW},
     *                        {@link #THROTTLE_BACK_OFF}
     * @param refreshLock     which refresh lock
     * @param refreshLockWait the longest wait for another JVM's refresh
     * @param connectTimeout  time to connect to a token endpoint
     * @param requestTimeout  time for a token-endpoint request
     */
    public record RefreshSettings(RefreshPolicy policy, LockMode refreshLock, Duration refreshLockWait,
                                  Duration connectTimeout, Duration requestTimeout) {

        /** The keys as they are read here, in this order. */
        static final List<String> KEYS = List.of(REFRESH_AHEAD, EXPIRY_SKEW, THROTTLE_BACK_OFF, REFRESH_LOCK,
                REFRESH_LOCK_WAIT, CONNECT_TIMEOUT, REQUEST_TIMEOUT);

        /** Every default: what an application that sets none of {@link #KEYS} gets. */
        static RefreshSettings defaults() {
            return new RefreshSettings(new RefreshPolicy(RefreshPolicy.DEFAULT_REFRESH_AHEAD,
                    RefreshPolicy.DEFAULT_EXPIRY_SKEW, RefreshPolicy.DEFAULT_THROTTLE_BACK_OFF), LockMode.AUTO,
                    DatabaseRefreshLock.DEFAULT_MAX_WAIT, ZohoAccountsClient.DEFAULT_CONNECT_TIMEOUT,
                    ZohoAccountsClient.DEFAULT_REQUEST_TIMEOUT);
        }

        /** The keys; wrong values are problems, and then the result is {@code null}. */
        static RefreshSettings read(Function<String, Optional<String>> value, List<TokenStoreException> problems) {
            int before = problems.size();
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
            RefreshPolicy policy = checkedPolicy(REFRESH_AHEAD, refreshAhead, EXPIRY_SKEW, expirySkew, backOff, problems);
            return problems.size() > before ? null : new RefreshSettings(policy, lock, lockWait, connect, request);
        }
    }

    /** The configuration, or empty if no OAuth key is set; problems go to {@code problems}. */
    static Optional<OAuthConfig> read(Function<String, Optional<String>> value, List<TokenStoreException> problems) {
        if (PRESENCE_KEYS.stream().map(value).allMatch(Optional::isEmpty)) {
            return Optional.empty();
        }
        int before = problems.size();
        String clientId = value.apply(CLIENT_ID).map(String::strip).orElse(null);
        String clientSecret = value.apply(CLIENT_SECRET).orElse(null);
        // Whether the secret is complete depends on the data centers, but its problem comes first, as before.
        List<TokenStoreException> dataCenterProblems = new ArrayList<>();
        DataCenter dataCenter = value.apply(DATA_CENTER).map(v -> {
            try {
                return DataCenter.valueOf(v.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                dataCenterProblems.add(CdiMessages.unknownDataCenter(v));
                return DataCenter.US;
            }
        }).orElse(DataCenter.US);
        List<DataCenter> dataCenters = dataCenters(value, dataCenter, dataCenterProblems);
        Map<DataCenter, String> secrets = new EnumMap<>(DataCenter.class);
        Map<DataCenter, URI> accountsUrls = new EnumMap<>(DataCenter.class);
        for (DataCenter dc : DataCenter.values()) {
            Optional<String> secret = value.apply(CLIENT_SECRET_OF + dc.location());
            Optional<String> url = value.apply(ACCOUNTS_URL_OF + dc.location());
            if ((secret.isPresent() || url.isPresent()) && !dataCenters.contains(dc)) {
                dataCenterProblems.add(LoginMessages.perDataCenterKeyUnused((secret.isPresent() ? CLIENT_SECRET_OF
                        : ACCOUNTS_URL_OF) + dc.location(), locations(dataCenters)));
                continue;
            }
            secret.ifPresent(v -> secrets.put(dc, v));
            url.ifPresent(v -> {
                URI u = accountsUrl(v.strip());
                if (u == null) {
                    dataCenterProblems.add(LoginMessages.accountsUrlKeyInvalid(ACCOUNTS_URL_OF + dc.location()));
                } else {
                    accountsUrls.put(dc, u);
                }
            });
        }
        List<String> missing = new ArrayList<>();
        if (clientId == null) {
            missing.add(CLIENT_ID);
        }
        if (clientSecret == null && !secrets.keySet().containsAll(dataCenters)) {
            missing.add(CLIENT_SECRET);
        }
        if (!missing.isEmpty()) {
            problems.add(CdiMessages.oauthClientIncomplete(missing));
        }
        problems.addAll(dataCenterProblems);
        List<String> scopes = value.apply(SCOPES).map(v -> {
            List<String> list = Arrays.stream(v.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
            if (list.stream().anyMatch(x -> !SCOPE.matcher(x).matches())) {
                problems.add(LoginMessages.scopesInvalid(v));
                return List.<String>of();
            }
            return list;
        }).orElse(List.of());
        LoginConfig login = LoginConfig.read(value, problems);
        String redirectUri = value.apply(REDIRECT_URI).map(String::strip).orElse(null);
        URI accountsUrl = value.apply(ACCOUNTS_URL).map(v -> {
            URI url = accountsUrl(v.strip());
            if (url == null) {
                problems.add(CdiMessages.accountsUrlKeyInvalid(v));
            }
            return url;
        }).orElse(null);
        RefreshSettings settings = RefreshSettings.read(value, problems);
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new OAuthConfig(clientId, clientSecret, redirectUri, dataCenter, accountsUrl,
                settings.policy(), settings.refreshLock(), settings.refreshLockWait(), settings.connectTimeout(),
                settings.requestTimeout(), List.copyOf(dataCenters), Map.copyOf(secrets), Map.copyOf(accountsUrls),
                scopes, login));
    }

    /** The keys every client shares, as these keys set them. */
    public RefreshSettings settings() {
        return new RefreshSettings(policy, refreshLock, refreshLockWait, connectTimeout, requestTimeout);
    }

    /**
     * Whether a key of the Zoho client itself is set (not only one of the {@link RefreshSettings#KEYS} that
     * every client shares): beside named clients, only such a key makes {@code tokenstore.oauth.*} a client.
     */
    static boolean clientKeysSet(Function<String, Optional<String>> value) {
        return PRESENCE_KEYS.stream().filter(k -> !RefreshSettings.KEYS.contains(k)).map(value)
                .anyMatch(Optional::isPresent);
    }

    /** The client of the default data center these keys describe. */
    public ZohoAccountsClient client() {
        return client(dataCenter);
    }

    /**
     * The client of one data center: its own secret ({@code client-secret.<dc>}, else {@code client-secret})
     * and accounts server ({@code accounts-url.<dc>}, for the default data center also {@code accounts-url},
     * else the data center's).
     */
    public ZohoAccountsClient client(DataCenter dc) {
        URI url = accountsUrls.get(dc);
        if (url == null && dc == dataCenter) {
            url = accountsUrl;
        }
        return ZohoAccountsClient.builder().dataCenter(dc).accountsUrl(url).clientId(clientId)
                .clientSecret(secrets.getOrDefault(dc, clientSecret)).redirectUri(redirectUri)
                .connectTimeout(connectTimeout).requestTimeout(requestTimeout).build();
    }

    /** Every allowed data center as a provider, the default one where logins start. */
    public ZohoDataCenters providers(Clock clock) {
        Map<DataCenter, ZohoProvider> allowed = new LinkedHashMap<>();
        for (DataCenter dc : dataCenters) {
            allowed.put(dc, new ZohoProvider(dc.location(), client(dc), scopes, clock));
        }
        return new ZohoDataCenters(dataCenter, allowed);
    }

    /** Everything but the client secret. */
    @Override
    public String toString() {
        return "OAuthConfig[clientId=" + clientId + ", clientSecret=(hidden), redirectUri=" + redirectUri
                + ", dataCenter=" + dataCenter + ", accountsUrl=" + accountsUrl + ", " + policy + ", refreshLock="
                + refreshLock.name().toLowerCase(Locale.ROOT) + ", refreshLockWait=" + refreshLockWait
                + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
                + (dataCenters.size() > 1 ? ", dataCenters=" + dataCenters : "")
                + (secrets.isEmpty() ? "" : ", clientSecrets=" + secrets.keySet() + "(hidden)")
                + (accountsUrls.isEmpty() ? "" : ", accountsUrls=" + accountsUrls)
                + (scopes.isEmpty() ? "" : ", scopes=" + scopes) + "]";
    }

    /** The allowed data centers, the default first; names or location codes, case ignored. */
    private static List<DataCenter> dataCenters(Function<String, Optional<String>> value, DataCenter dataCenter,
                                                List<TokenStoreException> problems) {
        Optional<String> v = value.apply(DATA_CENTERS);
        if (v.isEmpty() || v.get().isBlank()) {
            return List.of(dataCenter);
        }
        List<DataCenter> list = new ArrayList<>();
        list.add(dataCenter);
        List<String> unknown = new ArrayList<>();
        boolean hasDefault = false;
        for (String name : v.get().split(",")) {
            String n = name.strip();
            if (n.isEmpty()) {
                continue;
            }
            Optional<DataCenter> dc = DataCenter.ofLocation(n);
            if (dc.isEmpty()) {
                unknown.add(n);
                continue;
            }
            hasDefault |= dc.get() == dataCenter;
            if (!list.contains(dc.get())) {
                list.add(dc.get());
            }
        }
        if (!unknown.isEmpty()) {
            problems.add(LoginMessages.unknownDataCenters(DATA_CENTERS, unknown, Arrays.stream(DataCenter.values())
                    .map(DataCenter::location).toList().toString()));
        } else if (!hasDefault) {
            problems.add(LoginMessages.defaultDataCenterNotAllowed(dataCenter.location(), DATA_CENTERS));
        }
        return list;
    }

    private static String locations(List<DataCenter> dataCenters) {
        return String.join(",", dataCenters.stream().map(DataCenter::location).toList());
    }

    static Duration duration(Function<String, Optional<String>> value, String key, Duration fallback,
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

    /**
     * The policy of these three values, or {@code null} if one is {@code null} (unparsable, its problem added
     * already) or breaks a rule: then its problem, naming its key, is added here, except that the caller
     * checks that the back-off is positive (to keep the problems in key order).
     */
    static RefreshPolicy checkedPolicy(String aheadKey, Duration refreshAhead, String skewKey, Duration expirySkew,
                                       Duration backOff, List<TokenStoreException> problems) {
        int before = problems.size();
        if (expirySkew != null && expirySkew.isNegative()) {
            problems.add(CdiMessages.durationOutOfRange(skewKey, expirySkew, "it must be zero or positive"));
        } else if (refreshAhead != null && expirySkew != null && refreshAhead.compareTo(expirySkew) < 0) {
            problems.add(CdiMessages.durationOutOfRange(aheadKey, refreshAhead,
                    "it must be at least " + skewKey + " (" + expirySkew + ")"));
        }
        if (problems.size() > before || refreshAhead == null || expirySkew == null || backOff == null
                || backOff.isNegative() || backOff.isZero()) {
            return null;
        }
        return new RefreshPolicy(refreshAhead, expirySkew, backOff);
    }

    static void positive(String key, Duration d, List<TokenStoreException> problems) {
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
