package io.github.tokenstore.examples.fakezoho;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Serves the fake Zoho server only in demo mode ({@code portal.demo=true}); otherwise every request under
 * {@code /fake-zoho} gets 404, as if it were not there.
 */
@PreMatching
public class DemoModeOnly implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        // Read here rather than injected: a JAX-RS provider is not a CDI bean on every server.
        boolean demo = ConfigProvider.getConfig().getOptionalValue("portal.demo", Boolean.class).orElse(false);
        if (!demo) {
            request.abortWith(Response.status(Response.Status.NOT_FOUND).build());
        }
    }
}
