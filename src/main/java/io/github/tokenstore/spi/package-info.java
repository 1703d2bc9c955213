/**
 * What integrators implement or override: the cross-JVM {@link io.github.tokenstore.spi.RefreshLock},
 * the {@link io.github.tokenstore.spi.TokenListener} for token life-cycle events, and the
 * {@link io.github.tokenstore.spi.TokenUserResolver} that says whose token a {@code @CrmCall} uses. Plain Java; depends
 * on the API only. Stable: changes follow semantic versioning.
 */
package io.github.tokenstore.spi;
