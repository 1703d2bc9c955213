package io.github.tokenstore.examples.portal;

import io.github.tokenstore.InvalidTokenException;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStoreMessages;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.oauth.TokenService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.function.Function;

/**
 * Runs a CRM call with the user's valid token, and once more with a new token if the CRM rejected the
 * first (401 {@code INVALID_TOKEN}, e.g. revoked or expired in flight).
 *
 * <p>Temporary: what the library's {@code @CrmCall} interceptor, {@code CurrentToken} and
 * {@code ZohoAuthorizationFilter} (branch {@code crmcall}) do. When they land, {@link StudentRecords}
 * annotates its method with {@code @CrmCall}, registers the filter on its client, and this class goes.
 */
@ApplicationScoped
public class CrmCalls {

    private static final String SCHEME = "Zoho-oauthtoken ";

    @Inject
    TokenService tokens;

    /**
     * {@code call} with the user's current token; if it throws {@link InvalidTokenException}, once more
     * with the token {@link TokenService#refreshRejected} gives.
     */
    public <T> T call(UserSignature user, Function<OAuthToken, T> call) {
        OAuthToken token = tokens.currentToken(user);
        try {
            return call.apply(token);
        } catch (InvalidTokenException rejected) {
            return call.apply(tokens.refreshRejected(user, token));
        }
    }

    /** The {@code Authorization} header for a CRM call with the token. */
    public static String authorization(OAuthToken token) {
        return SCHEME + token.accessToken();
    }

    /**
     * Throws {@link InvalidTokenException} if the CRM answered 401 {@code INVALID_TOKEN}, as the
     * library's client filter does.
     */
    public static void rejectInvalidToken(Response response, String apiDomain) {
        if (response.getStatus() != Response.Status.UNAUTHORIZED.getStatusCode()) {
            return;
        }
        MediaType type = response.getMediaType();
        if (type != null && type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            response.bufferEntity();
            if (response.readEntity(String.class).contains("\"INVALID_TOKEN\"")) {
                throw TokenStoreMessages.invalidToken(apiDomain);
            }
        }
    }
}
