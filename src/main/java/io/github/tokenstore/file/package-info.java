/**
 * The file token store: the Zoho Java SDK's CSV layout, atomic writes, a lock between processes.
 * Create it with {@code TokenStores.file(Path)}.
 */
package io.github.tokenstore.file;
