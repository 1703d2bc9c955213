package io.github.tokenstore.cdi;

import io.github.tokenstore.CrmCall;
import io.github.tokenstore.TokenStoreException;
import jakarta.enterprise.context.ApplicationScoped;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code @CrmCall(client)} naming no configured client fails the deployment, naming the method or class
 * (TOKENSTORE-1120), together with the named clients' own problems.
 */
class CrmCallClientErrorsTest {

    private static final Map<String, String> ZOHO = Map.of("tokenstore.store", "memory",
            "tokenstore.oauth.client-id", "1000.CLIENT", "tokenstore.oauth.client-secret", "s3cret-value");

    /** Names an unknown client on one method. */
    @ApplicationScoped
    static class Calls {
        @CrmCall(client = "salesforce")
        public String accounts() {
            return "accounts";
        }

        @CrmCall
        public String contacts() {
            return "contacts";
        }
    }

    /** Names an unknown client on the class. */
    @ApplicationScoped
    @CrmCall(client = "hubspot")
    static class HubSpotCalls {
        public String deals() {
            return "deals";
        }
    }

    @Test
    void anUnknownClientOnAMethodNamesTheMethod_1120() {
        TokenStoreException problem = Deployments.onlyProblem(ZOHO, Calls.class);

        assertThat(problem.messageId()).isEqualTo("TOKENSTORE-1120");
        assertThat(problem).hasMessage("TOKENSTORE-1120: " + Calls.class.getName() + "#accounts() has @CrmCall(client = "
                + "\"salesforce\"), but no OAuth client has that name; the clients are zoho; configure "
                + "tokenstore.clients.salesforce.* or correct the name");
    }

    @Test
    void anUnknownClientOnAClassNamesTheClassBesideTheOtherProblems_1120() {
        List<String> messages = Deployments.problemMessages(Deployments.failure(Map.of("tokenstore.store", "memory",
                "tokenstore.default-client", "zoho"), HubSpotCalls.class));

        assertThat(messages).containsExactlyInAnyOrder(
                "TOKENSTORE-1115: tokenstore.default-client=zoho is set, but no OAuth client is configured; configure "
                        + "tokenstore.clients.zoho.* or remove it",
                "TOKENSTORE-1120: " + HubSpotCalls.class.getName() + " has @CrmCall(client = \"hubspot\"), but no OAuth "
                        + "client has that name; no client is configured; configure tokenstore.clients.hubspot.* or "
                        + "correct the name");
    }

    @Test
    void aClientWithProblemsIsNotAlsoUnknown() {
        TokenStoreException problem = Deployments.onlyProblem(Map.of("tokenstore.store", "memory",
                "tokenstore.clients.salesforce.provider", "salesforce",
                "tokenstore.clients.salesforce.client-id", "3MVG9", "tokenstore.clients.salesforce.pkce", "no"),
                Calls.class);

        assertThat(problem.messageId()).isEqualTo("TOKENSTORE-1108");
    }
}
