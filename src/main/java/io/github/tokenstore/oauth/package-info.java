/**
 * The OAuth 2.0 client for Zoho's accounts servers ({@link io.github.tokenstore.oauth.ZohoAccountsClient})
 * and the token service on top of it ({@link io.github.tokenstore.oauth.TokenService}): grant-code
 * exchange, refresh ahead of expiry with single flight, throttling back-off, revocation.
 *
 * <p>Plain Java: the JDK {@code HttpClient} and JSON-P ({@code jakarta.json}), no
 * {@code jakarta.enterprise}, no MicroProfile; the CDI layer only builds these objects from
 * configuration. JSON-P needs an implementation at run time: Jakarta EE servers provide one, Java SE
 * applications add one (e.g. {@code org.eclipse.parsson:parsson}). Public API, stable.
 */
package io.github.tokenstore.oauth;
