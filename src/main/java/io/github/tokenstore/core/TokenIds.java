package io.github.tokenstore.core;

import java.util.UUID;

/** New token ids: random UUIDs, so they never collide across stores, processes or restarts. */
public final class TokenIds {

    private TokenIds() {
    }

    /** A new id, 36 characters. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }
}
