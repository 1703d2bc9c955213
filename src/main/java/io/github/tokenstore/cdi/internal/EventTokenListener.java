package io.github.tokenstore.cdi.internal;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenDeleted;
import io.github.tokenstore.TokenRefreshFailed;
import io.github.tokenstore.TokenRefreshed;
import io.github.tokenstore.TokenRevokeFailed;
import io.github.tokenstore.TokenSaved;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.spi.TokenListener;
import jakarta.enterprise.event.Event;

/**
 * Turns the token service's notifications into synchronous CDI events whose payloads hold no token. An
 * observer's exception is logged (its type only) and ignored by the service.
 */
public final class EventTokenListener implements TokenListener {

    private final Event<Object> events;

    /** @param events the container's events, e.g. {@code BeanManager.getEvent()} */
    public EventTokenListener(Event<Object> events) {
        this.events = events;
    }

    @Override
    public void tokenSaved(OAuthToken token) {
        events.select(TokenSaved.class).fire(TokenSaved.from(token));
    }

    @Override
    public void tokenRefreshed(OAuthToken token) {
        events.select(TokenRefreshed.class).fire(TokenRefreshed.from(token));
    }

    @Override
    public void refreshFailed(UserSignature user, TokenStoreException failure) {
        events.select(TokenRefreshFailed.class).fire(new TokenRefreshFailed(user, failure));
    }

    @Override
    public void tokenDeleted(UserSignature user) {
        events.select(TokenDeleted.class).fire(new TokenDeleted(user));
    }

    @Override
    public void revokeFailed(UserSignature user, TokenStoreException failure) {
        events.select(TokenRevokeFailed.class).fire(new TokenRevokeFailed(user, failure));
    }
}
