package io.github.tokenstore.jaxrs;

import com.sun.net.httpserver.HttpServer;
import io.github.tokenstore.InvalidTokenException;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.core.CrmCallFrames;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The filter alone, on Jersey's client against a CRM on loopback that answers what a test scripts. */
class ZohoAuthorizationFilterTest {

    static HttpServer crm;
    static volatile int status;
    static volatile String contentType;
    static volatile String body;
    static volatile String authorization;

    Client client;
    CrmCallFrames.Frame frame;

    @BeforeAll
    static void start() throws IOException {
        crm = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        crm.createContext("/", exchange -> {
            try (exchange) {
                authorization = exchange.getRequestHeaders().getFirst("Authorization");
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", contentType);
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        });
        crm.start();
    }

    @AfterAll
    static void stop() {
        crm.stop(0);
    }

    @BeforeEach
    void enterACall() {
        client = ClientBuilder.newClient().register(ZohoAuthorizationFilter.class);
        frame = CrmCallFrames.enter(new UserSignature("ana@zylker.example"), OAuthToken.builder()
                .user("ana@zylker.example").accessToken("1000.abc").apiDomain("https://www.zohoapis.eu")
                .expiresAt(Instant.now().plusSeconds(3600)).build());
    }

    @AfterEach
    void leave() {
        CrmCallFrames.leave(frame);
        client.close();
    }

    private Response get() {
        return client.target("http://127.0.0.1:" + crm.getAddress().getPort() + "/crm/v8/Contacts").request().get();
    }

    @Test
    void theCurrentTokenIsTheAuthorizationHeader() {
        status = 200;
        contentType = "application/json";
        body = "{\"data\":[]}";

        try (Response response = get()) {
            assertThat(response.readEntity(String.class)).isEqualTo("{\"data\":[]}");
        }
        assertThat(authorization).isEqualTo("Zoho-oauthtoken 1000.abc");
    }

    @Test
    void a401InvalidTokenIsAnInvalidTokenException() {
        status = 401;
        contentType = "application/json;charset=UTF-8";
        body = "{\"code\":\"INVALID_TOKEN\",\"details\":{},\"message\":\"invalid oauth token\",\"status\":\"error\"}";

        Throwable failure = catchThrowable(this::get);

        assertThat(failure).isInstanceOf(ProcessingException.class);
        assertThat(failure.getCause()).isInstanceOf(InvalidTokenException.class).hasMessage("TOKENSTORE-0262: the "
                + "CRM at https://www.zohoapis.eu rejected the access token (HTTP 401 INVALID_TOKEN); the token is "
                + "refreshed and the call repeated once");
    }

    @Test
    void another401PassesWithItsBody() {
        status = 401;
        contentType = "application/json";
        body = "{\"code\":\"OAUTH_SCOPE_MISMATCH\",\"status\":\"error\"}";

        try (Response response = get()) {
            assertThat(response.getStatus()).isEqualTo(401);
            assertThat(response.readEntity(String.class)).isEqualTo(body);
        }
    }

    @Test
    void a401ThatIsNotJsonPasses() {
        status = 401;
        contentType = "text/html";
        body = "<html>INVALID_TOKEN</html>";

        try (Response response = get()) {
            assertThat(response.getStatus()).isEqualTo(401);
            assertThat(response.readEntity(String.class)).isEqualTo(body);
        }
    }
}
