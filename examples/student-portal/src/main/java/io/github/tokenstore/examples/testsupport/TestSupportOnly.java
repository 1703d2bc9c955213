package io.github.tokenstore.examples.testsupport;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.ConfigProvider;

/** 404 for everything under {@code /test-support} unless {@code portal.test-support=true}. */
@PreMatching
public class TestSupportOnly implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        boolean enabled = ConfigProvider.getConfig().getOptionalValue("portal.test-support", Boolean.class)
                .orElse(false);
        if (!enabled) {
            request.abortWith(Response.status(Response.Status.NOT_FOUND).build());
        }
    }
}
