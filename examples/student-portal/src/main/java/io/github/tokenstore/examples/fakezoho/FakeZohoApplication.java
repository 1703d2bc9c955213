package io.github.tokenstore.examples.fakezoho;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.Set;

/**
 * The fake Zoho under {@code /fake-zoho}, for demo mode: each data center under its location code, its
 * accounts server at {@code <portal>/fake-zoho/us} (or {@code eu}…), which is also its API domain.
 * Served only with {@code portal.demo=true} ({@link DemoModeOnly}).
 */
@ApplicationPath("fake-zoho")
public class FakeZohoApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(FakeZohoResource.class, DemoModeOnly.class);
    }
}
