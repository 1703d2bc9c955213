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
