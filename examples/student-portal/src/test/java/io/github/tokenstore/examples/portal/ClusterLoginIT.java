package io.github.tokenstore.examples.portal;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The portal on a two-node cluster (two WildFly processes the pom starts, one PostgreSQL database, no
 * sticky sessions): both nodes keep their tokens in the same database.
 */
class ClusterLoginIT {

    private static List<PortalServer> nodes;

    @BeforeAll
    static void cluster() throws Exception {
        nodes = PortalServer.clusterNodes();
        assumeThat(nodes).as("the cluster (portal.cluster.skip)").isNotEmpty();
        for (PortalServer node : nodes) {
            node.deployed();
        }
    }

    @Test
    void both_nodes_keep_their_tokens_in_the_one_postgresql_database() throws Exception {
        for (PortalServer node : nodes) {
            JsonObject store = Http.json(Http.get(node.baseUrl() + "/test-support/store"));
            assertThat(store.getString("database")).as("database of %s", node).isEqualTo("PostgreSQL");
            assertThat(store.getString("url")).as("URL of %s", node)
                    .isEqualTo(System.getProperty("portal.cluster.db-url"));
            assertThat(store.getString("provider")).isEqualTo(node.jpaProvider());
        }
    }
}
