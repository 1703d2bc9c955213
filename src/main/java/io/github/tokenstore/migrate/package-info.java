/**
 * Moving existing tokens in and out: the {@link io.github.tokenstore.migrate.TokenMigration} command
 * imports the tokens of a Zoho SDK (its {@code FileStore} CSV file, its {@code DBStore} MySQL/MariaDB
 * table, the SQLite {@code zohooauth.db} of Zoho's "Kaizen #192" article, and this library's own encrypted
 * file store, decrypted with keys from an environment variable) into any store of this library
 * and exports any store to the SDK's current CSV layout. Plain Java, no CDI. Only the command's
 * arguments, output and exit codes are stable (docs/operations.md, "Moving existing tokens in"); the classes behind
 * it are internal.
 */
package io.github.tokenstore.migrate;
