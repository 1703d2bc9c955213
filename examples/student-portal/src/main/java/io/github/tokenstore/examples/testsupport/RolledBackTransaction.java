package io.github.tokenstore.examples.testsupport;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** An application's {@code @Transactional} method that saves a token and then fails, rolling back. */
@ApplicationScoped
public class RolledBackTransaction {

    @Inject
    TokenStore store;

    /** Saves the token, then throws {@link RolledBack}, which rolls the transaction back. */
    @Transactional(Transactional.TxType.REQUIRED)
    public void save(OAuthToken token) {
        store.saveToken(token);
        throw new RolledBack();
    }

    /** Rolls the transaction back (a runtime exception does, for {@code @Transactional}). */
    public static class RolledBack extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }
}
