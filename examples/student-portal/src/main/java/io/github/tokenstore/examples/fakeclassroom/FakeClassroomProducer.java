package io.github.tokenstore.examples.fakeclassroom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * The one {@link FakeClassroom} of the application, configured by the {@code fake-classroom.*} keys: the
 * client id and secret and the access tokens' lifetime.
 */
@ApplicationScoped
public class FakeClassroomProducer {

    @Inject
    Config config;

    @Produces
    @Singleton
    FakeClassroom fakeClassroom() {
        return new FakeClassroom(config.getValue("fake-classroom.client-id", String.class),
                config.getValue("fake-classroom.client-secret", String.class),
                config.getOptionalValue("fake-classroom.expires-in", Long.class).orElse(60L),
                Clock.systemUTC(), new SecureRandom());
    }
}
