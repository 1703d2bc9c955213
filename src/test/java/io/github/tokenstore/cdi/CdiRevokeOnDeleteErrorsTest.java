package io.github.tokenstore.cdi;

import io.github.tokenstore.TokenStoreException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tokenstore.revoke-on-delete=true} without the OAuth client fails the deployment of an application
 * whose {@code TokenService} is the library's. The value's own problems: {@code ConfigProblemsTest}.
 */
class CdiRevokeOnDeleteErrorsTest {

    @Test
    void trueWithoutTheOAuthClient_0702() {
        TokenStoreException problem = Deployments.onlyProblem(Map.of("tokenstore.revoke-on-delete", "true"));

        assertThat(problem.messageId()).isEqualTo("TOKENSTORE-0702");
        assertThat(problem.getMessage()).isEqualTo("TOKENSTORE-0702: tokenstore.revoke-on-delete=true, but the "
                + "OAuth client is not configured, so nothing could revoke: set tokenstore.oauth.client-id and "
                + "tokenstore.oauth.client-secret, or remove tokenstore.revoke-on-delete");
    }
}
