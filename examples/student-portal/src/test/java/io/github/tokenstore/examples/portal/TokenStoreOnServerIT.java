package io.github.tokenstore.examples.portal;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library's JPA store on each real server, deployed with no store configuration: its own persistence
 * unit boots with the server's JPA provider (Hibernate on WildFly, EclipseLink on Open Liberty) on the
 * server's default datasource, keeps a token across a restart of the server's JVM, and deletes it.
 */
class TokenStoreOnServerIT {

    static List<PortalServer> servers() {
        return PortalServer.configured();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void the_store_runs_on_the_servers_jpa_provider_and_default_datasource(PortalServer server) throws Exception {
        server.deployed();
        JsonObject store = Http.json(ok(Http.get(store(server))));
        assertThat(store.getString("provider")).isEqualTo(server.jpaProvider());
        assertThat(store.getString("database")).isEqualTo("H2");
        // The default datasource the pom points at an H2 file, so tokens outlive the JVM.
        assertThat(store.getString("url")).startsWith("jdbc:h2:").doesNotContain(":mem:").contains("student-portal");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void a_token_survives_a_restart_and_deleting_it_removes_its_row(PortalServer server) throws Exception {
        server.deployed();
        FakeZohoClient zoho = new FakeZohoClient(server);
        String user = "student-" + UUID.randomUUID() + "@zylker.example";
        JsonObject tokens = zoho.exchange(zoho.authorize(user, "s").get("code"), FakeZohoClient.CLIENT_SECRET);
        String access = tokens.getString("access_token");
        String refresh = tokens.getString("refresh_token");

        JsonObject saved = Http.json(ok(Http.putJson(token(server, user), Json.createObjectBuilder()
                .add("clientId", FakeZohoClient.CLIENT_ID)
                .add("accessToken", access)
                .add("refreshToken", refresh)
                .add("expiresIn", tokens.getJsonNumber("expires_in").longValue())
                .add("apiDomain", tokens.getString("api_domain"))
                .build())));
        String id = saved.getString("id");
        assertThat(saved.getString("user")).isEqualTo(user);
        assertThat(saved.getString("accessTokenSha256")).isEqualTo(Http.sha256(access));
        assertThat(saved.getString("refreshTokenSha256")).isEqualTo(Http.sha256(refresh));
        assertThat(Http.json(ok(Http.get(token(server, user))))).isEqualTo(saved);
        assertRow(server, user, id, access);

        server.restart();

        assertThat(Http.json(ok(Http.get(token(server, user))))).as("after the restart").isEqualTo(saved);
        assertRow(server, user, id, access);
        // The fake's refresh token outlives the restart too, as Zoho's does.
        JsonObject refreshed = zoho.refresh(refresh, FakeZohoClient.CLIENT_SECRET);
        assertThat(refreshed.containsKey("error")).as("error in %s", refreshed.keySet()).isFalse();
        assertThat(zoho.contacts(refreshed.getString("access_token")).statusCode()).isEqualTo(200);

        assertThat(Http.send(Http.request(token(server, user)).DELETE()).statusCode()).isEqualTo(204);
        assertThat(Http.get(token(server, user)).statusCode()).isEqualTo(404);
        assertThat(rows(server, user).getInt("rows")).isZero();
        assertThat(Http.send(Http.request(token(server, user)).DELETE()).statusCode()).isEqualTo(404);
    }

    /**
     * What the CDI layer must do when a store call can come from an application's {@code @Transactional}
     * method (a refresh inside it): suspend the caller's JTA transaction for the store's own
     * resource-local one. Then the save works and its row is there.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void a_save_inside_a_callers_jta_transaction_works_with_that_transaction_suspended(PortalServer server)
            throws Exception {
        String user = "student-" + UUID.randomUUID() + "@zylker.example";
        JsonObject saved = Http.json(ok(Http.putJson(token(server, user) + "?transaction=suspended",
                Json.createObjectBuilder().add("accessToken", "access-" + user).build())));
        assertRow(server, user, saved.getString("id"), "access-" + user);
        assertThat(Http.send(Http.request(token(server, user)).DELETE()).statusCode()).isEqualTo(204);
    }

    /**
     * The store as it is today cannot run inside a caller's JTA transaction on the default (JTA)
     * datasource: its resource-local transaction sets auto-commit (WildFly: IJ031017) or commits
     * (Liberty: DSRA9350E) on a connection the container enlisted. Pins the behaviour the CDI layer
     * has to work around; change this test when the library changes it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void a_save_cannot_join_a_callers_jta_transaction(PortalServer server) throws Exception {
        String user = "student-" + UUID.randomUUID() + "@zylker.example";
        HttpResponse<String> r = Http.putJson(token(server, user) + "?transaction=caller",
                Json.createObjectBuilder().add("accessToken", "access-" + user).build());
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("TOKENSTORE-0020: saveToken failed in the JPA token store (H2)")
                .containsAnyOf("IJ031017", "DSRA9350E")
                .doesNotContain("access-" + user);
        assertThat(rows(server, user).getInt("rows")).isZero();
    }

    /** The token's row, read with plain JDBC from the server's default datasource. */
    private static void assertRow(PortalServer server, String user, String id, String access) throws Exception {
        JsonObject rows = rows(server, user);
        assertThat(rows.getInt("rows")).isEqualTo(1);
        assertThat(rows.getString("id")).isEqualTo(id);
        assertThat(rows.getString("accessTokenSha256")).isEqualTo(Http.sha256(access));
    }

    private static JsonObject rows(PortalServer server, String user) throws Exception {
        return Http.json(ok(Http.get(store(server) + "/rows/" + Http.encode(user))));
    }

    private static String store(PortalServer server) {
        return server.baseUrl() + "/api/diagnostics/store";
    }

    private static String token(PortalServer server, String user) {
        return store(server) + "/tokens/" + Http.encode(user);
    }

    private static HttpResponse<String> ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("status of %s: %s", response.uri(), response.body()).isEqualTo(200);
        return response;
    }
}
