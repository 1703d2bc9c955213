/**
 * The public API of tokenstore-cdi: what applications touch.
 *
 * <p>{@link io.github.tokenstore.TokenStore} with its value types {@link io.github.tokenstore.OAuthToken}
 * and {@link io.github.tokenstore.UserSignature}, the plain-Java factories in
 * {@link io.github.tokenstore.TokenStores}, and the exceptions. Stable: changes here follow semantic
 * versioning.
 */
package io.github.tokenstore;
