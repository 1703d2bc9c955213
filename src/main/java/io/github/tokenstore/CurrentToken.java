package io.github.tokenstore;

/**
 * The token of the {@link CrmCall} in progress on the calling thread. Inject it anywhere
 * ({@code @Inject CurrentToken token}); the injected object is a stateless view, safe to keep and to share
 * between threads, that reads the call in progress each time.
 *
 * <p>Every accessor but {@link #isActive()} throws a {@link TokenStoreException} ({@code TOKENSTORE-0530})
 * when no {@code @CrmCall} is in progress on the calling thread (work handed to another thread does not
 * see the call). After a retry (the CRM rejected the token) the accessors give the new token. Nested
 * {@code @CrmCall}s see their own token; the outer one is back when the inner returns.
 */
public interface CurrentToken {

    /** Whether a {@code @CrmCall} is in progress on this thread. */
    boolean isActive();

    /** The access token to send to the CRM. Never log it. */
    String accessToken();

    /**
     * The base URL of the user's API as the provider named it: Zoho's {@code api_domain} (e.g. {@code
     * https://www.zohoapis.eu}), Salesforce's {@code instance_url}, a preset's fixed API base; {@code null} if
     * unknown.
     */
    String apiDomain();

    /**
     * The value of the {@code Authorization} header as the token's provider wants it: {@code "Zoho-oauthtoken "
     * + accessToken()} for Zoho (and for the application's own {@code TokenService}), {@code "Bearer " +
     * accessToken()} for the other providers.
     */
    String authorizationHeader();

    /**
     * The name of the call's OAuth client ({@code @CrmCall(client)}, else the default client, e.g. {@code zoho});
     * {@code null} if the application's own {@code TokenService} serves the call and no client is configured.
     */
    String client();

    /** Whose token it is. */
    UserSignature user();

    /** The whole token (its {@code toString()} masks the secrets). */
    OAuthToken token();
}
