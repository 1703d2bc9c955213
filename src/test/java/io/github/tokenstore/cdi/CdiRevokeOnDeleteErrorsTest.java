package io.github.tokenstore.cdi;

import io.github.tokenstore.TokenStoreException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A bad {@code tokenstore.revoke-on-delete} fails the deployment with its ID and whole message. */
class CdiRevokeOnDeleteErrorsTest {

    @Test
    void notABoolean_0701() {
        TokenStoreException problem = Deployments.onlyProblem(Map.of("tokenstore.revoke-on-delete", "yes"));

        assertThat(problem.messageId()).isEqualTo("TOKENSTORE-0701");
        assertThat(problem.getMessage()).isEqualTo("TOKENSTORE-0701: tokenstore.revoke-on-delete=yes is not true or "
                + "false");
    }

    @Test
    void trueWithoutTheOAuthClient_0702() {
        TokenStoreException problem = Deployments.onlyProblem(Map.of("tokenstore.revoke-on-delete", "true"));

        assertThat(problem.messageId()).isEqualTo("TOKENSTORE-0702");
        assertThat(problem.getMessage()).isEqualTo("TOKENSTORE-0702: tokenstore.revoke-on-delete=true, but the "
                + "OAuth client is not configured, so nothing could revoke: set tokenstore.oauth.client-id and "
                + "tokenstore.oauth.client-secret, or remove tokenstore.revoke-on-delete");
    }
}
