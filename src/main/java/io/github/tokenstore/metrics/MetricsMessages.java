package io.github.tokenstore.metrics;

import io.github.tokenstore.TokenStoreException;

import static io.github.tokenstore.core.CoreMessages.describe;

/**
 * The metrics' messages ({@code TOKENSTORE-0611}); the count's and the probe's are in
 * {@link io.github.tokenstore.core.CoreMessages}.
 */
final class MetricsMessages {

    private MetricsMessages() {
    }

    private static String msg(String id, String text) {
        return id + ": " + text;
    }

    private static TokenStoreException failure(String id, String text, Throwable cause) {
        return new TokenStoreException(id, msg(id, text), cause);
    }

    static TokenStoreException metricsSetupFailed(Throwable cause) {
        return failure("TOKENSTORE-0611", "the OpenTelemetry metrics of the token store could not be set up: " + describe(cause)
                + "; the application runs without them", cause);
    }

    /** A debug record: closing the OpenTelemetry instruments failed at shutdown. */
    static String metricsCloseFailed(Throwable cause) {
        return msg("TOKENSTORE-0613", "closing the token store's metrics failed: " + cause.getClass().getName());
    }
}
