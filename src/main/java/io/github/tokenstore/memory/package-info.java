/** The in-memory token store: concurrent, nothing survives the JVM. Create it with {@code TokenStores.inMemory()}. */
package io.github.tokenstore.memory;
