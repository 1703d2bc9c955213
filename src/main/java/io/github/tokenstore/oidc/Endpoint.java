package io.github.tokenstore.oidc;

import java.net.URI;
import java.util.Locale;

/**
 * The rule for every URL a generic provider sends to or takes from: https, or plain http on loopback only (a
 * test's fake, a local development server). Loopback is decided from the URL alone, without a DNS lookup:
 * {@code localhost}, an IPv4 literal {@code 127.x.x.x} or {@code [::1]}. A discovery document or token answer
 * that names an http endpoint on another host is refused: the client secret, codes and tokens would travel in
 * clear text, and anyone on the path could swap the keys.
 */
final class Endpoint {

    private Endpoint() {
    }

    /** What is wrong with {@code url}, or {@code null} if it may be used. */
    static String problem(URI url) {
        if (!url.isAbsolute() || url.isOpaque() || url.getHost() == null) {
            return "is not an absolute URL with a host";
        }
        if (url.getRawUserInfo() != null || url.getRawFragment() != null) {
            return "has user info or a fragment";
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if ("https".equals(scheme)) {
            return null;
        }
        if ("http".equals(scheme)) {
            return loopback(url.getHost()) ? null : "is plain http on a host that is not loopback";
        }
        return "is not http or https";
    }

    static boolean loopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("[::1]") || h.equals("::1")
                || h.matches("127(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    }
}
