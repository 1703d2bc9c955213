package io.github.tokenstore.examples.portal;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.Set;

/**
 * The portal's pages at the root of the WAR. Lists its classes, so the fake Zoho server's resources
 * (under {@code /fake-zoho}) and the test support (under {@code /test-support}) stay out of it.
 */
@ApplicationPath("")
public class PortalApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(PortalPages.class);
    }
}
