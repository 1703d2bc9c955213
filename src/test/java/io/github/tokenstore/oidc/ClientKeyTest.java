package io.github.tokenstore.oidc;

import io.github.tokenstore.core.RejectedArgumentException;
import io.github.tokenstore.testing.TestClientKeys;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link ClientKey}: PEM PKCS#8 keys and X.509 certificates read, unfit keys and certificates of other keys
 * named (with the whole message), and no message or {@code toString()} holding any part of a key.
 */
class ClientKeyTest {

    private static final String CONVERT = "; convert it with: openssl pkey -in key.pem -out key-pkcs8.pem";

    @Test
    void readsAnRsaAndAnEcKeyFromPemPkcs8() {
        KeyPair rsa = TestClientKeys.rsa();
        KeyPair ec = TestClientKeys.ec("secp256r1");

        PrivateKey readRsa = ClientKey.parsePrivateKey(TestClientKeys.pem(rsa.getPrivate()));
        PrivateKey readEc = ClientKey.parsePrivateKey(TestClientKeys.pem(ec.getPrivate()));

        assertThat(readRsa.getEncoded()).isEqualTo(rsa.getPrivate().getEncoded());
        assertThat(readEc.getEncoded()).isEqualTo(ec.getPrivate().getEncoded());
        assertThat(ClientKey.of(readRsa, null, null).algorithm()).isEqualTo("RS256");
        assertThat(ClientKey.of(readEc, null, null).algorithm()).isEqualTo("ES256");
        assertThat(ClientKey.privateKeyProblem(TestClientKeys.RSA_KEY_PEM)).isNull();
        assertThat(ClientKey.keyProblem(readRsa)).isNull();
        assertThat(ClientKey.keyProblem(readEc)).isNull();
    }

    @Test
    void aPemOnOneLineWithEscapedLineBreaksOrWithTextAroundIsRead() {
        String pem = TestClientKeys.pem(TestClientKeys.ec("secp256r1").getPrivate());

        assertThat(ClientKey.privateKeyProblem("key: " + pem.replace('\n', ' ') + " (ours)")).isNull();
        assertThat(ClientKey.privateKeyProblem(pem.replace("\n", "\\n"))).as("an environment variable's \\n").isNull();
    }

    @Test
    void whatAKeyIsInsteadOfPemPkcs8IsNamedWithoutItsText() {
        String body = "MIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEAu2";
        assertThat(ClientKey.privateKeyProblem(TestClientKeys.pem("RSA PRIVATE KEY", body.getBytes())))
                .isEqualTo("is a PKCS#1 RSA key (BEGIN RSA PRIVATE KEY), not PKCS#8" + CONVERT);
        assertThat(ClientKey.privateKeyProblem(TestClientKeys.pem("EC PRIVATE KEY", body.getBytes())))
                .isEqualTo("is a SEC 1 EC key (BEGIN EC PRIVATE KEY), not PKCS#8" + CONVERT);
        assertThat(ClientKey.privateKeyProblem(TestClientKeys.pem("ENCRYPTED PRIVATE KEY", body.getBytes())))
                .isEqualTo("is an encrypted key; give it unencrypted" + CONVERT);
        assertThat(ClientKey.privateKeyProblem(TestClientKeys.RSA_CERTIFICATE_PEM))
                .isEqualTo("is a CERTIFICATE block, not a PRIVATE KEY block");
        assertThat(ClientKey.privateKeyProblem(body)).isEqualTo("has no PEM block (-----BEGIN PRIVATE KEY----- … "
                + "-----END PRIVATE KEY-----)");
        assertThat(ClientKey.privateKeyProblem(null)).startsWith("has no PEM block");
        assertThat(ClientKey.privateKeyProblem("-----BEGIN PRIVATE KEY-----\n" + body + "%%\n"
                + "-----END PRIVATE KEY-----"))
                .isEqualTo("is a PRIVATE KEY block whose body is not base64");
        assertThat(ClientKey.privateKeyProblem(TestClientKeys.pem("PRIVATE KEY", new byte[] {48, 3, 2, 1, 0})))
                .isEqualTo("is a PRIVATE KEY block that is not a PKCS#8 key of a known type (damaged or cut)");
    }

    @Test
    void anUnreadableKeyIs1060AndTheMessageHoldsNoPartOfIt() {
        String cut = TestClientKeys.RSA_KEY_PEM.substring(0, 400) + "\n-----END PRIVATE KEY-----\n";

        RejectedArgumentException e = catchThrowableOfType(RejectedArgumentException.class,
                () -> ClientKey.parsePrivateKey(cut));

        assertThat(e.messageId()).isEqualTo("TOKENSTORE-1060");
        assertThat(e).hasMessage("TOKENSTORE-1060: the client key is a PRIVATE KEY block that is not a PKCS#8 key of a "
                + "known type (damaged or cut); give the private key as PEM PKCS#8 (-----BEGIN PRIVATE KEY-----)");
        assertThat(e.getMessage()).doesNotContain(TestClientKeys.RSA_KEY_PEM.substring(28, 60));
    }

    @Test
    void keysThatCannotSignRs256OrEs256AreNamed1061() {
        assertThat(ClientKey.keyProblem(TestClientKeys.rsa(1024).getPrivate()))
                .isEqualTo("is an RSA key of 1024 bits, fewer than 2048");
        assertThat(ClientKey.keyProblem(TestClientKeys.ec("secp384r1").getPrivate()))
                .isEqualTo("is an EC key on the curve P-384, not P-256");
        assertThat(ClientKey.keyProblem(TestClientKeys.of("Ed25519").getPrivate()))
                .isEqualTo("is a key of type EdDSA, not RSA or EC");
        assertThatThrownBy(() -> ClientKey.of(TestClientKeys.rsa(1024).getPrivate(), "k1", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOKENSTORE-1061: the client key is an RSA key of 1024 bits, fewer than 2048; "
                        + "private_key_jwt signs with an RSA key of at least 2048 bits (RS256) or an EC P-256 key "
                        + "(ES256)");
        assertThatThrownBy(() -> ClientKey.of(null, null, null)).hasMessageStartingWith("TOKENSTORE-1030: ");
    }

    @Test
    void aCertificateIsReadAndMustHoldTheKeysPublicKey() {
        PrivateKey rsaKey = ClientKey.parsePrivateKey(TestClientKeys.RSA_KEY_PEM);
        PrivateKey ecKey = ClientKey.parsePrivateKey(TestClientKeys.EC_KEY_PEM);
        X509Certificate rsaCertificate = ClientKey.parseCertificate(TestClientKeys.RSA_CERTIFICATE_PEM);
        X509Certificate ecCertificate = ClientKey.parseCertificate(TestClientKeys.EC_CERTIFICATE_PEM);

        assertThat(ClientKey.certificateProblem(rsaKey, rsaCertificate)).isNull();
        assertThat(ClientKey.certificateProblem(ecKey, ecCertificate)).isNull();
        assertThat(ClientKey.certificateProblem(rsaKey, ecCertificate))
                .isEqualTo("holds a public key of type EC, but the key is of type RSA");
        assertThat(ClientKey.certificateProblem(TestClientKeys.rsa().getPrivate(), rsaCertificate))
                .isEqualTo("holds another public key than the key's");
        assertThat(ClientKey.certificateProblem(TestClientKeys.ec("secp256r1").getPrivate(), ecCertificate))
                .isEqualTo("holds another public key than the key's");
        assertThat(ClientKey.of(rsaKey, "k1", rsaCertificate).hasCertificate()).isTrue();
        assertThatThrownBy(() -> ClientKey.of(TestClientKeys.rsa().getPrivate(), null, rsaCertificate))
                .hasMessage("TOKENSTORE-1063: the client certificate holds another public key than the key's; give "
                        + "the certificate of the client key, as registered with the provider");
    }

    @Test
    void anUnreadableCertificateIs1062() {
        assertThat(ClientKey.certificateProblem(TestClientKeys.RSA_KEY_PEM))
                .isEqualTo("is a PRIVATE KEY block, not a CERTIFICATE block");
        assertThat(ClientKey.certificateProblem(TestClientKeys.pem("CERTIFICATE", new byte[] {48, 0})))
                .isEqualTo("is a CERTIFICATE block that is not an X.509 certificate (damaged or cut)");
        assertThatThrownBy(() -> ClientKey.parseCertificate("none"))
                .hasMessage("TOKENSTORE-1062: the client certificate has no PEM block (-----BEGIN CERTIFICATE----- … "
                        + "-----END CERTIFICATE-----); give the key's X.509 certificate as PEM (-----BEGIN "
                        + "CERTIFICATE-----)");
    }

    @Test
    void toStringNamesTheAlgorithmAndKeyIdButNeverTheKey() {
        PrivateKey key = ClientKey.parsePrivateKey(TestClientKeys.RSA_KEY_PEM);
        ClientKey plain = ClientKey.of(key, " k1 ", null);
        ClientKey certified = ClientKey.of(key, null, ClientKey.parseCertificate(TestClientKeys.RSA_CERTIFICATE_PEM));

        assertThat(plain).hasToString("ClientKey[RS256, kid=k1]");
        assertThat(plain.keyId()).isEqualTo("k1");
        assertThat(certified.toString()).startsWith("ClientKey[RS256, x5t#S256=");
    }
}
