package io.github.tokenstore.provider;

/**
 * The provider seam's messages ({@code TOKENSTORE-1020}–{@code 1029}); the generic providers' own are in
 * {@code oidc.OidcMessages} (1030–1069).
 */
final class ProviderMessages {

    private ProviderMessages() {
    }

    private static String msg(String id, String text) {
        return id + ": " + text;
    }

    static IllegalArgumentException verifierInvalid() {
        return new IllegalArgumentException(msg("TOKENSTORE-1020", "a PKCE code verifier must be 43 to 128 characters"
                + " of A-Z, a-z, 0-9, '-', '.', '_' and '~' (RFC 7636); use Pkce.create()"));
    }

    static IllegalArgumentException pkceNotSupported(OAuthProvider provider) {
        return new IllegalArgumentException(msg("TOKENSTORE-1021", "the provider " + provider
                + " does not use PKCE, but a code verifier was given for the code exchange; its logins send no"
                + " code_challenge, so exchange the code without one"));
    }
}
