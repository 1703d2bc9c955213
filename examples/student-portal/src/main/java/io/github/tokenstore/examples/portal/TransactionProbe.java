package io.github.tokenstore.examples.portal;

import io.github.tokenstore.OAuthToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Saves a token from inside a caller's JTA transaction, as an application's {@code @Transactional}
 * method that triggers a token refresh would: directly (the store's resource-local transaction on a
 * connection of the JTA datasource) or with the caller's transaction suspended.
 */
@ApplicationScoped
public class TransactionProbe {

    @Inject
    DefaultDataSourceStore store;

    @Inject
    TransactionSuspender suspender;

    @Transactional(Transactional.TxType.REQUIRED)
    public OAuthToken saveInCallersTransaction(OAuthToken token) {
        return store.store().saveToken(token);
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public OAuthToken saveWithCallersTransactionSuspended(OAuthToken token) {
        return suspender.save(token);
    }

    /** A separate bean, so the interceptor runs. */
    @ApplicationScoped
    public static class TransactionSuspender {

        @Inject
        DefaultDataSourceStore store;

        @Transactional(Transactional.TxType.NOT_SUPPORTED)
        public OAuthToken save(OAuthToken token) {
            return store.store().saveToken(token);
        }
    }
}
