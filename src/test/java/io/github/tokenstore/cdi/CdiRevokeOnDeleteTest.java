package io.github.tokenstore.cdi;

import io.github.tokenstore.TokenStore;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.oauth.FakeAccountsServer;
import io.github.tokenstore.oauth.TokenService;
import org.eclipse.microprofile.config.Config;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tokenstore.revoke-on-delete} reaches the {@code TokenService} bean: with {@code true} a delete revokes
 * at the (fake) accounts server first; with {@code false}, and by default, it stays local. Each test starts its
 * own container with its own configuration.
 */
class CdiRevokeOnDeleteTest {

    static final FakeAccountsServer ACCOUNTS = CrmCallFixtures.accountsServer();
    static final String ANA = "ana@zylker.example";

    @AfterAll
    static void stopServer() {
        ACCOUNTS.close();
    }

    @BeforeEach
    void resetCounts() {
        ACCOUNTS.revokeCalls.set(0);
    }

    @Test
    void trueRevokesBeforeDeleting() {
        assertThat(deleteAnasToken("true")).isEqualTo(1);
    }

    @Test
    void falseOnlyDeletes() {
        assertThat(deleteAnasToken("FALSE")).isZero();
    }

    @Test
    void absentOnlyDeletes() {
        assertThat(deleteAnasToken(null)).isZero();
    }

    /** Saves Ana's token, deletes it through the service, and gives the number of revocations. */
    private static int deleteAnasToken(String revokeOnDelete) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("tokenstore.store", "memory");
        values.put("tokenstore.oauth.client-id", "1000.CLIENT");
        values.put("tokenstore.oauth.client-secret", "s3cret");
        values.put("tokenstore.oauth.accounts-url", ACCOUNTS.url().toString());
        if (revokeOnDelete != null) {
            values.put("tokenstore.revoke-on-delete", revokeOnDelete);
        }
        Config config = TestConfig.register(values);
        try (WeldContainer container = Containers.weld().initialize()) {
            TokenStore store = container.select(TokenStore.class).get();
            store.saveToken(CrmCallFixtures.validToken(ANA));

            assertThat(container.select(TokenService.class).get().delete(new UserSignature(ANA))).isTrue();

            assertThat(store.findToken(Tokens.user(ANA))).isEmpty();
            return ACCOUNTS.revokeCalls.get();
        } finally {
            TestConfig.release(config);
        }
    }
}
