package io.github.tokenstore.cdi;

import io.github.tokenstore.TokenStoreException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each wrong {@code tokenstore.oauth.*} multi-DC or {@code tokenstore.login.*} value fails the deployment with its ID. */
class CdiLoginErrorsTest {

    private static Map<String, String> with(String... keysAndValues) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("tokenstore.store", "memory");
        values.put("tokenstore.oauth.client-id", "1000.CLIENT");
        values.put("tokenstore.oauth.client-secret", "s3cret");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return values;
    }

    private static void assertProblem(Map<String, String> config, String id, String message) {
        TokenStoreException problem = Deployments.onlyProblem(config);
        assertThat(problem.messageId()).isEqualTo(id);
        assertThat(problem.getMessage()).isEqualTo(id + ": " + message);
    }

    @Test
    void unknownDataCenters_0830() {
        assertProblem(with("tokenstore.oauth.data-centers", "us,mars,eu"), "TOKENSTORE-0830",
                "tokenstore.oauth.data-centers names unknown data centers [mars]; allowed: "
                        + "[us, eu, in, au, jp, cn, ca, sa, uk]");
    }

    @Test
    void theDefaultDataCenterNotAllowed_0831() {
        assertProblem(with("tokenstore.oauth.data-centers", "eu,in"), "TOKENSTORE-0831",
                "the default data center us (tokenstore.oauth.data-center) is not in tokenstore.oauth.data-centers;"
                        + " add it there");
    }

    @Test
    void aPerDataCenterKeyForADataCenterNotAllowed_0832() {
        assertProblem(with("tokenstore.oauth.client-secret.eu", "x"), "TOKENSTORE-0832",
                "tokenstore.oauth.client-secret.eu is set for a data center that is not allowed (us); remove it or"
                        + " add the data center to tokenstore.oauth.data-centers");
    }

    @Test
    void aPerDataCenterAccountsUrlThatIsNoUrl_0833() {
        assertProblem(with("tokenstore.oauth.data-centers", "us,eu", "tokenstore.oauth.accounts-url.eu",
                "ftp://x"), "TOKENSTORE-0833", "tokenstore.oauth.accounts-url.eu is not an absolute http(s) URL"
                + " with a host and without user info, query or fragment");
    }

    @Test
    void aLoginPathThatIsNoPath_0836() {
        assertProblem(with("tokenstore.login.path", "//evil"), "TOKENSTORE-0836", "tokenstore.login.path = '//evil'"
                + " is not a path: it must start with a single '/' and hold only letters, digits and - . _ ~ /");
        assertProblem(with("tokenstore.login.error-path", "https://evil.example"), "TOKENSTORE-0836",
                "tokenstore.login.error-path = 'https://evil.example' is not a path: it must start with a single '/'"
                        + " and hold only letters, digits and - . _ ~ /");
    }

    @Test
    void scopesThatAreNoScopes_0837() {
        assertProblem(with("tokenstore.oauth.scopes", "ZohoCRM.modules.ALL,a b"), "TOKENSTORE-0837",
                "tokenstore.oauth.scopes = 'ZohoCRM.modules.ALL,a b' is not a comma-separated list of scopes"
                        + " (letters, digits and . _ - : /)");
    }

    @Test
    void loginEnabledNeitherTrueNorFalse_0839() {
        assertProblem(with("tokenstore.login.enabled", "maybe"), "TOKENSTORE-0839",
                "tokenstore.login.enabled = 'maybe' is neither true nor false");
    }

    @Test
    void perDataCenterSecretsForEveryAllowedDataCenterNeedNoCommonSecret() {
        Map<String, String> config = with("tokenstore.oauth.data-centers", "us,eu",
                "tokenstore.oauth.client-secret.us", "a", "tokenstore.oauth.client-secret.eu", "b");
        config.remove("tokenstore.oauth.client-secret");
        assertThat(Deployments.failure(config)).isNull();
        config.remove("tokenstore.oauth.client-secret.eu");
        assertThat(Deployments.onlyProblem(config).getMessage()).startsWith("TOKENSTORE-0505:"
                + " tokenstore.oauth.client-secret is not set");
    }
}
