/**
 * MicroProfile Health checks of the token store, registered by the CDI extension only when the
 * MicroProfile Health API can be loaded. Nothing outside this package refers to its classes (the
 * extension loads them by name), so an application without MicroProfile Health never loads them and
 * deploys as before. Internal: the check names and data keys are documented in docs/operations.md, the classes
 * may change in any release.
 */
package io.github.tokenstore.health;
