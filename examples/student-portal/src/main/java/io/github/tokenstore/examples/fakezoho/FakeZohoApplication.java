package io.github.tokenstore.examples.fakezoho;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.Set;

/**
 * The fake Zoho accounts server and CRM API under {@code /fake-zoho}, for demo mode: the accounts server
 * is {@code <portal>/fake-zoho} and so is the API domain. Served only with {@code portal.demo=true}
 * ({@link DemoModeOnly}).
 */
@ApplicationPath("fake-zoho")
public class FakeZohoApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(FakeZohoAccountsResource.class, FakeZohoCrmResource.class, FakeZohoStatsResource.class,
                DemoModeOnly.class);
    }
}
