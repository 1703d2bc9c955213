package io.github.tokenstore.examples.portal;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import static io.github.tokenstore.examples.portal.StudentPortalIT.assertFailed;
import static io.github.tokenstore.examples.portal.StudentPortalIT.assertRecords;
import static io.github.tokenstore.examples.portal.StudentPortalIT.delta;
import static io.github.tokenstore.examples.portal.StudentPortalIT.origin;
import static io.github.tokenstore.examples.portal.StudentPortalIT.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The portal on a two-node cluster: two WildFly processes the pom starts, one PostgreSQL database, no
 * sticky sessions. Both nodes know the portal by node A's URL, as nodes behind a load balancer know its
 * URL; the test plays the load balancer, sending each request of one browser to the node it chooses.
 */
class ClusterLoginIT {

    /** The access-token lifetime the pom gives the servers under test. */
    private static final long EXPIRES_IN = Long.getLong("portal.fake-zoho.expires-in", 4);

    private static PortalServer nodeA;
    private static PortalServer nodeB;

    @BeforeAll
    static void cluster() throws Exception {
        List<PortalServer> nodes = PortalServer.clusterNodes();
        assumeThat(nodes).as("the cluster (portal.cluster.skip)").isNotEmpty();
        nodeA = nodes.get(0).deployed();
        nodeB = nodes.get(1).deployed();
    }

    @Test
    void both_nodes_keep_their_tokens_in_the_one_postgresql_database() throws Exception {
        for (PortalServer node : List.of(nodeA, nodeB)) {
            JsonObject store = Http.json(Http.get(node.baseUrl() + "/test-support/store"));
            assertThat(store.getString("database")).as("database of %s", node).isEqualTo("PostgreSQL");
            assertThat(store.getString("url")).as("URL of %s", node)
                    .isEqualTo(System.getProperty("portal.cluster.db-url"));
            assertThat(store.getString("provider")).isEqualTo(node.jpaProvider());
        }
    }

    /**
     * A student who logged in on node A is served by node B (no session there): B reads the remember-me
     * cookie and the token row A saved, and refreshes the expired access token itself; logging out at B
     * revokes the token and deletes the row for both nodes.
     */
    @Test
    void a_student_logged_in_on_node_a_is_served_by_node_b() throws Exception {
        String a = nodeA.baseUrl();
        String b = nodeB.baseUrl();
        FakeZohoClient zoho = new FakeZohoClient(nodeA);
        Browser browser = new Browser();
        String student = "cluster-" + UUID.randomUUID() + "@zylker.example";
        assertRecords(ZohoLogin.login(browser, a, student), student);
        JsonObject loggedIn = zoho.stats();

        Thread.sleep(EXPIRES_IN * 1000 + 1500);
        assertRecords(browser.get(b + "/records"), student);
        JsonObject atB = zoho.stats();
        assertThat(delta(loggedIn, atB, "codeGrants")).as("no new login at node B").isZero();
        assertThat(delta(loggedIn, atB, "refreshGrants")).as("node B refreshed the expired token").isEqualTo(1);
        assertRecords(browser.get(a + "/records"), student);
        assertThat(delta(atB, zoho.stats(), "refreshGrants")).as("node A uses the token node B refreshed")
                .isZero();

        assertThat(browser.post(b + "/logout", origin(b)).statusCode()).isEqualTo(303);
        assertThat(delta(atB, zoho.stats(), "revocations")).isEqualTo(1);
        assertThat(row(nodeA, student).getInt("rows")).isZero();
    }

    /**
     * A login started on node A completes on node B: B knows the state A issued (the pending logins are in
     * the shared database) and this browser's login cookie; B exchanges the code and saves the token, which
     * node A then uses for the same student (the remember-me cookie), and the state works once in the
     * whole cluster.
     */
    @Test
    void a_login_started_on_node_a_completes_on_node_b() throws Exception {
        String a = nodeA.baseUrl();
        String b = nodeB.baseUrl();
        FakeZohoClient zoho = new FakeZohoClient(nodeA, "eu");
        Browser browser = new Browser();
        String student = "cluster-" + UUID.randomUUID() + "@zylker.eu";
        JsonObject before = zoho.stats();

        URI authorize = ZohoLogin.start(browser, a, null);
        String callback = ZohoLogin.signIn(browser, authorize, student);
        assertThat(callback).as("the redirect URI both nodes share").startsWith(a + "/tokenstore/callback?");
        String atB = b + callback.substring(a.length());

        HttpResponse<String> done = browser.get(atB);
        assertThat(done.statusCode()).as("callback at node B: %s", done.body()).isEqualTo(303);
        assertThat(StudentPortalIT.location(done)).isEqualTo(b + "/records");
        assertRecords(browser.get(b + "/records"), student);
        assertThat(delta(before, zoho.stats(), "codeGrants")).isEqualTo(1);
        assertFailed(browser.get(callback), a, "TOKENSTORE-0801"); // the state, replayed at node A

        // Node A: no session for this browser there, but the remember-me cookie and the shared token row.
        assertRecords(browser.get(a + "/records"), student);
        assertThat(row(nodeA, student).getString("id")).isEqualTo(row(nodeB, student).getString("id"));
        assertThat(delta(before, zoho.stats(), "codeGrants")).as("no new login at node A").isEqualTo(1);

        assertThat(browser.post(a + "/logout", origin(a)).statusCode()).isEqualTo(303);
        assertThat(row(nodeB, student).getInt("rows")).isZero();
    }
}
