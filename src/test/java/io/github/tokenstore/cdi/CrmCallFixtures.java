package io.github.tokenstore.cdi;

import io.github.tokenstore.CrmCall;
import io.github.tokenstore.CurrentToken;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenUser;
import io.github.tokenstore.oauth.FakeAccountsServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Tokens, the accounts server and a {@code @CrmCall} bean for the {@code @CrmCall} tests. */
final class CrmCallFixtures {

    private CrmCallFixtures() {
    }

    /** The application's CRM-calling bean: one {@code @CrmCall} method that returns the access token it got. */
    @ApplicationScoped
    static class Contacts {
        @Inject
        CurrentToken token;

        @CrmCall
        public String contacts(@TokenUser String user) {
            return token.accessToken();
        }
    }

    /** A fake accounts server on loopback; close it after the test class. */
    static FakeAccountsServer accountsServer() {
        try {
            return new FakeAccountsServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A token of {@code user} valid for an hour: access token {@code access-<user>}. */
    static OAuthToken validToken(String user) {
        return OAuthToken.builder().user(user).clientId("1000.CLIENT").refreshToken("refresh-" + user)
                .accessToken("access-" + user).expiresAt(Instant.now().plus(1, ChronoUnit.HOURS))
                .apiDomain("https://www.zohoapis.eu").build();
    }

    /** A token of {@code user} that expired a minute ago. */
    static OAuthToken expiredToken(String user) {
        return validToken(user).toBuilder().expiresAt(Instant.now().minus(1, ChronoUnit.MINUTES)).build();
    }
}
