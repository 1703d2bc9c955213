/**
 * Generic OAuth 2.0 and OpenID Connect providers behind the provider seam ({@link
 * io.github.tokenstore.provider.OAuthProvider}): {@link io.github.tokenstore.oidc.OAuth2Provider} (endpoints
 * given, or discovered from an issuer) and {@link io.github.tokenstore.oidc.ProviderPreset} (Google, Microsoft
 * Entra, Salesforce, HubSpot: endpoints and quirks as defaults). The protocol messages are the Nimbus OAuth 2.0
 * / OIDC SDK's; the transport is the JDK's HTTP client.
 *
 * <p>Plain Java, no {@code jakarta.enterprise}, no MicroProfile: the CDI layer builds these from {@code
 * tokenstore.clients.<name>.*}. Public API (issue 13), may still grow. Client authentication by {@code
 * private_key_jwt} signs with a {@link io.github.tokenstore.oidc.ClientKey}.
 */
package io.github.tokenstore.oidc;
