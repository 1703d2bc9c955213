/**
 * The token store's OpenTelemetry metrics ({@link io.github.tokenstore.metrics.OpenTelemetryTokenMetrics},
 * plain Java on the OpenTelemetry API) and the CDI bean that sets them up, registered by the CDI extension
 * only when the OpenTelemetry API can be loaded. Nothing outside this package refers to its classes (the
 * extension loads them by name), so an application without the OpenTelemetry API never loads them.
 * The metric names, units and attributes are documented in docs/operations.md; the classes are internal.
 */
package io.github.tokenstore.metrics;
