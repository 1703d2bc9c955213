package io.github.tokenstore.cdi.internal;

import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.oidc.ClientKey;

import java.util.Collection;
import java.util.regex.Pattern;

/**
 * The messages of named OAuth clients ({@code TOKENSTORE-1100}–{@code 1149}): the {@code tokenstore.clients.*}
 * and {@code tokenstore.default-client} keys, and the CDI wiring per client. No factory takes a client secret
 * or a token; URLs are shown with any user info hidden. Internal: may change in any release.
 */
public final class ClientsMessages {

    /** The longest client name or value shown; longer ones are cut, so a pasted blob stays out of logs. */
    private static final int SHOWN = 64;
    /** The user info of a URL ({@code scheme://user:password@}), never shown. */
    private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@");

    private ClientsMessages() {
    }

    private static TokenStoreException problem(String id, String text) {
        return new TokenStoreException(id, id + ": " + text, null);
    }

    /** {@code value}, cut after {@value #SHOWN} characters. */
    static String shown(String value) {
        return value.length() <= SHOWN ? value : value.substring(0, SHOWN) + "… (" + value.length() + " characters)";
    }

    /** {@code url} with its user info, if any, replaced by {@code (hidden)}, and cut. */
    static String shownUrl(String url) {
        return shown(USER_INFO.matcher(url).replaceFirst("$1(hidden)@"));
    }

    public static TokenStoreException clientNameInvalid(String key, String name) {
        return problem("TOKENSTORE-1100", shown(key) + ": the client name '" + shown(name) + "' is not a letter or "
                + "digit followed by up to 63 letters, digits, '_' or '-'; rename the client in all of its keys");
    }

    public static TokenStoreException unknownClientKey(String key, Collection<String> allowed) {
        return problem("TOKENSTORE-1101", shown(key) + " is not a key of a named client; the keys are "
                + "tokenstore.clients.<name>." + String.join(", .", allowed) + "; correct its spelling or remove it");
    }

    public static TokenStoreException clientIncomplete(String name, Collection<String> missing) {
        return problem("TOKENSTORE-1102", String.join(" and ", missing) + (missing.size() == 1 ? " is" : " are")
                + " not set, but other tokenstore.clients." + name + ".* keys are: a named client needs .provider "
                + "and .client-id, and .token-url for provider oauth2 or .issuer for provider oidc; set them, or "
                + "remove the client's keys");
    }

    public static TokenStoreException unknownProvider(String key, String value, Collection<String> allowed) {
        return problem("TOKENSTORE-1103", key + "=" + shown(value) + " is not one of " + String.join(", ", allowed));
    }

    /** @param hint what to use instead, or empty */
    public static TokenStoreException keyNotUsed(String key, String provider, String hint) {
        return problem("TOKENSTORE-1104", key + " is set, but provider " + provider + " does not use it; remove it"
                + hint);
    }

    /** @param rule what the URL must be, e.g. {@code "an absolute https URL …"} */
    public static TokenStoreException urlInvalid(String key, String value, String rule) {
        return problem("TOKENSTORE-1105", key + "=" + shownUrl(value) + " is not " + rule);
    }

    public static TokenStoreException unknownClientAuth(String key, String value) {
        return problem("TOKENSTORE-1106", key + "=" + shown(value) + " is not one of client_secret_basic, "
                + "client_secret_post, private_key_jwt");
    }

    public static TokenStoreException clientKeyMissing(String authKey, String keyKey) {
        return problem("TOKENSTORE-1107", authKey + "=private_key_jwt, but " + keyKey + " is not set; set it to the "
                + "client's private key as PEM PKCS#8 (-----BEGIN PRIVATE KEY-----), the key whose public key the "
                + "provider has");
    }

    public static TokenStoreException booleanInvalid(String key, String value) {
        return problem("TOKENSTORE-1108", key + "=" + shown(value) + " is neither true nor false");
    }

    /** @param why why the client is not a public PKCE client */
    public static TokenStoreException secretMissing(String key, String why) {
        return problem("TOKENSTORE-1109", key + " is not set, and the client is not a public PKCE client (" + why
                + "); set the client secret, or for a public client leave .client-auth unset and .pkce on");
    }

    public static TokenStoreException scopesInvalid(String key, String value) {
        return problem("TOKENSTORE-1110", key + "=" + shown(value) + " has a scope longer than 200 characters or "
                + "with a quote or backslash; separate scopes with commas or spaces");
    }

    public static TokenStoreException zohoConfiguredTwice(Collection<String> oauthKeys, Collection<String> clientKeys) {
        return problem("TOKENSTORE-1111", "the tokenstore.oauth.* keys (" + String.join(", ", oauthKeys)
                + ") and the tokenstore.clients.zoho.* keys (" + String.join(", ", clientKeys) + ") both configure "
                + "the client named zoho; keep one: move the tokenstore.oauth.* client keys to "
                + "tokenstore.clients.zoho.*, or remove the tokenstore.clients.zoho.* keys");
    }

    public static TokenStoreException unknownDefaultClient(String value, Collection<String> clients) {
        return problem("TOKENSTORE-1112", "tokenstore.default-client=" + shown(value) + " names no configured "
                + "client; the clients are " + String.join(", ", clients) + "; set it to one of them");
    }

    public static TokenStoreException noDefaultClient(Collection<String> clients) {
        return problem("TOKENSTORE-1113", clients.size() + " OAuth clients are configured (" + String.join(", ", clients)
                + ") and tokenstore.default-client is not set; set it to the client of @CrmCall methods that name "
                + "none, of @Inject TokenService, and of stored tokens without a client");
    }

    public static TokenStoreException defaultClientNotZoho(String value) {
        return problem("TOKENSTORE-1114", "tokenstore.default-client=" + shown(value) + ", but the tokenstore.oauth.* "
                + "keys configure the client zoho, which is then the default (tokens stored without a client are "
                + "its); remove tokenstore.default-client or set it to zoho");
    }

    public static TokenStoreException defaultClientWithoutClients(String value) {
        return problem("TOKENSTORE-1115", "tokenstore.default-client=" + shown(value) + " is set, but no OAuth client "
                + "is configured; configure tokenstore.clients." + shown(value) + ".* or remove it");
    }

    public static TokenStoreException unknownDataCenter(String key, String value, Collection<String> allowed) {
        return problem("TOKENSTORE-1116", key + "=" + shown(value) + " is not one of " + String.join(", ", allowed)
                + "; or set the client's .accounts-url");
    }

    public static TokenStoreException pkceUnsupported(String key) {
        return problem("TOKENSTORE-1117", key + "=true, but provider zoho is used without PKCE here; remove it");
    }

    /** @param where the method ({@code com.example.Crm#contacts()}) or class whose {@code @CrmCall} names it */
    public static TokenStoreException crmCallClientUnknown(String where, String client, Collection<String> clients) {
        return problem("TOKENSTORE-1120", where + " has @CrmCall(client = \"" + shown(client) + "\"), but no OAuth "
                + "client has that name; " + (clients.isEmpty() ? "no client is configured"
                : "the clients are " + String.join(", ", clients)) + "; configure tokenstore.clients."
                + shown(client) + ".* or correct the name");
    }

    /**
     * A client whose keys were read without problems but whose provider cannot be built from them.
     *
     * @param why the builder's message, which names arguments, never their values
     */
    public static TokenStoreException clientUnbuildable(String client, String provider, String why) {
        return problem("TOKENSTORE-1121", "the OAuth client " + shown(client) + " (provider " + provider
                + ") cannot be built: " + why + "; check its tokenstore.clients." + shown(client) + ".* keys");
    }

    /**
     * A named client's redirect URI that is not its callback while the library serves the login pages.
     *
     * @param callbacks the callback paths the client may use, e.g. {@code /portal/tokenstore/callback/salesforce}
     */
    public static TokenStoreException redirectUriNotClientCallback(String key, String redirectPath,
                                                                   Collection<String> callbacks) {
        return problem("TOKENSTORE-1123", key + " must point at the library's callback of the client ("
                + String.join(" or ", callbacks) + ") but its path is " + shown(redirectPath) + "; set it to the "
                + "callback (and register that URI with the provider), or set tokenstore.login.enabled=false to keep "
                + "your own callback");
    }

    // The key of private_key_jwt: no factory takes a PEM text, only the key's name and the core's problem, which
    // names no part of it.

    /** @param problem what the value is instead, e.g. {@code is a PKCS#1 RSA key (…), not PKCS#8; convert it …} */
    public static TokenStoreException clientKeyUnreadable(String key, String problem) {
        return problem("TOKENSTORE-1124", key + " " + problem + "; give the client's private key as PEM PKCS#8 "
                + "(-----BEGIN PRIVATE KEY-----)");
    }

    /** @param problem what the key is, e.g. {@code is an RSA key of 1024 bits, fewer than 2048} */
    public static TokenStoreException clientKeyUnfit(String key, String problem) {
        return problem("TOKENSTORE-1125", key + " " + problem + "; private_key_jwt signs with an RSA key of at least "
                + ClientKey.MIN_RSA_BITS + " bits (RS256) or an EC P-256 key (ES256)");
    }

    public static TokenStoreException certificateUnreadable(String key, String problem) {
        return problem("TOKENSTORE-1126", key + " " + problem + "; give the client key's X.509 certificate as PEM "
                + "(-----BEGIN CERTIFICATE-----), or remove it");
    }

    public static TokenStoreException certificateNotTheKeys(String key, String problem, String keyKey) {
        return problem("TOKENSTORE-1127", key + " " + problem + " (" + keyKey + "); give the certificate of that key, "
                + "as registered with the provider");
    }

    public static TokenStoreException secretBesideKey(String secretKey, String keyKey) {
        return problem("TOKENSTORE-1128", secretKey + " is set, but the client authenticates with its key "
                + "(private_key_jwt, " + keyKey + "), so the secret would never be sent; remove it");
    }

    /** @param how why the client does not use its key, e.g. {@code tokenstore.clients.x.client-key is not set} */
    public static TokenStoreException keyWithoutPrivateKeyJwt(String key, String how, String keyKey, String authKey) {
        return problem("TOKENSTORE-1129", key + " is set, but the client does not authenticate with private_key_jwt ("
                + how + "); set " + keyKey + " with " + authKey + " unset or private_key_jwt, or remove it");
    }
}
