/**
 * The CDI integration: {@link io.github.tokenstore.cdi.TokenStoreExtension}, the portable extension that
 * gives {@code @Inject TokenStore}, configured by MicroProfile Config ({@code tokenstore.*}), replaced by
 * any application bean implementing {@code TokenStore}, validated at deployment; and
 * {@link io.github.tokenstore.cdi.CrmCallInterceptor}, the interceptor of {@code @CrmCall} methods, with
 * the {@code TokenService} and {@code CurrentToken} beans it needs. Stable: the extension and interceptor
 * class names, {@code CrmCallInterceptor.PRIORITY} and the configuration keys follow semantic versioning.
 */
package io.github.tokenstore.cdi;
