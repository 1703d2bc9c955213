package io.github.tokenstore.provider;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The authorization servers of one provider that an application may use, and which of them serves what: a
 * provider with one server (most) and one with several data centers (Zoho) look the same to the library.
 * Immutable and thread-safe.
 */
public interface OAuthProviders {

    /** Where a login starts (for Zoho with several data centers: the default data center's server). */
    OAuthProvider loginStart();

    /**
     * The server that issued a token and so refreshes and revokes it.
     *
     * @param location the token's location ({@link io.github.tokenstore.OAuthToken#dataCenter()}); {@code null}
     *                 means the default server
     * @return the server, or empty if {@code location} is not one of the allowed servers
     */
    Optional<OAuthProvider> forLocation(String location);

    /**
     * The server at which a callback's code is to be exchanged, decided from the callback's query
     * parameters alone, without any request.
     *
     * @param parameter the callback's query parameters by name (null for an absent one)
     * @return the server, or empty if the parameters name a server that is not allowed: then nothing may be
     *         sent anywhere
     */
    Optional<OAuthProvider> forCallback(Function<String, String> parameter);

    /** One server for everything: every location and every callback go to {@code provider}. */
    static OAuthProviders single(OAuthProvider provider) {
        Objects.requireNonNull(provider, "provider");
        return new OAuthProviders() {
            @Override
            public OAuthProvider loginStart() {
                return provider;
            }

            @Override
            public Optional<OAuthProvider> forLocation(String location) {
                return Optional.of(provider);
            }

            @Override
            public Optional<OAuthProvider> forCallback(Function<String, String> parameter) {
                return Optional.of(provider);
            }

            @Override
            public String toString() {
                return "OAuthProviders[" + provider + "]";
            }
        };
    }
}
