package io.github.tokenstore.login;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;

/** An ID-token issuer for tests: one RSA key (from a seeded generator) with a key id. */
public final class IdTokens {

    public final RSAKey key;

    public IdTokens(String kid, long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, random);
            KeyPair pair = generator.generateKeyPair();
            key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key set to publish. */
    public String jwks() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    /** Claims of a good ID token. */
    public static JWTClaimsSet.Builder claims(String issuer, String audience, String nonce, String email,
                                              Instant expires) {
        return new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject("sub-" + email)
                .claim("nonce", nonce).claim("email", email).claim("email_verified", true)
                .issueTime(Date.from(expires.minusSeconds(3600))).expirationTime(Date.from(expires));
    }

    /** The claims signed RS256 with this key. */
    public String sign(JWTClaimsSet claims) {
        return sign(claims, key.getKeyID());
    }

    /** The claims signed RS256 with this key, naming {@code kid}. */
    public String sign(JWTClaimsSet claims, String kid) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
