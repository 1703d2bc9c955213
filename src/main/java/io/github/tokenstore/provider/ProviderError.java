package io.github.tokenstore.provider;

/**
 * What a provider's refusal means to the library, whatever the provider calls it ({@code invalid_code} at
 * Zoho, {@code invalid_grant} in RFC 6749).
 */
public enum ProviderError {
    /** The code or refresh token is used, expired or revoked: never send it again; the user must log in. */
    INVALID_GRANT,
    /** The client id or secret is wrong: a configuration problem. */
    INVALID_CLIENT,
    /** Too many requests: back off. */
    THROTTLED,
    /** Anything else the provider refused with. */
    OTHER
}
