/**
 * The CDI layer's workings: reading the {@code tokenstore.*} configuration
 * ({@link io.github.tokenstore.cdi.internal.TokenStoreConfig}, plain Java) and opening the built-in store
 * it describes ({@link io.github.tokenstore.cdi.internal.BuiltInStore}). Internal: may change in any
 * release.
 */
package io.github.tokenstore.cdi.internal;
