package io.github.tokenstore.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.X509CertUtils;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.JWTID;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key a client authenticates with by {@code private_key_jwt} (RFC 7523 2.2, OpenID Connect Core 9): an RSA
 * key of at least {@value #MIN_RSA_BITS} bits, which signs RS256, or an EC P-256 key, which signs ES256; with
 * an optional key id (the JWS {@code kid}) and an optional X.509 certificate of the key, whose SHA-256
 * thumbprint goes into the {@code x5t#S256} header (what Microsoft Entra ID needs for certificate
 * credentials). Each assertion is made by the Nimbus SDK ({@link PrivateKeyJWT}): {@code iss} and {@code sub}
 * the client id, {@code aud} the endpoint called, a fresh random {@code jti}, {@code iat} now and {@code exp}
 * {@link #ASSERTION_LIFETIME} later.
 *
 * <p>{@link #privateKeyProblem(String)}, {@link #keyProblem(PrivateKey)}, {@link #certificateProblem(String)}
 * and {@link #certificateProblem(PrivateKey, X509Certificate)} say what is wrong without throwing, for callers
 * that report every problem together (the CDI layer's deployment problems); the other methods throw {@link
 * IllegalArgumentException}s with the same words. No message, and not {@link #toString()}, holds the key or
 * any part of a PEM text. Immutable and thread-safe.
 */
public final class ClientKey {

    /** The shortest RSA key accepted (RFC 7518 3.3). */
    public static final int MIN_RSA_BITS = 2048;
    /** How long an assertion is valid after its {@code iat}: long enough for a slow request, short against replay. */
    public static final Duration ASSERTION_LIFETIME = Duration.ofMinutes(5);

    /** One PEM block: its label and its base64 body. */
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]{1,40})-----(.*?)-----END \\1-----",
            Pattern.DOTALL);
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    /** The key factories tried on a PKCS#8 key, so that a wrong type is named rather than called unreadable. */
    private static final List<String> KEY_TYPES = List.of("RSA", "EC", "EdDSA", "XDH", "DSA", "RSASSA-PSS");
    private static final String CONVERT = "; convert it with: openssl pkey -in key.pem -out key-pkcs8.pem";
    private static final Payload PROBE = new Payload("tokenstore client key check");

    private final PrivateKey key;
    private final JWSAlgorithm algorithm;
    private final String keyId;
    private final Base64URL thumbprint;

    private ClientKey(PrivateKey key, JWSAlgorithm algorithm, String keyId, Base64URL thumbprint) {
        this.key = key;
        this.algorithm = algorithm;
        this.keyId = keyId;
        this.thumbprint = thumbprint;
    }

    /**
     * The client key.
     *
     * @param key         an RSA key of at least {@value #MIN_RSA_BITS} bits or an EC P-256 key
     * @param keyId       the JWS {@code kid} the provider registered the key under, or {@code null} for none
     * @param certificate the key's certificate, for the {@code x5t#S256} header; or {@code null} for none
     * @throws IllegalArgumentException if the key is null or of another type, curve or size ({@code
     *                                  TOKENSTORE-1061}), or the certificate's public key is not the key's
     *                                  ({@code 1063})
     */
    public static ClientKey of(PrivateKey key, String keyId, X509Certificate certificate) {
        if (key == null) {
            throw OidcMessages.argumentMissing("clientKey");
        }
        String problem = keyProblem(key);
        if (problem != null) {
            throw OidcMessages.clientKeyUnusable(problem);
        }
        if (certificate != null) {
            String mismatch = certificateProblem(key, certificate);
            if (mismatch != null) {
                throw OidcMessages.clientCertificateNotTheKeys(mismatch);
            }
        }
        try {
            new JWSObject(new JWSHeader(algorithm(key)), PROBE).sign(signer(key));
        } catch (JOSEException e) {
            throw OidcMessages.clientKeyUnusable("cannot sign (" + e.getClass().getSimpleName() + ")");
        }
        String kid = keyId == null || keyId.isBlank() ? null : keyId.strip();
        return new ClientKey(key, algorithm(key), kid,
                certificate == null ? null : X509CertUtils.computeSHA256Thumbprint(certificate));
    }

    /**
     * Reads a PEM PKCS#8 private key ({@code -----BEGIN PRIVATE KEY-----}); the type is not checked here.
     *
     * @throws IllegalArgumentException if it is not one ({@code TOKENSTORE-1060}); the message names what it is
     *                                  instead (a PKCS#1 or SEC 1 key, an encrypted key, no PEM), never its text
     */
    public static PrivateKey parsePrivateKey(String pem) {
        Read<PrivateKey> read = readPrivateKey(pem);
        if (read.problem != null) {
            throw OidcMessages.clientKeyUnreadable(read.problem);
        }
        return read.value;
    }

    /**
     * Reads a PEM X.509 certificate ({@code -----BEGIN CERTIFICATE-----}).
     *
     * @throws IllegalArgumentException if it is not one ({@code TOKENSTORE-1062})
     */
    public static X509Certificate parseCertificate(String pem) {
        Read<X509Certificate> read = readCertificate(pem);
        if (read.problem != null) {
            throw OidcMessages.clientCertificateUnreadable(read.problem);
        }
        return read.value;
    }

    /**
     * What makes {@code pem} no PEM PKCS#8 private key, e.g. {@code "is a PKCS#1 RSA key (BEGIN RSA PRIVATE
     * KEY), not PKCS#8; convert it with: …"}, or {@code null} if {@link #parsePrivateKey} reads it.
     */
    public static String privateKeyProblem(String pem) {
        return readPrivateKey(pem).problem;
    }

    /** What makes {@code pem} no PEM X.509 certificate, or {@code null} if {@link #parseCertificate} reads it. */
    public static String certificateProblem(String pem) {
        return readCertificate(pem).problem;
    }

    /**
     * What makes {@code key} unfit to sign RS256 or ES256, e.g. {@code "is an RSA key of 1024 bits, fewer than
     * 2048"} or {@code "is a key of type EdDSA, not RSA or EC"}, or {@code null} if it is fit.
     */
    public static String keyProblem(PrivateKey key) {
        if (key instanceof RSAPrivateKey rsa) {
            int bits = rsa.getModulus().bitLength();
            return bits < MIN_RSA_BITS ? "is an RSA key of " + bits + " bits, fewer than " + MIN_RSA_BITS : null;
        }
        if (key instanceof ECPrivateKey ec) {
            Curve curve = Curve.forECParameterSpec(ec.getParams());
            return Curve.P_256.equals(curve) ? null : "is an EC key on the curve "
                    + (curve == null ? "(unknown)" : curve.getName()) + ", not P-256";
        }
        return "is a key of type " + key.getAlgorithm() + ", not RSA or EC";
    }

    /**
     * Why {@code certificate} is not the certificate of {@code key} (fit to sign, see {@link #keyProblem}), or
     * {@code null} if its public key verifies what the key signs. Its validity period is not checked: the
     * provider decides which registered certificates it accepts.
     */
    public static String certificateProblem(PrivateKey key, X509Certificate certificate) {
        PublicKey publicKey = certificate.getPublicKey();
        try {
            JWSVerifier verifier;
            if (key instanceof RSAPrivateKey && publicKey instanceof RSAPublicKey rsa) {
                verifier = new RSASSAVerifier(rsa);
            } else if (key instanceof ECPrivateKey && publicKey instanceof ECPublicKey ec) {
                verifier = new ECDSAVerifier(ec);
            } else {
                return "holds a public key of type " + publicKey.getAlgorithm() + ", but the key is of type "
                        + key.getAlgorithm();
            }
            JWSObject probe = new JWSObject(new JWSHeader(algorithm(key)), PROBE);
            probe.sign(signer(key));
            return probe.verify(verifier) ? null : "holds another public key than the key's";
        } catch (JOSEException e) {
            return "holds a public key that cannot verify the key's signatures";
        }
    }

    /** {@code RS256} or {@code ES256}. */
    public String algorithm() {
        return algorithm.getName();
    }

    /** The JWS {@code kid}, or {@code null}. */
    public String keyId() {
        return keyId;
    }

    /** Whether assertions carry the certificate's {@code x5t#S256}. */
    public boolean hasCertificate() {
        return thumbprint != null;
    }

    /**
     * A new client assertion for one request.
     *
     * @param clientId the client id: {@code iss} and {@code sub}
     * @param audience the endpoint the request goes to: {@code aud}
     * @param now      {@code iat}; {@code exp} is {@link #ASSERTION_LIFETIME} later
     * @throws JOSEException if the key cannot sign (a hardware key gone away)
     */
    PrivateKeyJWT assertion(String clientId, URI audience, Instant now) throws JOSEException {
        JWTAuthenticationClaimsSet claims = new JWTAuthenticationClaimsSet(new ClientID(clientId),
                List.of(new Audience(audience)), Date.from(now.plus(ASSERTION_LIFETIME)), null, Date.from(now),
                new JWTID());
        return new PrivateKeyJWT(claims, algorithm, key, keyId, null, thumbprint, null);
    }

    /** The algorithm, the key id and whether there is a thumbprint; never the key. */
    @Override
    public String toString() {
        return "ClientKey[" + algorithm + (keyId == null ? "" : ", kid=" + keyId)
                + (thumbprint == null ? "" : ", x5t#S256=" + thumbprint) + "]";
    }

    // Reading

    /** A value read, or why not. */
    private record Read<T>(T value, String problem) {
        static <T> Read<T> failed(String problem) {
            return new Read<>(null, problem);
        }
    }

    private static Read<PrivateKey> readPrivateKey(String pem) {
        Read<byte[]> der = der(pem, "PRIVATE KEY");
        if (der.problem != null) {
            return Read.failed(der.problem);
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der.value);
        for (String type : KEY_TYPES) {
            try {
                return new Read<>(KeyFactory.getInstance(type).generatePrivate(spec), null);
            } catch (GeneralSecurityException | RuntimeException notThisType) {
                // The next type; a damaged key fails them all.
            }
        }
        return Read.failed("is a PRIVATE KEY block that is not a PKCS#8 key of a known type (damaged or cut)");
    }

    private static Read<X509Certificate> readCertificate(String pem) {
        Read<byte[]> der = der(pem, "CERTIFICATE");
        if (der.problem != null) {
            return Read.failed(der.problem);
        }
        try {
            return new Read<>((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der.value)), null);
        } catch (CertificateException | RuntimeException e) {
            return Read.failed("is a CERTIFICATE block that is not an X.509 certificate (damaged or cut)");
        }
    }

    /** The DER bytes of the first PEM block, which must have the label {@code expected}. */
    private static Read<byte[]> der(String pem, String expected) {
        Matcher m = PEM.matcher(Objects.requireNonNullElse(pem, ""));
        if (!m.find()) {
            return Read.failed("has no PEM block (-----BEGIN " + expected + "----- … -----END " + expected
                    + "-----)");
        }
        String label = m.group(1);
        if (!label.equals(expected)) {
            return Read.failed(switch (label) {
                case "RSA PRIVATE KEY" -> "is a PKCS#1 RSA key (BEGIN RSA PRIVATE KEY), not PKCS#8" + CONVERT;
                case "EC PRIVATE KEY" -> "is a SEC 1 EC key (BEGIN EC PRIVATE KEY), not PKCS#8" + CONVERT;
                case "ENCRYPTED PRIVATE KEY" -> "is an encrypted key; give it unencrypted" + CONVERT;
                default -> "is a " + label + " block, not a " + expected + " block";
            });
        }
        // Line breaks may also come as the two characters \n (an environment variable), or as spaces.
        String body = WHITESPACE.matcher(m.group(2).replace("\\n", "").replace("\\r", "")).replaceAll("");
        if (!BASE64.matcher(body).matches()) {
            return Read.failed("is a " + expected + " block whose body is not base64");
        }
        try {
            return new Read<>(Base64.getDecoder().decode(body), null);
        } catch (IllegalArgumentException e) {
            return Read.failed("is a " + expected + " block whose body is not base64");
        }
    }

    private static JWSAlgorithm algorithm(PrivateKey key) {
        return key instanceof ECPrivateKey ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256;
    }

    private static JWSSigner signer(PrivateKey key) throws JOSEException {
        return key instanceof ECPrivateKey ec ? new ECDSASigner(ec) : new RSASSASigner(key);
    }
}
