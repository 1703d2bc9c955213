package io.github.tokenstore.examples.fakeclassroom;

import io.github.tokenstore.examples.fakezoho.DemoModeOnly;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.Set;

/**
 * The fake classroom provider under {@code /fake-classroom}, for demo mode: the portal's second OAuth
 * client, a standard OpenID Connect provider with rotating refresh tokens. Served only with
 * {@code portal.demo=true} ({@link DemoModeOnly}).
 */
@ApplicationPath("fake-classroom")
public class FakeClassroomApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(FakeClassroomResource.class, DemoModeOnly.class);
    }
}
