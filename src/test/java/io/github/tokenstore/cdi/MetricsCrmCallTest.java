package io.github.tokenstore.cdi;

import io.github.tokenstore.AuthorizationRequiredException;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.health.RefusedTokensCheck;
import io.github.tokenstore.metrics.RecordedMetrics;
import io.github.tokenstore.oauth.FakeAccountsServer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.metrics.data.MetricData;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/**
 * The whole chain in CDI: the library's {@code TokenService} (built from {@code tokenstore.oauth.*})
 * reports to the metrics bean on the application's OpenTelemetry, and the refused-token check reads it.
 */
class MetricsCrmCallTest {

    static final FakeAccountsServer ACCOUNTS = CrmCallFixtures.accountsServer();
    static final RecordedMetrics RECORDED = new RecordedMetrics();

    @RegisterExtension
    static final TestConfig CONFIG = TestConfig.of("tokenstore.store", "memory",
            "tokenstore.oauth.client-id", "1000.CLIENT", "tokenstore.oauth.client-secret", "s3cret",
            "tokenstore.oauth.accounts-url", ACCOUNTS.url().toString());

    @AfterAll
    static void stop() {
        ACCOUNTS.close();
        RECORDED.close();
    }

    static class OpenTelemetryProducer {
        @Produces
        @Singleton
        OpenTelemetry openTelemetry() {
            return RECORDED.openTelemetry();
        }
    }

    @Test
    void refreshesLookupsAndRefusedTokensOfCrmCallsAreReported() {
        ACCOUNTS.tokenReplies = form -> "refresh-bob@zylker.example".equals(form.get("refresh_token"))
                ? FakeAccountsServer.Reply.json("{\"error\":\"invalid_code\"}")
                : FakeAccountsServer.Reply.json("{\"access_token\":\"access-new\",\"api_domain\":"
                + "\"https://www.zohoapis.eu\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        try (WeldContainer c = Containers.weld(OpenTelemetryProducer.class, CrmCallFixtures.Contacts.class).initialize()) {
            TokenStore store = c.select(TokenStore.class).get();
            store.saveToken(CrmCallFixtures.expiredToken("ana@zylker.example"));
            store.saveToken(CrmCallFixtures.expiredToken("bob@zylker.example"));
            CrmCallFixtures.Contacts crm = c.select(CrmCallFixtures.Contacts.class).get();

            assertThat(crm.contacts("ana@zylker.example")).isEqualTo("access-new");   // miss: refreshed
            crm.contacts("ana@zylker.example");                                        // hit
            crm.contacts("ana@zylker.example");                                        // hit
            assertThatThrownBy(() -> crm.contacts("bob@zylker.example"))              // miss: refused
                    .isInstanceOf(AuthorizationRequiredException.class);

            Map<String, MetricData> metrics = RECORDED.collect();
            assertThat(RecordedMetrics.sums(metrics.get("tokenstore.refreshes"))).containsExactly(
                    entry("tokenstore.refresh.outcome=refused", 1L), entry("tokenstore.refresh.outcome=success", 1L));
            assertThat(RecordedMetrics.sums(metrics.get("tokenstore.cache.lookups"))).containsExactly(
                    entry("tokenstore.cache.result=hit", 2L), entry("tokenstore.cache.result=miss", 2L));
            assertThat(RecordedMetrics.counts(metrics.get("tokenstore.token_endpoint.duration")))
                    .containsExactly(entry("error.type=io.github.tokenstore.OAuthProviderException,"
                            + "tokenstore.token_endpoint.operation=refresh", 1L),
                            entry("tokenstore.token_endpoint.operation=refresh", 1L));
            assertThat(String.join(" ", RecordedMetrics.allAttributes(metrics.values())))
                    .doesNotContain("zylker", "s3cret", "refresh-", "access-");

            HealthCheckResponse refused = c.select(HealthCheck.class, Readiness.Literal.INSTANCE).stream()
                    .map(HealthCheck::call).filter(r -> r.getName().equals(RefusedTokensCheck.NAME))
                    .findFirst().orElseThrow();
            assertThat(refused.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
            assertThat(refused.getData()).contains(Map.of("refusedTokens", 1L));
        }
    }
}
