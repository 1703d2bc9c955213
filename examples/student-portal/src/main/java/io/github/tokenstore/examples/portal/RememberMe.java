package io.github.tokenstore.examples.portal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The remember-me cookie: which student this browser logged in as, so that the records page works after
 * the HTTP session is gone (a server restart, a session timeout) without a new "Login with Zoho". It
 * holds the student's e-mail and an expiry, signed with HMAC-SHA256 under {@code portal.remember-me-key};
 * it holds no token. The student's Zoho tokens stay in the token store; logging out deletes them, after
 * which the cookie is worthless.
 */
@ApplicationScoped
public class RememberMe {

    /** The cookie's name. */
    public static final String COOKIE = "zylker_student";

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

    @Inject
    PortalConfig config;

    Clock clock = Clock.systemUTC();

    /** The cookie value for the student: {@code <e-mail>.<expiry epoch seconds>.<signature>}, base64url parts. */
    public String value(String student) {
        long expires = clock.instant().getEpochSecond() + maxAgeSeconds();
        String payload = B64.encodeToString(student.getBytes(StandardCharsets.UTF_8)) + "." + expires;
        return payload + "." + B64.encodeToString(mac(payload));
    }

    /** The student a cookie value names, if its signature is right and it has not expired. */
    public Optional<String> student(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            String payload = parts[0] + "." + parts[1];
            if (!MessageDigest.isEqual(mac(payload), B64_DECODER.decode(parts[2]))
                    || Long.parseLong(parts[1]) < clock.instant().getEpochSecond()) {
                return Optional.empty();
            }
            return Optional.of(new String(B64_DECODER.decode(parts[0]), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** How long the cookie lives. */
    public int maxAgeSeconds() {
        return config.rememberMeDays() * 24 * 3600;
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(config.rememberMeKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has HmacSHA256", e);
        }
    }
}
