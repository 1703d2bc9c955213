package com.zoho.crm.api;

import com.zoho.api.authenticator.store.TokenStore;

/**
 * Test stand-in for the part of the Zoho CRM Java SDK's {@code Initializer} that tokens use: the store the
 * application initialized the SDK with. (The real one is built with {@code new Initializer.Builder()...store(s)
 * .initialize()} and is per thread after {@code switchUser}; one static store is enough here.)
 */
public final class Initializer {

    private static volatile Initializer current;

    private final TokenStore store;

    private Initializer(TokenStore store) {
        this.store = store;
    }

    public static void initialize(TokenStore store) {
        current = new Initializer(store);
    }

    public static Initializer getInitializer() {
        return current;
    }

    public TokenStore getStore() {
        return store;
    }
}
