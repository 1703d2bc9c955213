/**
 * What integrators implement or override: the cross-JVM {@link io.github.tokenstore.spi.RefreshLock}
 * and the {@link io.github.tokenstore.spi.TokenListener} for token life-cycle events. Plain Java; depends
 * on the API only. Stable: changes follow semantic versioning.
 */
package io.github.tokenstore.spi;
