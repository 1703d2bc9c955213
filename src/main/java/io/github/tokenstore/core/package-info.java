/**
 * Pure logic shared by every store: the matching rules, token hashing; and the per-thread
 * {@code @CrmCall} frame behind {@code CurrentToken}. Plain Java, no
 * {@code jakarta.enterprise}, no MicroProfile. Internal: may change in any release.
 */
package io.github.tokenstore.core;
