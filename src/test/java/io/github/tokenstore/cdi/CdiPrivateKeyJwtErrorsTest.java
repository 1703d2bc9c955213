package io.github.tokenstore.cdi;

import io.github.tokenstore.testing.TestClientKeys;
import jakarta.enterprise.inject.spi.DeploymentException;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A named client's unusable client key and certificate fail the deployment, each problem with its ID and the key's
 * name, all together; no part of a PEM text is in the failure.
 */
class CdiPrivateKeyJwtErrorsTest {

    private static Map<String, String> values(String... keysAndValues) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return values;
    }

    @Test
    void anUnreadableKeyAndAForeignCertificateFailTheDeploymentTogetherWithoutThePem_1124_1127() {
        String pkcs1 = TestClientKeys.pem("RSA PRIVATE KEY", TestClientKeys.rsa().getPrivate().getEncoded());
        Throwable failure = Deployments.failure(values("tokenstore.store", "memory",
                "tokenstore.default-client", "a",
                "tokenstore.clients.a.provider", "oauth2", "tokenstore.clients.a.client-id", "a",
                "tokenstore.clients.a.token-url", "https://idp.example/token",
                "tokenstore.clients.a.client-key", pkcs1,
                "tokenstore.clients.b.provider", "oauth2", "tokenstore.clients.b.client-id", "b",
                "tokenstore.clients.b.token-url", "https://idp.example/token",
                "tokenstore.clients.b.client-key", TestClientKeys.RSA_KEY_PEM,
                "tokenstore.clients.b.client-certificate", TestClientKeys.EC_CERTIFICATE_PEM));

        List<String> messages = Deployments.problemMessages(failure);

        assertThat(messages).containsExactly(
                "TOKENSTORE-1124: tokenstore.clients.a.client-key is a PKCS#1 RSA key (BEGIN RSA PRIVATE KEY), not "
                        + "PKCS#8; convert it with: openssl pkey -in key.pem -out key-pkcs8.pem; give the client's "
                        + "private key as PEM PKCS#8 (-----BEGIN PRIVATE KEY-----)",
                "TOKENSTORE-1127: tokenstore.clients.b.client-certificate holds a public key of type EC, but the key "
                        + "is of type RSA (tokenstore.clients.b.client-key); give the certificate of that key, as "
                        + "registered with the provider");
        assertThat(failure).isInstanceOf(DeploymentException.class);
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        String all = trace.toString();
        for (String pem : List.of(pkcs1, TestClientKeys.RSA_KEY_PEM, TestClientKeys.EC_CERTIFICATE_PEM)) {
            pem.lines().filter(l -> !l.startsWith("-----"))
                    .forEach(line -> assertThat(all).doesNotContain(line.substring(0, Math.min(16, line.length()))));
        }
    }
}
