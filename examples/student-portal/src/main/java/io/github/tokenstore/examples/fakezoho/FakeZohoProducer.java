package io.github.tokenstore.examples.fakezoho;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one {@link FakeZoho} of the application, configured by the {@code fake-zoho.*} keys: the data
 * centers ({@code fake-zoho.data-centers}, e.g. {@code us,eu}), the client id, one client secret per data
 * center ({@code fake-zoho.client-secret.<location>}), the signing key, the access tokens' lifetime and the
 * demo students.
 */
@ApplicationScoped
public class FakeZohoProducer {

    @Inject
    Config config;

    @Produces
    @Singleton
    FakeZoho fakeZoho() {
        String clientId = config.getValue("fake-zoho.client-id", String.class);
        String signingKey = config.getValue("fake-zoho.signing-key", String.class);
        long expiresIn = config.getOptionalValue("fake-zoho.expires-in", Long.class).orElse(60L);
        SecureRandom random = new SecureRandom();
        List<FakeDataCenter> dataCenters = new ArrayList<>();
        for (String location : config.getValues("fake-zoho.data-centers", String.class)) {
            String dc = location.strip().toLowerCase(Locale.ROOT);
            dataCenters.add(new FakeDataCenter(dc, clientId,
                    config.getValue("fake-zoho.client-secret." + dc, String.class), signingKey, expiresIn,
                    Clock.systemUTC(), random));
        }
        return new FakeZoho(dataCenters, config.getOptionalValues("fake-zoho.students", String.class)
                .orElse(List.of()));
    }
}
