package io.github.tokenstore.cdi.internal;

import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.cdi.internal.OAuthConfig.RefreshSettings;
import io.github.tokenstore.oauth.DataCenter;
import io.github.tokenstore.oauth.RefreshPolicy;
import io.github.tokenstore.oidc.ClientKey;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The application's OAuth clients (issue 13): the legacy Zoho client of the {@code tokenstore.oauth.*} keys,
 * named {@value #LEGACY_CLIENT}, and every client named by {@code tokenstore.clients.<name>.*}, with the default
 * client ({@value #DEFAULT_CLIENT}). Read in one go as pure functions of the key values and the key names (named
 * clients are found by enumerating the names); every wrong value is a problem with its ID, all of them reported
 * together. Immutable; {@link #toString()} never shows a client secret.
 *
 * <p>The default client is {@value #LEGACY_CLIENT} when the {@code tokenstore.oauth.*} keys configure a client
 * (the tokens stored before named clients, without a client name, are its), else the only named client, else
 * the one {@value #DEFAULT_CLIENT} names.
 *
 * @param zoho          the client of the {@code tokenstore.oauth.*} keys, or {@code null}
 * @param named         the clients of the {@code tokenstore.clients.*} keys by name, in name order
 * @param defaultClient the default client's name, or {@code null} if there is no client
 * @param settings      the keys every client shares (refresh lock, timeouts, the policy's defaults)
 * @param login         the {@code tokenstore.login.*} keys
 * @param declared      every client's name that keys declare, also of those with problems (which are missing
 *                      from {@code zoho} and {@code named}), so that a problem is not reported again as an
 *                      unknown client
 */
public record ClientsConfig(OAuthConfig zoho, Map<String, ClientConfig> named, String defaultClient,
                            RefreshSettings settings, LoginConfig login, List<String> declared) {

    /** The name of the client the {@code tokenstore.oauth.*} keys configure. */
    public static final String LEGACY_CLIENT = "zoho";
    /** The client of {@code @CrmCall} without a client, of {@code @Inject TokenService} and of tokens without one. */
    public static final String DEFAULT_CLIENT = "tokenstore.default-client";
    /** The prefix of every named client's keys: {@code tokenstore.clients.<name>.<key>}. */
    public static final String PREFIX = "tokenstore.clients.";

    /** {@code zoho}, {@code oidc}, {@code oauth2}, {@code google}, {@code microsoft}, {@code salesforce}, {@code hubspot}. */
    public static final String PROVIDER = "provider";
    /** The OpenID Connect issuer, whose discovery document gives the endpoints. */
    public static final String ISSUER = "issuer";
    /** The authorize endpoint: only the login flow needs it. */
    public static final String AUTHORIZATION_URL = "authorization-url";
    /** The token endpoint. */
    public static final String TOKEN_URL = "token-url";
    /** The RFC 7009 revocation endpoint. */
    public static final String REVOCATION_URL = "revocation-url";
    /** The client id. */
    public static final String CLIENT_ID = "client-id";
    /** The client secret; never shown. */
    public static final String CLIENT_SECRET = "client-secret";
    /** The scopes a login asks for, separated by commas or spaces. */
    public static final String SCOPES = "scopes";
    /** {@code client_secret_basic}, {@code client_secret_post} or {@code private_key_jwt}. */
    public static final String CLIENT_AUTH = "client-auth";
    /** The private key of {@code private_key_jwt}, as PEM PKCS#8; never shown. */
    public static final String CLIENT_KEY = "client-key";
    /** The {@code kid} of the client assertions. */
    public static final String CLIENT_KEY_ID = "client-key-id";
    /** The client key's X.509 certificate, as PEM: its thumbprint goes into the assertions' {@code x5t#S256}. */
    public static final String CLIENT_CERTIFICATE = "client-certificate";
    /** {@code true} or {@code false}: PKCE S256 in the login flow. */
    public static final String PKCE = "pkce";
    /** The redirect URI registered for the client. */
    public static final String REDIRECT_URI = "redirect-uri";
    /** Per client; default {@code tokenstore.oauth.refresh-ahead}. */
    public static final String REFRESH_AHEAD = "refresh-ahead";
    /** Per client; default {@code tokenstore.oauth.expiry-skew}. */
    public static final String EXPIRY_SKEW = "expiry-skew";
    /** Per client; default {@code tokenstore.oauth.throttle-back-off}. */
    public static final String THROTTLE_BACK_OFF = "throttle-back-off";
    /** Zoho only: the data center, as {@code tokenstore.oauth.data-center}. */
    public static final String DATA_CENTER = "data-center";
    /** Zoho only: overrides the data center's accounts server. */
    public static final String ACCOUNTS_URL = "accounts-url";

    /** Every key of a named client, in the order of the table in docs/configuration.md. */
    public static final List<String> CLIENT_KEYS = List.of(PROVIDER, ISSUER, AUTHORIZATION_URL, TOKEN_URL,
            REVOCATION_URL, CLIENT_ID, CLIENT_SECRET, SCOPES, CLIENT_AUTH, CLIENT_KEY, CLIENT_KEY_ID,
            CLIENT_CERTIFICATE, PKCE, REDIRECT_URI, REFRESH_AHEAD, EXPIRY_SKEW, THROTTLE_BACK_OFF, DATA_CENTER,
            ACCOUNTS_URL);
    /** The keys only {@code private_key_jwt} uses. */
    private static final List<String> KEY_KEYS = List.of(CLIENT_KEY, CLIENT_KEY_ID, CLIENT_CERTIFICATE);

    /** {@link #DEFAULT_CLIENT} and every key of a named client as {@code tokenstore.clients.<name>.<key>}. */
    public static final List<String> KEYS = Stream.concat(Stream.of(DEFAULT_CLIENT),
            CLIENT_KEYS.stream().map(k -> PREFIX + "<name>." + k)).toList();

    /** A client name: what {@code OAuthToken.client()} accepts. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    /** One scope: RFC 6749's characters (printable ASCII but space, quote and backslash), at most 200. */
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,200}");
    private static final Pattern SCOPE_SEPARATOR = Pattern.compile("[,\\s]+");
    private static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "[::1]", "::1");

    /** No client at all. */
    public static final ClientsConfig NONE = new ClientsConfig(null, Map.of(), null, RefreshSettings.defaults(),
            LoginConfig.defaults(), List.of());

    /** The provider of a named client: a protocol, or a preset that fills in its endpoints and quirks. */
    public enum Provider {
        /** Zoho, with its data centers: the endpoints come from {@code .data-center} or {@code .accounts-url}. */
        ZOHO,
        /** OpenID Connect: the endpoints from the {@code .issuer}'s discovery document unless given. */
        OIDC,
        /** OAuth 2.0 with the endpoints given: {@code .token-url} at least. */
        OAUTH2,
        /** Google's preset (OpenID Connect). */
        GOOGLE,
        /** Microsoft Entra ID's preset (OpenID Connect). */
        MICROSOFT,
        /** Salesforce's preset (OpenID Connect; the API base is the token's {@code instance_url}). */
        SALESFORCE,
        /** HubSpot's preset (OAuth 2.0, {@code client_secret_post}). */
        HUBSPOT;

        /** The name in {@code .provider}, e.g. {@code salesforce}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether it takes an {@code .issuer}: it speaks OpenID Connect. */
        public boolean openIdConnect() {
            return this == OIDC || this == GOOGLE || this == MICROSOFT || this == SALESFORCE;
        }

        /** Whether it is a preset: its endpoints are known and every endpoint key only overrides them. */
        public boolean preset() {
            return this == GOOGLE || this == MICROSOFT || this == SALESFORCE || this == HUBSPOT;
        }

        static List<String> keys() {
            return Arrays.stream(values()).map(Provider::key).toList();
        }
    }

    /** How the client authenticates at the token endpoint. */
    public enum ClientAuth {
        /** HTTP Basic with the client id and secret (RFC 6749 2.3.1). */
        CLIENT_SECRET_BASIC,
        /** The client id and secret as form parameters. */
        CLIENT_SECRET_POST,
        /** A public client: no secret, the client id only; PKCE protects the code. */
        NONE,
        /** A client assertion signed with the client's key (RFC 7523), no secret. */
        PRIVATE_KEY_JWT;

        /** The name in {@code .client-auth}, e.g. {@code client_secret_basic}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One named client.
     *
     * @param name             the client's name, kept with its tokens
     * @param provider         which provider
     * @param issuer           the OpenID Connect issuer, or {@code null} (a preset's, or none)
     * @param authorizationUrl the authorize endpoint, or {@code null} (the preset's or the discovered one)
     * @param tokenUrl         the token endpoint, or {@code null} (the preset's or the discovered one)
     * @param revocationUrl    the revocation endpoint, or {@code null} (the preset's, discovered, or none)
     * @param clientId         the client id
     * @param clientSecret     the client secret, or {@code null} for a public client or a client key; never show it
     * @param clientKey        the private key of {@code private_key_jwt} (fit to sign), or {@code null}; never show it
     * @param clientKeyId      the assertions' {@code kid}, or {@code null}
     * @param clientCertificate the client key's certificate (matching it), or {@code null}
     * @param scopes           the scopes a login asks for, as given
     * @param clientAuth       how it authenticates ({@link ClientAuth#NONE}: a public client)
     * @param pkce             whether a login uses PKCE S256
     * @param redirectUri      the registered redirect URI, or {@code null}
     * @param policy           when to refresh its tokens
     * @param dataCenter       Zoho only: the data center ({@code US} unless set); {@code null} for others
     * @param accountsUrl      Zoho only: an accounts server overriding the data center's, or {@code null}
     */
    public record ClientConfig(String name, Provider provider, URI issuer, URI authorizationUrl, URI tokenUrl,
                               URI revocationUrl, String clientId, String clientSecret, PrivateKey clientKey,
                               String clientKeyId, X509Certificate clientCertificate, List<String> scopes,
                               ClientAuth clientAuth, boolean pkce, String redirectUri, RefreshPolicy policy,
                               DataCenter dataCenter, URI accountsUrl) {

        /** The full key of one of this client's keys, e.g. {@code tokenstore.clients.salesforce.token-url}. */
        public String key(String clientKey) {
            return PREFIX + name + "." + clientKey;
        }

        /** Everything but the client secret and key. */
        @Override
        public String toString() {
            return "ClientConfig[name=" + name + ", provider=" + provider.key() + ", issuer=" + issuer
                    + ", authorizationUrl=" + authorizationUrl + ", tokenUrl=" + tokenUrl + ", revocationUrl="
                    + revocationUrl + ", clientId=" + clientId + ", clientSecret="
                    + (clientSecret == null ? null : "(hidden)")
                    + (clientKey == null ? "" : ", clientKey=(hidden), clientKeyId=" + clientKeyId
                    + ", clientCertificate=" + (clientCertificate == null ? null : "(given)"))
                    + ", scopes=" + scopes + ", clientAuth="
                    + clientAuth.key() + ", pkce=" + pkce + ", redirectUri=" + redirectUri + ", " + policy
                    + (dataCenter == null ? "" : ", dataCenter=" + dataCenter)
                    + (accountsUrl == null ? "" : ", accountsUrl=" + accountsUrl) + "]";
        }
    }

    /**
     * Reads every client.
     *
     * @param value    the value of a key, empty if it is not set or blank
     * @param names    the names of the keys that are set (MicroProfile Config's property names, or the system
     *                 properties'): where the named clients are found
     * @param problems where every problem goes
     * @return the clients; check {@code problems} before using them
     */
    static ClientsConfig read(Function<String, Optional<String>> value, Iterable<String> names,
                              List<TokenStoreException> problems) {
        Map<String, TreeSet<String>> keysByClient = new TreeMap<>();
        for (String key : names) {
            if (key.startsWith(PREFIX)) {
                String rest = key.substring(PREFIX.length());
                int dot = rest.indexOf('.');
                keysByClient.computeIfAbsent(dot < 0 ? rest : rest.substring(0, dot), n -> new TreeSet<>())
                        .add(dot < 0 ? "" : rest.substring(dot + 1));
            }
        }
        // Keys whose value is blank count as unset, as everywhere else.
        keysByClient.entrySet().removeIf(client -> client.getValue().stream()
                .allMatch(k -> !k.isEmpty() && value.apply(PREFIX + client.getKey() + "." + k).isEmpty()));
        OAuthConfig zoho = null;
        RefreshSettings settings;
        LoginConfig login;
        boolean legacy = keysByClient.isEmpty() || OAuthConfig.clientKeysSet(value);
        if (legacy) {
            zoho = OAuthConfig.read(value, problems).orElse(null);
            if (zoho == null) {
                // Absent, or its problems are reported: a named client's defaults then do not matter.
                settings = RefreshSettings.defaults();
                login = LoginConfig.defaults();
            } else {
                settings = zoho.settings();
                login = zoho.login();
            }
        } else {
            settings = Optional.ofNullable(RefreshSettings.read(value, problems)).orElse(RefreshSettings.defaults());
            login = LoginConfig.read(value, problems);
        }
        boolean legacyClient = legacy && OAuthConfig.clientKeysSet(value);
        if (legacyClient && keysByClient.containsKey(LEGACY_CLIENT)) {
            problems.add(ClientsMessages.zohoConfiguredTwice(OAuthConfig.KEYS.stream()
                    .filter(k -> !RefreshSettings.KEYS.contains(k) && value.apply(k).isPresent()).toList(),
                    keysByClient.get(LEGACY_CLIENT).stream().map(k -> PREFIX + LEGACY_CLIENT + "." + k).toList()));
            keysByClient.remove(LEGACY_CLIENT);
        }
        Map<String, ClientConfig> named = new LinkedHashMap<>();
        for (Map.Entry<String, TreeSet<String>> client : keysByClient.entrySet()) {
            new ClientReader(client.getKey(), client.getValue(), value, settings.policy(), problems).read()
                    .ifPresent(c -> named.put(c.name(), c));
        }
        List<String> clients = new ArrayList<>();
        if (legacyClient) {
            clients.add(LEGACY_CLIENT);
        }
        clients.addAll(keysByClient.keySet());
        String defaultClient = defaultClient(value, legacyClient, clients, problems);
        return new ClientsConfig(zoho, Collections.unmodifiableMap(named), defaultClient, settings, login,
                List.copyOf(clients));
    }

    /**
     * The clients as far as the keys allow, their problems dropped: which client beans the extension registers
     * before validation, which reads the keys again and reports every problem.
     *
     * @param value as for {@link #read}
     * @param names as for {@link #read}
     */
    public static ClientsConfig readForBeans(Function<String, Optional<String>> value, Iterable<String> names) {
        return read(value, names, new ArrayList<>());
    }

    private static String defaultClient(Function<String, Optional<String>> value, boolean legacyClient,
                                        List<String> clients, List<TokenStoreException> problems) {
        Optional<String> configured = value.apply(DEFAULT_CLIENT).map(String::strip);
        if (configured.isPresent()) {
            String name = configured.get();
            if (clients.isEmpty()) {
                problems.add(ClientsMessages.defaultClientWithoutClients(name));
            } else if (!clients.contains(name)) {
                problems.add(ClientsMessages.unknownDefaultClient(name, clients));
            } else if (legacyClient && !name.equals(LEGACY_CLIENT)) {
                problems.add(ClientsMessages.defaultClientNotZoho(name));
            } else {
                return name;
            }
            return null;
        }
        if (legacyClient) {
            return LEGACY_CLIENT;
        }
        if (clients.size() == 1) {
            return clients.get(0);
        }
        if (clients.size() > 1) {
            problems.add(ClientsMessages.noDefaultClient(clients));
        }
        return null;
    }

    /** Whether no client is configured. */
    public boolean isEmpty() {
        return zoho == null && named.isEmpty();
    }

    /** Every client's name, the legacy Zoho client's first, then the named ones in name order. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        if (zoho != null) {
            names.add(LEGACY_CLIENT);
        }
        names.addAll(named.keySet());
        return List.copyOf(names);
    }

    /** Whether a client has this name. */
    public boolean has(String name) {
        return names().contains(name);
    }

    /** Whether keys declare a client of this name, whether or not they have problems. */
    public boolean declares(String name) {
        return declared.contains(name);
    }

    /** Everything but the client secrets. */
    @Override
    public String toString() {
        return "ClientsConfig[zoho=" + zoho + ", named=" + named.values() + ", defaultClient=" + defaultClient + "]";
    }

    /** One named client's keys; collects problems instead of throwing. */
    private static final class ClientReader {

        private final String name;
        private final TreeSet<String> keys;
        private final Function<String, Optional<String>> source;
        private final RefreshPolicy defaults;
        private final List<TokenStoreException> problems;

        ClientReader(String name, TreeSet<String> keys, Function<String, Optional<String>> source,
                     RefreshPolicy defaults, List<TokenStoreException> problems) {
            this.name = name;
            this.keys = keys;
            this.source = source;
            this.defaults = defaults;
            this.problems = problems;
        }

        Optional<ClientConfig> read() {
            if (!NAME.matcher(name).matches()) {
                problems.add(ClientsMessages.clientNameInvalid(PREFIX + name + "." + keys.first(), name));
                return Optional.empty();
            }
            int before = problems.size();
            for (String key : keys) {
                if (!CLIENT_KEYS.contains(key)) {
                    problems.add(ClientsMessages.unknownClientKey(key.isEmpty() ? PREFIX + name : key(key), CLIENT_KEYS));
                }
            }
            Provider provider = value(PROVIDER).map(v -> {
                try {
                    return Provider.valueOf(v.strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    problems.add(ClientsMessages.unknownProvider(key(PROVIDER), v, Provider.keys()));
                    return null;
                }
            }).orElse(null);
            String clientId = value(CLIENT_ID).map(String::strip).orElse(null);
            List<String> missing = new ArrayList<>();
            if (value(PROVIDER).isEmpty()) {
                missing.add(key(PROVIDER));
            }
            if (clientId == null) {
                missing.add(key(CLIENT_ID));
            }
            if (provider == Provider.OAUTH2 && value(TOKEN_URL).isEmpty()) {
                missing.add(key(TOKEN_URL));
            }
            if (provider == Provider.OIDC && value(ISSUER).isEmpty()) {
                missing.add(key(ISSUER));
            }
            if (!missing.isEmpty()) {
                problems.add(ClientsMessages.clientIncomplete(name, missing));
            }
            if (provider == null) {
                // Which keys apply depends on the provider: nothing more to check.
                return Optional.empty();
            }
            if (provider == Provider.ZOHO) {
                notUsed(provider, List.of(ISSUER, AUTHORIZATION_URL, TOKEN_URL, REVOCATION_URL, CLIENT_AUTH, CLIENT_KEY,
                        CLIENT_KEY_ID, CLIENT_CERTIFICATE),
                        "; Zoho's endpoints come from " + key(DATA_CENTER) + " or " + key(ACCOUNTS_URL));
            } else {
                notUsed(provider, List.of(DATA_CENTER, ACCOUNTS_URL), "");
                if (!provider.openIdConnect()) {
                    notUsed(provider, List.of(ISSUER), "; give its endpoints");
                }
            }
            URI issuer = url(ISSUER, false);
            URI authorizationUrl = url(AUTHORIZATION_URL, true);
            URI tokenUrl = url(TOKEN_URL, true);
            URI revocationUrl = url(REVOCATION_URL, true);
            String secret = value(CLIENT_SECRET).orElse(null);
            List<String> scopes = scopes();
            boolean pkce = bool(PKCE, provider != Provider.ZOHO);
            if (pkce && provider == Provider.ZOHO && value(PKCE).isPresent()) {
                problems.add(ClientsMessages.pkceUnsupported(key(PKCE)));
            }
            ClientAuth auth = clientAuth(provider, secret, pkce);
            PrivateKey clientKey = clientKey(provider, auth);
            X509Certificate certificate = certificate(auth, clientKey);
            String redirectUri = Optional.ofNullable(url(REDIRECT_URI, true)).map(URI::toString).orElse(null);
            RefreshPolicy policy = policy();
            DataCenter dataCenter = provider != Provider.ZOHO ? null : value(DATA_CENTER).map(v -> DataCenter
                    .ofLocation(v.strip()).orElseGet(() -> {
                        problems.add(ClientsMessages.unknownDataCenter(key(DATA_CENTER), v,
                                Arrays.stream(DataCenter.values()).map(DataCenter::location).toList()));
                        return null;
                    })).orElse(DataCenter.US);
            URI accountsUrl = url(ACCOUNTS_URL, false);
            if (problems.size() > before) {
                return Optional.empty();
            }
            return Optional.of(new ClientConfig(name, provider, issuer, authorizationUrl, tokenUrl, revocationUrl,
                    clientId, secret, clientKey, value(CLIENT_KEY_ID).map(String::strip).orElse(null), certificate,
                    scopes, auth, pkce, redirectUri, policy, dataCenter, accountsUrl));
        }

        /** A problem for each of {@code unused} that is set. */
        private void notUsed(Provider provider, List<String> unused, String hint) {
            for (String key : unused) {
                if (value(key).isPresent()) {
                    problems.add(ClientsMessages.keyNotUsed(key(key), provider.key(), hint));
                }
            }
        }

        /**
         * How the client authenticates: {@code .client-auth}, else {@code private_key_jwt} with a {@code
         * .client-key}, else the provider's default with a secret, else none; {@code null} if {@code
         * .client-auth} is unknown (its problem added).
         */
        private ClientAuth clientAuth(Provider provider, String secret, boolean pkce) {
            Optional<String> configured = value(CLIENT_AUTH).map(v -> v.strip().toLowerCase(Locale.ROOT));
            ClientAuth auth = provider == Provider.HUBSPOT || provider == Provider.ZOHO ? ClientAuth.CLIENT_SECRET_POST
                    : ClientAuth.CLIENT_SECRET_BASIC;
            if (provider == Provider.ZOHO) {
                // Zoho takes its secret in the form; a .client-auth or key is a problem of its own (1104).
                configured = Optional.empty();
            } else if (configured.isPresent()) {
                switch (configured.get()) {
                    case "client_secret_basic" -> auth = ClientAuth.CLIENT_SECRET_BASIC;
                    case "client_secret_post" -> auth = ClientAuth.CLIENT_SECRET_POST;
                    case "private_key_jwt" -> auth = ClientAuth.PRIVATE_KEY_JWT;
                    default -> {
                        problems.add(ClientsMessages.unknownClientAuth(key(CLIENT_AUTH), value(CLIENT_AUTH).get()));
                        return null;
                    }
                }
            } else if (value(CLIENT_KEY).isPresent()) {
                auth = ClientAuth.PRIVATE_KEY_JWT;
            }
            if (auth == ClientAuth.PRIVATE_KEY_JWT) {
                if (secret != null) {
                    problems.add(ClientsMessages.secretBesideKey(key(CLIENT_SECRET), key(CLIENT_KEY)));
                }
                return auth;
            }
            if (secret != null) {
                return auth;
            }
            if (provider == Provider.ZOHO) {
                problems.add(ClientsMessages.secretMissing(key(CLIENT_SECRET), "provider zoho has no public clients"));
            } else if (configured.isPresent()) {
                problems.add(ClientsMessages.secretMissing(key(CLIENT_SECRET), key(CLIENT_AUTH) + "="
                        + configured.get() + " sends a secret"));
            } else if (!pkce) {
                problems.add(ClientsMessages.secretMissing(key(CLIENT_SECRET), key(PKCE) + "=false"));
            }
            return ClientAuth.NONE;
        }

        /**
         * The private key of a {@code private_key_jwt} client, or {@code null}: for another client authentication
         * (each key only {@code private_key_jwt} uses is then a problem; Zoho's are 1104 already), an unknown one
         * ({@code auth} null, its problem added), or if it is missing, unreadable or unfit (its problem added).
         */
        private PrivateKey clientKey(Provider provider, ClientAuth auth) {
            if (auth != ClientAuth.PRIVATE_KEY_JWT) {
                if (auth != null && provider != Provider.ZOHO) {
                    String how = value(CLIENT_AUTH).map(v -> key(CLIENT_AUTH) + "=" + v.strip())
                            .orElse(key(CLIENT_KEY) + " is not set");
                    KEY_KEYS.stream().filter(k -> value(k).isPresent())
                            .forEach(k -> problems.add(ClientsMessages.keyWithoutPrivateKeyJwt(key(k), how,
                                    key(CLIENT_KEY), key(CLIENT_AUTH))));
                }
                return null;
            }
            Optional<String> pem = value(CLIENT_KEY);
            if (pem.isEmpty()) {
                problems.add(ClientsMessages.clientKeyMissing(key(CLIENT_AUTH), key(CLIENT_KEY)));
                return null;
            }
            String unreadable = ClientKey.privateKeyProblem(pem.get());
            if (unreadable != null) {
                problems.add(ClientsMessages.clientKeyUnreadable(key(CLIENT_KEY), unreadable));
                return null;
            }
            PrivateKey key = ClientKey.parsePrivateKey(pem.get());
            String unfit = ClientKey.keyProblem(key);
            if (unfit != null) {
                problems.add(ClientsMessages.clientKeyUnfit(key(CLIENT_KEY), unfit));
                return null;
            }
            return key;
        }

        /**
         * The client key's certificate, or {@code null} if unset, unreadable or not the key's (its problem added);
         * without a usable key, it is only read.
         */
        private X509Certificate certificate(ClientAuth auth, PrivateKey clientKey) {
            Optional<String> pem = value(CLIENT_CERTIFICATE);
            if (auth != ClientAuth.PRIVATE_KEY_JWT || pem.isEmpty()) {
                return null;
            }
            String unreadable = ClientKey.certificateProblem(pem.get());
            if (unreadable != null) {
                problems.add(ClientsMessages.certificateUnreadable(key(CLIENT_CERTIFICATE), unreadable));
                return null;
            }
            X509Certificate certificate = ClientKey.parseCertificate(pem.get());
            if (clientKey == null) {
                return null;
            }
            String mismatch = ClientKey.certificateProblem(clientKey, certificate);
            if (mismatch != null) {
                problems.add(ClientsMessages.certificateNotTheKeys(key(CLIENT_CERTIFICATE), mismatch,
                        key(CLIENT_KEY)));
                return null;
            }
            return certificate;
        }

        private List<String> scopes() {
            return value(SCOPES).map(v -> {
                List<String> list = SCOPE_SEPARATOR.splitAsStream(v.strip()).filter(s -> !s.isEmpty()).toList();
                if (list.stream().anyMatch(s -> !SCOPE.matcher(s).matches())) {
                    problems.add(ClientsMessages.scopesInvalid(key(SCOPES), v));
                    return List.<String>of();
                }
                return list;
            }).orElse(List.of());
        }

        private RefreshPolicy policy() {
            Duration ahead = OAuthConfig.duration(this::value, key(REFRESH_AHEAD), defaults.refreshAhead(), problems);
            Duration skew = OAuthConfig.duration(this::value, key(EXPIRY_SKEW), defaults.expirySkew(), problems);
            Duration backOff = OAuthConfig.duration(this::value, key(THROTTLE_BACK_OFF), defaults.throttleBackOff(),
                    problems);
            OAuthConfig.positive(key(THROTTLE_BACK_OFF), backOff, problems);
            return OAuthConfig.checkedPolicy(key(REFRESH_AHEAD), ahead, key(EXPIRY_SKEW), skew, backOff, problems);
        }

        private boolean bool(String clientKey, boolean fallback) {
            return value(clientKey).map(v -> {
                String b = v.strip().toLowerCase(Locale.ROOT);
                if (!b.equals("true") && !b.equals("false")) {
                    problems.add(ClientsMessages.booleanInvalid(key(clientKey), v));
                    return fallback;
                }
                return Boolean.parseBoolean(b);
            }).orElse(fallback);
        }

        /** The URL of a key, or {@code null} if unset or invalid (its problem added). */
        private URI url(String clientKey, boolean query) {
            return value(clientKey).map(String::strip).map(v -> {
                URI url = parseUrl(v, query);
                if (url == null) {
                    problems.add(ClientsMessages.urlInvalid(key(clientKey), v, rule(query)));
                }
                return url;
            }).orElse(null);
        }

        /**
         * The URL if it is absolute, https (http only on a loopback host: a fake or a local provider), with a
         * host, without user info or fragment, and without a query unless {@code query}; else {@code null}.
         */
        private static URI parseUrl(String v, boolean query) {
            URI url;
            try {
                url = new URI(v);
            } catch (URISyntaxException e) {
                return null;
            }
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!url.isAbsolute() || url.isOpaque() || url.getHost() == null || url.getRawUserInfo() != null
                    || url.getRawFragment() != null || (!query && url.getRawQuery() != null)) {
                return null;
            }
            boolean loopback = LOOPBACK.contains(url.getHost().toLowerCase(Locale.ROOT));
            return scheme.equals("https") || (scheme.equals("http") && loopback) ? url : null;
        }

        private static String rule(boolean query) {
            return "an absolute https URL (http only on localhost, 127.0.0.1 or [::1]) with a host and without user "
                    + "info" + (query ? "" : ", query") + " or fragment, e.g. https://login.example.com/oauth2/token";
        }

        private String key(String clientKey) {
            return PREFIX + name + "." + clientKey;
        }

        /** A set, non-blank value of one of this client's keys, or of a full key. */
        private Optional<String> value(String key) {
            String full = key.startsWith(PREFIX) ? key : key(key);
            return source.apply(full).filter(v -> !v.isBlank());
        }
    }
}
