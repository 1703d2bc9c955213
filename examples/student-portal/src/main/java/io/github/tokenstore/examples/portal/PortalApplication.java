package io.github.tokenstore.examples.portal;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.Set;

/**
 * The portal's REST resources under {@code /api}. Lists its classes, so the fake Zoho server's
 * resources stay under {@code /fake-zoho} only.
 */
@ApplicationPath("api")
public class PortalApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(StoreDiagnosticsResource.class, FailureMapper.class);
    }
}
