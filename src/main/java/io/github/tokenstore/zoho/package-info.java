/**
 * Zoho as an {@link io.github.tokenstore.provider.OAuthProvider}: {@link io.github.tokenstore.zoho.ZohoProvider}
 * (one data center: its accounts server, client secret, authorize URL with Zoho's comma-separated scopes,
 * "Sign in using Zoho" ID tokens, {@code Zoho-oauthtoken} header) and {@link
 * io.github.tokenstore.zoho.ZohoDataCenters} (the allowed data centers; which one serves a token and a
 * multi-DC callback's {@code accounts-server}). Plain Java; public API.
 */
package io.github.tokenstore.zoho;
