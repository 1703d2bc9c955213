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

    /** The base URL of the user's CRM API, e.g. {@code https://www.zohoapis.eu}; {@code null} if unknown. */
    String apiDomain();

    /** The value of the {@code Authorization} header: {@code "Zoho-oauthtoken " + accessToken()}. */
    String authorizationHeader();

    /** Whose token it is. */
    UserSignature user();

    /** The whole token (its {@code toString()} masks the secrets). */
    OAuthToken token();
}
