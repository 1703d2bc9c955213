/**
 * The seam between the library and an OAuth 2.0 / OpenID Connect provider: {@link
 * io.github.tokenstore.provider.OAuthProvider} (one authorization server: authorize URL, token exchange,
 * refresh, revocation, ID-token check, error classification, API header) and {@link
 * io.github.tokenstore.provider.OAuthProviders} (the servers of one provider and which one serves a token
 * or a callback). Zoho is the first implementation ({@code io.github.tokenstore.zoho}); other providers
 * implement the same two interfaces (issue 13).
 *
 * <p>Plain Java, no {@code jakarta.enterprise}, no MicroProfile. Public API, may still grow while further
 * providers are added.
 */
package io.github.tokenstore.provider;
