/**
 * The public API of tokenstore-cdi: what applications touch.
 *
 * <p>{@link io.github.tokenstore.TokenStore} with its value types {@link io.github.tokenstore.OAuthToken}
 * and {@link io.github.tokenstore.UserSignature}, the plain-Java factories in
 * {@link io.github.tokenstore.TokenStores}, and the exceptions; for CRM-calling methods
 * {@link io.github.tokenstore.CrmCall}, {@link io.github.tokenstore.TokenUser} and
 * {@link io.github.tokenstore.CurrentToken}, and the CDI event payloads ({@code TokenSaved},
 * {@code TokenRefreshed}, {@code TokenRefreshFailed}, {@code TokenDeleted}, {@code TokenRevokeFailed}). Stable: changes here follow semantic
 * versioning.
 */
package io.github.tokenstore;
