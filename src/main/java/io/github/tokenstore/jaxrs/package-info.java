/**
 * JAX-RS client integration for CRM calls: {@link io.github.tokenstore.jaxrs.ZohoAuthorizationFilter}.
 * Needs the JAX-RS API (a server or MicroProfile Rest Client brings it) and JSON-P. Stable: changes follow
 * semantic versioning.
 */
package io.github.tokenstore.jaxrs;
