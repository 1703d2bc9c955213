/**
 * Zoho specifics beyond the token endpoint: {@link io.github.tokenstore.zoho.ZohoSdkBridge}, the library's
 * stores as the Zoho CRM Java SDK's own {@code TokenStore}. Public API; the SDK is never a compile-time
 * dependency (it is reached by reflection only).
 */
package io.github.tokenstore.zoho;
