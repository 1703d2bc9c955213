package io.github.tokenstore.testing;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * Client keys for the tests of {@code private_key_jwt}: key pairs made by the JDK's {@link KeyPairGenerator}
 * (RSA 2048 once per JVM, as it takes a while), their PEM PKCS#8 text, and two fixed key pairs with
 * self-signed certificates (the JDK cannot make certificates; these were made with openssl for the tests and
 * protect nothing).
 */
public final class TestClientKeys {

    /** A 2048-bit RSA test key, PEM PKCS#8 (openssl req -x509 -newkey rsa:2048 -nodes). */
    public static final String RSA_KEY_PEM = "-----BEGIN PRIVATE KEY-----\n"
            + "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQCnksNeCDDJ3eex\n"
            + "9+mEvaUsUEUrYIKVD23lPBFOLYv0lA/1G9xosunqrnutBbHtZHuwJ0mABkvn8ZGM\n"
            + "G66Ap+rWwxdsIsVpK3ncrYkdetjMO9AvBNoYdy8RDQaFfByKhSi849Eub16E+0iX\n"
            + "qYWoZ5uw8Pzdx2QH30awh+bfxThe5tLNbexJOGP3o5HhojWkbM5GjK/4TXjswpKZ\n"
            + "nnp+JaJfQrlL6kpstAqCAms/wtVFeaKQkJQCC7hLNSiM+ZEu1SG3z/fyfTXFGttP\n"
            + "ACiH8T6b9Xk9waV/GvYlcWGjWA5D3baP4eBIbkbcZdeHg9DkRLIl0HtztbBiih75\n"
            + "L/4i0B+fAgMBAAECggEAGsRmQax0QqKYIoTzv7jdW/08d0fUxAOxbbcRGphK7VgD\n"
            + "TodTR0Qg+lRBvCsXN1DgMwyrgHBBCr07HxLC5pkr+X8zTBonx3ti3V2488UOQV1i\n"
            + "jUgsoFDVa1dVzde75WKM1dNcNBslEX/kIhm5mGNoarSr5680as9/Bq7GscLalMnu\n"
            + "oPKNw56t5+ln3KLKFJkwnuIFPwONB1qc4hNhDom7yuauWlle3NCXlwqdrAOsY0Wf\n"
            + "izATQKgxJnvdwlYsLggR7nN6vRZHU4OcmnTZoLUWk+wOdrKoIDmmFDwSDIELehuk\n"
            + "Tn5J1Wq0pM32HRzcAbZapYzX67LzZyS+yC58PUaMSQKBgQDmgYchOg3mURG8teBG\n"
            + "wNTWAZ5KkrId5O0YjPSIEs7wAWfx4qwloeTaZQb5vb+KbDMtX8iZZKPTelaw0pwg\n"
            + "Srk4Vf51lNyI4kuP+dzbY8RsBnpdpPdxwETXfioGH3IWbKnhmJ/8rABh0oAElU9T\n"
            + "oLcs2T49hGhooCVVXI3uncXjmQKBgQC6G2E00eWmu0/AHV/tXQbzSoDcryh+HNYx\n"
            + "Po51AeJx8D0gxDUUBjXAbVWEAR4xy+9kh5EOWASgUKeWFUNr0vK+ZBID3Ke4ZZSp\n"
            + "hEZUgCq8rC71uR2SOkNJ4Rjpa/rNvSGacYCOuaBz1uIritM4J3uP/Ox9xY++oST5\n"
            + "0CbZeCIf9wKBgD/CdG5scIvUwONCK9dmX3kS2YYnLb23JR41Xy6EhVk+ClKOMK/4\n"
            + "KCWA7H0IT4Mqir1yUTqc6/QDUxd2KlmEUdeTcd90Xcw/TEd3BfBpmFuJLy/YAdol\n"
            + "JOW2sEkhSZ2KUTNl1Fs/+JsWbvLVmiu3uPNe5CiAB6FpKuqBv4DRg3uBAoGBAKTM\n"
            + "M/Ki3zoaac9T86rrkokDc0J39GJgRKdMnrcr2QpN0sNeGyZFLXndFzmSB9vOm4io\n"
            + "pyFNfaM8aHn1EEO9g2hmkrFKxlX51X+aevC+oZl62waKSo4++3DDW9zu2iMvFD9/\n"
            + "vHgmFdgd8x7dipYSGE9zhzMEK3qBlY2E7bHquEUXAoGBAIF0OJWH8FlL3zsMk5w4\n"
            + "QTzcTT41GGKPBXZ6CjuTWmoFawwrcjpmKfaE/6kAJuU10gNUEK89UY033EcnGne+\n"
            + "NwJTl6aNIwFClo2Z7dKbWSrpu2EFwzZAN3QdZprdvoh/xMvnHcFWpyHQoZPZz/eK\n"
            + "8S7Ump4MpsyHRqhD4Ekpb8SS\n"
            + "-----END PRIVATE KEY-----\n";

    /** {@link #RSA_KEY_PEM}'s self-signed certificate (100 years). */
    public static final String RSA_CERTIFICATE_PEM = "-----BEGIN CERTIFICATE-----\n"
            + "MIIDMTCCAhmgAwIBAgIUA2R3ANthMRiexUv0UpabK/ftIQcwDQYJKoZIhvcNAQEL\n"
            + "BQAwJzElMCMGA1UEAwwcdG9rZW5zdG9yZSB0ZXN0IGNsaWVudCAoUlNBKTAgFw0y\n"
            + "NjEyMDQxOTMyMDdaGA8yMTI2MTExMDE5MzIwN1owJzElMCMGA1UEAwwcdG9rZW5z\n"
            + "dG9yZSB0ZXN0IGNsaWVudCAoUlNBKTCCASIwDQYJKoZIhvcNAQEBBQADggEPADCC\n"
            + "AQoCggEBAKeSw14IMMnd57H36YS9pSxQRStggpUPbeU8EU4ti/SUD/Ub3Giy6equ\n"
            + "e60Fse1ke7AnSYAGS+fxkYwbroCn6tbDF2wixWkredytiR162Mw70C8E2hh3LxEN\n"
            + "BoV8HIqFKLzj0S5vXoT7SJephahnm7Dw/N3HZAffRrCH5t/FOF7m0s1t7Ek4Y/ej\n"
            + "keGiNaRszkaMr/hNeOzCkpmeen4lol9CuUvqSmy0CoICaz/C1UV5opCQlAILuEs1\n"
            + "KIz5kS7VIbfP9/J9NcUa208AKIfxPpv1eT3BpX8a9iVxYaNYDkPdto/h4EhuRtxl\n"
            + "14eD0OREsiXQe3O1sGKKHvkv/iLQH58CAwEAAaNTMFEwHQYDVR0OBBYEFMdQ4yEn\n"
            + "JjRdu/NRfZ1yTqv9YtcyMB8GA1UdIwQYMBaAFMdQ4yEnJjRdu/NRfZ1yTqv9Ytcy\n"
            + "MA8GA1UdEwEB/wQFMAMBAf8wDQYJKoZIhvcNAQELBQADggEBAKNMfmZ/GYiAsm3H\n"
            + "J4Ppzm8UqBgrLAowCjKq42AL99LszBjXUbXz6mhE6l8lDea6eWe+2XbNTTGxjesZ\n"
            + "dP8ae9xG6SY/OirEQw8/46i8ASwE4q2Zpzta7QCdwgVNBE1JbLv6Q+ywIa+eQzrb\n"
            + "QsqdC7UADO4rGHLbou9MkRrMtFTqajUVSJ7+HxWTYGLDm4BQ5KjzCm2THbe7wkaf\n"
            + "BRXBDo87O8x45RZtut5O864X4ingwWnxzokzy07e1vA2jF+5tCd7L7zoB+9RBwr1\n"
            + "PyazxoPL+4TBbVjJJKs0ZQVrH08ZpCPIbdp6ZAuwGnNAlRGwC7nZpPuSaIZRInUt\n"
            + "g9M77QI=\n"
            + "-----END CERTIFICATE-----\n";

    /** An EC P-256 test key, PEM PKCS#8. */
    public static final String EC_KEY_PEM = "-----BEGIN PRIVATE KEY-----\n"
            + "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQggZCXpmTz/UNwBi0w\n"
            + "GdmXvzz9d0hObfgDIvUGr3hVXjmhRANCAAQoRHmwvG/kTZLsmcc0PmG1+ADyDqSP\n"
            + "yIWhXYZdjaJnUd0or0xX+dxBd82NBjhYwmmnQCeIL20cq0ZpCnMN9CTd\n"
            + "-----END PRIVATE KEY-----\n";

    /** {@link #EC_KEY_PEM}'s self-signed certificate (100 years). */
    public static final String EC_CERTIFICATE_PEM = "-----BEGIN CERTIFICATE-----\n"
            + "MIIBpDCCAUmgAwIBAgIUezZH6glEWRQ5Y0daId/prKE/VS0wCgYIKoZIzj0EAwIw\n"
            + "JjEkMCIGA1UEAwwbdG9rZW5zdG9yZSB0ZXN0IGNsaWVudCAoRUMpMCAXDTI2MTIw\n"
            + "NDE5MzIwN1oYDzIxMjYxMTEwMTkzMjA3WjAmMSQwIgYDVQQDDBt0b2tlbnN0b3Jl\n"
            + "IHRlc3QgY2xpZW50IChFQykwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQoRHmw\n"
            + "vG/kTZLsmcc0PmG1+ADyDqSPyIWhXYZdjaJnUd0or0xX+dxBd82NBjhYwmmnQCeI\n"
            + "L20cq0ZpCnMN9CTdo1MwUTAdBgNVHQ4EFgQUAi+lddK2qDATk7OfLB7qfT6jf8ww\n"
            + "HwYDVR0jBBgwFoAUAi+lddK2qDATk7OfLB7qfT6jf8wwDwYDVR0TAQH/BAUwAwEB\n"
            + "/zAKBggqhkjOPQQDAgNJADBGAiEAxknWGuSeFVdy0E7mqGfy54zmvMMb6AYidBks\n"
            + "/N6bOk4CIQCvVw/nhxErJmfUUv+ZCk3rb6k+VCmWIMaM2bBCrku3QA==\n"
            + "-----END CERTIFICATE-----\n";
    private TestClientKeys() {
    }

    /** A 2048-bit RSA key pair, the same one each call in a JVM. */
    public static KeyPair rsa() {
        return Rsa.PAIR;
    }

    /** A new RSA key pair of {@code bits}. */
    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new EC key pair on the named curve, e.g. {@code secp256r1} (P-256) or {@code secp384r1}. */
    public static KeyPair ec(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new key pair of another algorithm, e.g. {@code Ed25519}. */
    public static KeyPair of(String algorithm) {
        try {
            return KeyPairGenerator.getInstance(algorithm).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key as PEM PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}). */
    public static String pem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    /** The certificate as PEM. */
    public static String pem(X509Certificate certificate) {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PEM block of {@code label} around {@code der}, 64 characters a line. */
    public static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static final class Rsa {
        static final KeyPair PAIR = rsa(2048);
    }
}
