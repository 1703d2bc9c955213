/**
 * Zoho specifics beyond the token endpoint. {@link io.github.tokenstore.zoho.ZohoProvider} is Zoho as an {@link
 * io.github.tokenstore.provider.OAuthProvider} (one data center: its accounts server, client secret, authorize
 * URL with Zoho's comma-separated scopes, "Sign in using Zoho" ID tokens, {@code Zoho-oauthtoken} header);
 * {@link io.github.tokenstore.zoho.ZohoDataCenters} the allowed data centers (which one serves a token and a
 * multi-DC callback's {@code accounts-server}); {@link io.github.tokenstore.zoho.ZohoSdkBridge}, the library's
 * stores as the Zoho CRM Java SDK's own {@code TokenStore}. Public API; the SDK is never a compile-time
 * dependency (it is reached by reflection only).
 */
package io.github.tokenstore.zoho;
