package io.github.tokenstore.examples.fakezoho;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;

/** The one {@link FakeZoho} of the application, configured by the {@code fake-zoho.*} keys. */
@ApplicationScoped
public class FakeZohoProducer {

    @Inject
    @ConfigProperty(name = "fake-zoho.client-id")
    String clientId;

    @Inject
    @ConfigProperty(name = "fake-zoho.client-secret")
    String clientSecret;

    @Inject
    @ConfigProperty(name = "fake-zoho.signing-key")
    String signingKey;

    @Inject
    @ConfigProperty(name = "fake-zoho.expires-in", defaultValue = "60")
    long expiresIn;

    @Produces
    @Singleton
    FakeZoho fakeZoho() {
        return new FakeZoho(clientId, clientSecret, signingKey, expiresIn, Clock.systemUTC());
    }
}
