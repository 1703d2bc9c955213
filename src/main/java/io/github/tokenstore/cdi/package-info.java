/**
 * The CDI integration: {@link io.github.tokenstore.cdi.TokenStoreExtension}, the portable extension that
 * gives {@code @Inject TokenStore}, configured by MicroProfile Config ({@code tokenstore.*}), replaced by
 * any application bean implementing {@code TokenStore}, validated at deployment. Stable: the extension
 * class name and the configuration keys follow semantic versioning.
 */
package io.github.tokenstore.cdi;
