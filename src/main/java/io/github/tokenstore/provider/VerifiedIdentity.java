package io.github.tokenstore.provider;

import java.util.Objects;

/**
 * Who the provider says logged in, read from an ID token whose signature, issuer, audience, expiry and
 * nonce were checked.
 *
 * @param subject the provider's stable id of the account ({@code sub}); never null
 * @param email   the account's e-mail address ({@code email}); never null
 * @param issuer  who issued the ID token ({@code iss}); never null
 */
public record VerifiedIdentity(String subject, String email, String issuer) {

    public VerifiedIdentity {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(issuer, "issuer");
    }
}
