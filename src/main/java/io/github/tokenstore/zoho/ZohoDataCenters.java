package io.github.tokenstore.zoho;

import io.github.tokenstore.oauth.DataCenter;
import io.github.tokenstore.provider.OAuthProvider;
import io.github.tokenstore.provider.OAuthProviders;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Zoho data centers an application allows, one {@link ZohoProvider} each, and the default one (where
 * logins start and whose tokens carry no location). Decides which data center serves a token (its {@link
 * io.github.tokenstore.OAuthToken#dataCenter()}) and a multi-DC callback.
 *
 * <h2>A callback's {@code accounts-server}</h2>
 * It is attacker-controlled: a forged callback could name any host, and following it would send the client
 * id, the secret and the code there. It is accepted only when it is exactly the (effective) accounts URL of
 * an allowed data center: the parsed scheme, host and port equal (the scheme's default port may be given or
 * not), the path equal (a trailing slash aside), no user info, query or fragment, and the text in lower
 * case as Zoho sends it; never by prefix or containment. A {@code location} must name the same allowed
 * data center. A callback with neither goes to the default data center. Nothing is sent anywhere here.
 *
 * <p>Immutable, thread-safe.
 */
public final class ZohoDataCenters implements OAuthProviders {

    private final DataCenter defaultDataCenter;
    private final Map<DataCenter, ZohoProvider> allowed;

    /**
     * @param defaultDataCenter the default data center; must be among {@code allowed}
     * @param allowed           a provider per allowed data center, its location being the data center's
     * @throws IllegalArgumentException if the default is not allowed or a provider's location is not its
     *                                  data center's
     */
    public ZohoDataCenters(DataCenter defaultDataCenter, Map<DataCenter, ZohoProvider> allowed) {
        this.defaultDataCenter = Objects.requireNonNull(defaultDataCenter, "defaultDataCenter");
        this.allowed = Collections.unmodifiableMap(new LinkedHashMap<>(allowed));
        if (!this.allowed.containsKey(defaultDataCenter)) {
            throw new IllegalArgumentException("the default data center " + defaultDataCenter + " is not allowed");
        }
        this.allowed.forEach((dc, p) -> {
            if (!dc.location().equals(p.location())) {
                throw new IllegalArgumentException("the provider of " + dc + " has location " + p.location());
            }
        });
    }

    /** The default data center. */
    public DataCenter defaultDataCenter() {
        return defaultDataCenter;
    }

    /** The allowed data centers and their providers, the default first. */
    public Map<DataCenter, ZohoProvider> allowed() {
        return allowed;
    }

    @Override
    public OAuthProvider loginStart() {
        return allowed.get(defaultDataCenter);
    }

    @Override
    public Optional<OAuthProvider> forLocation(String location) {
        if (location == null) {
            return Optional.of(allowed.get(defaultDataCenter));
        }
        return DataCenter.ofLocation(location).map(allowed::get);
    }

    @Override
    public Optional<OAuthProvider> forCallback(Function<String, String> parameter) {
        String server = parameter.apply("accounts-server");
        String location = parameter.apply("location");
        if (server == null && location == null) {
            return Optional.of(allowed.get(defaultDataCenter));
        }
        DataCenter byServer = null;
        if (server != null) {
            byServer = allowedServer(server).orElse(null);
            if (byServer == null) {
                return Optional.empty();
            }
        }
        if (location != null) {
            // Exactly the lower-case code; ofLocation alone would also take upper case.
            DataCenter byLocation = DataCenter.ofLocation(location)
                    .filter(dc -> dc.location().equals(location) && allowed.containsKey(dc)).orElse(null);
            if (byLocation == null || (byServer != null && byServer != byLocation)) {
                return Optional.empty();
            }
            byServer = byLocation;
        }
        return Optional.of(allowed.get(byServer));
    }

    /** The allowed data center whose effective accounts URL {@code value} is exactly, if any. */
    Optional<DataCenter> allowedServer(String value) {
        URI u;
        try {
            u = new URI(value);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (!u.isAbsolute() || u.isOpaque() || u.getHost() == null || u.getRawUserInfo() != null
                || u.getRawQuery() != null || u.getRawFragment() != null || u.getRawAuthority() == null
                || !value.equals(value.strip())) {
            return Optional.empty();
        }
        for (Map.Entry<DataCenter, ZohoProvider> e : allowed.entrySet()) {
            if (sameAccountsServer(u, e.getValue().accountsUrl())) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    private static boolean sameAccountsServer(URI u, URI accounts) {
        // Compared as parsed, case-sensitively: Zoho sends lower case, and anything else is not what it sent.
        if (!u.getScheme().equals(accounts.getScheme()) || !u.getHost().equals(accounts.getHost())
                || port(u) != port(accounts)) {
            return false;
        }
        // The authority must be host[:port] only (URI leaves some oddities in the raw authority).
        String authority = u.getRawAuthority();
        if (!authority.equals(u.getHost()) && !authority.equals(u.getHost() + ":" + u.getPort())) {
            return false;
        }
        return path(u).equals(path(accounts));
    }

    private static String path(URI u) {
        String p = u.getRawPath() == null ? "" : u.getRawPath();
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private static int port(URI u) {
        if (u.getPort() != -1) {
            return u.getPort();
        }
        return "https".equals(u.getScheme()) ? 443 : "http".equals(u.getScheme()) ? 80 : -1;
    }

    @Override
    public String toString() {
        return "ZohoDataCenters[default=" + defaultDataCenter + ", allowed=" + allowed.keySet() + "]";
    }
}
