package io.github.tokenstore.jaxrs;

import io.github.tokenstore.CurrentToken;
import io.github.tokenstore.InvalidTokenException;
import io.github.tokenstore.core.CoreMessages;
import io.github.tokenstore.core.CrmCallFrames;
import io.github.tokenstore.core.ThreadCurrentToken;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import io.github.tokenstore.provider.OAuthProvider;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A JAX-RS client filter for Zoho's APIs, for a plain JAX-RS client
 * ({@code client.register(ZohoAuthorizationFilter.class)}) or a MicroProfile Rest Client
 * ({@code @RegisterProvider(ZohoAuthorizationFilter.class)}):
 * <ul>
 *   <li>request: sets {@code Authorization: Zoho-oauthtoken <access token>} from the {@code @CrmCall} in
 *       progress on the calling thread; outside one it throws {@code TOKENSTORE-0530};</li>
 *   <li>response: when the call's token comes from another provider than Zoho (a named client, {@code
 *       @CrmCall(client = …)}), that provider decides whether the answer rejects the token ({@code
 *       OAuthProvider.rejectsAccessToken}: RFC 6750's {@code WWW-Authenticate: Bearer error="invalid_token"},
 *       Salesforce's {@code INVALID_SESSION_ID}), with the same consequence as Zoho's; otherwise</li>
 *   <li>response: a 401 whose JSON body has {@code "code": "INVALID_TOKEN"} throws
 *       {@link InvalidTokenException} ({@code TOKENSTORE-0262}), which {@code @CrmCall} answers with one
 *       refresh and one more call (JAX-RS clients pass it on as the cause of a
 *       {@code ProcessingException}; {@code @CrmCall} looks there too). Every other response passes
 *       untouched (a 401 body that is read is put back).</li>
 * </ul>
 * Needs no CDI: the JAX-RS runtime may create it. Stateless and thread-safe. Reading the 401 body needs a
 * JSON-P implementation (servers have one).
 */
public class ZohoAuthorizationFilter implements ClientRequestFilter, ClientResponseFilter {

    /** The CRM's error code for an expired, revoked or unknown access token. */
    public static final String INVALID_TOKEN = "INVALID_TOKEN";
    /** Bodies of 401 answers are read up to this size; a bigger one is not a Zoho error. */
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final CurrentToken token;

    /** A filter reading the {@code @CrmCall} in progress on the calling thread. */
    public ZohoAuthorizationFilter() {
        this(new ThreadCurrentToken());
    }

    /** A filter reading {@code token}, e.g. an injected {@link CurrentToken}. */
    public ZohoAuthorizationFilter(CurrentToken token) {
        if (token == null) {
            throw CoreMessages.nullArgument("ZohoAuthorizationFilter", "token");
        }
        this.token = token;
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, token.authorizationHeader());
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) throws IOException {
        CrmCallFrames.Frame frame = CrmCallFrames.current();
        OAuthProvider provider = frame == null ? null : frame.provider();
        if (provider != null) {
            filterFor(provider, response);
            return;
        }
        if (response.getStatus() != 401 || !response.hasEntity()) {
            return;
        }
        byte[] body;
        try (InputStream in = response.getEntityStream()) {
            body = in.readNBytes(MAX_ERROR_BODY + 1);
        }
        // Put the body back for the caller, whatever it says.
        response.setEntityStream(new ByteArrayInputStream(body));
        if (body.length <= MAX_ERROR_BODY && isInvalidToken(body, response.getMediaType())) {
            String apiDomain = token.isActive() ? token.apiDomain() : null;
            throw new InvalidTokenException(apiDomain, response.getStatus());
        }
    }

    /** The provider reads the answer: its status, its {@code WWW-Authenticate} challenge and its body. */
    private void filterFor(OAuthProvider provider, ClientResponseContext response) throws IOException {
        String challenge = response.getHeaderString(HttpHeaders.WWW_AUTHENTICATE);
        if (response.getStatus() != 401 && challenge == null) {
            return;
        }
        String body = null;
        if (response.hasEntity()) {
            byte[] bytes;
            try (InputStream in = response.getEntityStream()) {
                bytes = in.readNBytes(MAX_ERROR_BODY + 1);
            }
            response.setEntityStream(new ByteArrayInputStream(bytes));
            body = bytes.length <= MAX_ERROR_BODY ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : null;
        }
        if (provider.rejectsAccessToken(response.getStatus(), challenge, body)) {
            String apiDomain = token.isActive() ? token.apiDomain() : null;
            throw new InvalidTokenException(apiDomain, response.getStatus());
        }
    }

    /** Zoho's 401 body: {@code {"code":"INVALID_TOKEN","details":{},"message":"invalid oauth token","status":"error"}}. */
    private static boolean isInvalidToken(byte[] body, MediaType type) {
        if (type != null && !"json".equalsIgnoreCase(type.getSubtype())
                && !type.getSubtype().toLowerCase(java.util.Locale.ROOT).endsWith("+json")) {
            return false;
        }
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                return false;
            }
            JsonValue code = ((JsonObject) value).get("code");
            return code != null && code.getValueType() == JsonValue.ValueType.STRING
                    && INVALID_TOKEN.equals(((JsonString) code).getString());
        } catch (JsonException | IllegalStateException notJson) {
            return false;
        }
    }
}
