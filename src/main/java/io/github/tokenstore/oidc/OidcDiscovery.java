package io.github.tokenstore.oidc;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Reads an issuer's OpenID Connect discovery document ({@code {issuer}/.well-known/openid-configuration},
 * OpenID Connect Discovery 1.0 section 4) with the Nimbus SDK's {@link OIDCProviderMetadata}: the document's
 * {@code issuer} must be exactly the issuer it was fetched for (a trailing slash aside), and every endpoint it
 * names must pass {@link Endpoint#problem}. Explicitly given endpoints win over discovered ones.
 */
final class OidcDiscovery {

    /** The largest discovery document read. */
    private static final int MAX_BODY = 256 * 1024;

    private OidcDiscovery() {
    }

    static OAuth2Provider.Endpoints discover(URI issuer, OAuth2Provider.Endpoints given, HttpClient http,
                                             Duration requestTimeout) {
        String name = issuer.toString();
        URI uri = URI.create(name + "/.well-known/openid-configuration");
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(requestTimeout)
                    .header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw OidcMessages.discoveryFailed(name, e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw OidcMessages.interrupted("discovery");
        }
        if (response.statusCode() != 200) {
            throw OidcMessages.discoveryFailed(name, "HTTP " + response.statusCode(), null);
        }
        if (response.body() == null || response.body().length() > MAX_BODY) {
            throw OidcMessages.discoveryFailed(name, "no body, or larger than " + MAX_BODY + " characters", null);
        }
        OIDCProviderMetadata metadata;
        try {
            metadata = OIDCProviderMetadata.parse(response.body());
        } catch (ParseException e) {
            // Nimbus' message may quote the document; ours names the problem only.
            throw OidcMessages.discoveryFailed(name, "not an OpenID provider metadata document", null);
        }
        if (!strip(metadata.getIssuer().getValue()).equals(strip(name))) {
            throw OidcMessages.discoveryIssuer(name);
        }
        String token = pick(given.tokenEndpoint(), metadata.getTokenEndpointURI(), "token_endpoint", name);
        if (token == null) {
            throw OidcMessages.discoveryEndpoint(name, "token_endpoint", "is missing");
        }
        String jwks = pick(given.jwksUri(), metadata.getJWKSetURI(), "jwks_uri", name);
        return new OAuth2Provider.Endpoints(metadata.getIssuer().getValue(),
                pick(given.authorizationEndpoint(), metadata.getAuthorizationEndpointURI(), "authorization_endpoint",
                        name),
                token,
                pick(given.revocationEndpoint(), metadata.getRevocationEndpointURI(), "revocation_endpoint", name),
                jwks);
    }

    private static String pick(String given, URI discovered, String field, String issuer) {
        if (given != null) {
            return given;
        }
        if (discovered == null) {
            return null;
        }
        String problem = Endpoint.problem(discovered);
        if (problem != null) {
            throw OidcMessages.discoveryEndpoint(issuer, field, problem);
        }
        return discovered.toString();
    }

    private static String strip(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
