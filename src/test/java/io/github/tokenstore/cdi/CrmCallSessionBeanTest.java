package io.github.tokenstore.cdi;

import io.github.tokenstore.CurrentToken;
import io.github.tokenstore.oauth.TokenService;
import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Inject;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.Serializable;

import static org.assertj.core.api.Assertions.assertThat;

/** A session-scoped (passivating) bean may inject {@code CurrentToken} and {@code TokenService}. */
class CrmCallSessionBeanTest {

    @RegisterExtension
    static final TestConfig CONFIG = TestConfig.of("tokenstore.store", "memory", "tokenstore.oauth.client-id",
            "1000.CLIENT", "tokenstore.oauth.client-secret", "s3cret");

    @SessionScoped
    static class Portal implements Serializable {
        private static final long serialVersionUID = 1L;
        @Inject
        CurrentToken token;
        @Inject
        TokenService tokens;
    }

    @Test
    void aSessionBeanDeploys() {
        try (WeldContainer container = Containers.weld(Portal.class).initialize()) {
            assertThat(container.isRunning()).isTrue();
        }
    }
}
