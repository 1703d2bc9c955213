package io.github.tokenstore.cdi;

import com.sun.net.httpserver.HttpServer;
import io.github.tokenstore.CrmCall;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.TokenUser;
import io.github.tokenstore.jaxrs.ZohoAuthorizationFilter;
import io.github.tokenstore.oauth.FakeAccountsServer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@code ZohoAuthorizationFilter} on a real JAX-RS client (Jersey) against a fake CRM on loopback: it sends
 * the current token, and a 401 {@code INVALID_TOKEN} becomes {@code InvalidTokenException}, which
 * {@code @CrmCall} answers with one refresh and one more call.
 */
@EnableWeld
class CrmCallClientFilterTest {

    static final FakeAccountsServer ACCOUNTS = CrmCallFixtures.accountsServer();
    static final FakeCrm CRM = new FakeCrm();
    static final String ANA = "ana@zylker.example";

    @RegisterExtension
    static final TestConfig CONFIG = TestConfig.of("tokenstore.store", "memory", "tokenstore.oauth.client-id",
            "1000.CLIENT", "tokenstore.oauth.client-secret", "s3cret",
            "tokenstore.oauth.accounts-url", ACCOUNTS.url().toString());

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Containers.weld(Contacts.class)).build();

    @AfterAll
    static void stop() {
        ACCOUNTS.close();
        CRM.close();
    }

    /** A CRM on loopback: 401 INVALID_TOKEN for the access token "access-<user>", 200 for any other. */
    static final class FakeCrm implements AutoCloseable {
        final HttpServer server;
        final List<String> authorizations = new CopyOnWriteArrayList<>();

        FakeCrm() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/crm/v8/Contacts", exchange -> {
                try (exchange) {
                    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                    authorizations.add(authorization);
                    boolean stale = ("Zoho-oauthtoken access-" + ANA).equals(authorization);
                    byte[] body = (stale
                            ? "{\"code\":\"INVALID_TOKEN\",\"details\":{},\"message\":\"invalid oauth token\",\"status\":\"error\"}"
                            : "{\"data\":[{\"Last_Name\":\"Lopez\"}]}").getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
                    exchange.sendResponseHeaders(stale ? 401 : 200, body.length);
                    exchange.getResponseBody().write(body);
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/crm/v8/Contacts";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @ApplicationScoped
    static class Contacts {
        private final Client client = ClientBuilder.newClient().register(ZohoAuthorizationFilter.class);

        @CrmCall
        public String contacts(@TokenUser String user) {
            return client.target(CRM.url()).request().get(String.class);
        }

        public Response outsideACrmCall() {
            return client.target(CRM.url()).request().get();
        }

        @PreDestroy
        void close() {
            client.close();
        }
    }

    @Test
    void theFilterSendsTheTokenAndA401InvalidTokenIsRefreshedAndRetriedOnce() {
        weld.select(TokenStore.class).get().saveToken(CrmCallFixtures.validToken(ANA));
        int refreshesBefore = ACCOUNTS.refreshCalls.get();

        String answer = weld.select(Contacts.class).get().contacts(ANA);

        assertThat(answer).isEqualTo("{\"data\":[{\"Last_Name\":\"Lopez\"}]}");
        assertThat(CRM.authorizations).hasSize(2);
        assertThat(CRM.authorizations.get(0)).isEqualTo("Zoho-oauthtoken access-" + ANA);
        assertThat(CRM.authorizations.get(1)).startsWith("Zoho-oauthtoken access-refreshed-");
        assertThat(ACCOUNTS.refreshCalls.get() - refreshesBefore).isEqualTo(1);
    }

    @Test
    void outsideACrmCallTheFilterRefusesToSendARequest() {
        Throwable failure = catchThrowable(() -> weld.select(Contacts.class).get().outsideACrmCall());

        assertThat(failure).isInstanceOf(ProcessingException.class);
        assertThat(failure.getCause()).isInstanceOf(TokenStoreException.class).hasMessage("TOKENSTORE-0530: "
                + "CurrentToken.authorizationHeader() was used outside a @CrmCall method: no @CrmCall is in "
                + "progress on this thread (work handed to another thread does not see it)");
    }
}
