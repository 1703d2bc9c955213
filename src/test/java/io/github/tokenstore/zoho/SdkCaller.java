package io.github.tokenstore.zoho;

import com.zoho.api.authenticator.OAuthToken;
import com.zoho.api.authenticator.store.TokenStore;
import com.zoho.crm.api.exception.SDKException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Plays what the Zoho CRM Java SDK does before each API call, as its documentation describes it: look the
 * token up in the store (by id once it has one, else by the token itself), exchange the grant token or
 * refresh when there is no access token or less than 5 seconds are left, under the token object's own
 * lock, and save what it got. Counts the refreshes it made itself: with the library's {@code TokenService}
 * behind the bridge there should be none.
 */
public final class SdkCaller {

    /** The SDK refreshes when less than this is left. */
    static final long SDK_REFRESH_MARGIN_MILLIS = 5_000;

    private final TokenStore store;
    private final URI accounts;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Token-endpoint calls this caller made itself. */
    public final AtomicInteger ownTokenCalls = new AtomicInteger();

    public SdkCaller(TokenStore store, URI accounts, Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** The access token the SDK would put in the {@code Authorization} header for {@code token}. */
    public String accessToken(OAuthToken token) throws SDKException {
        synchronized (token) {
            OAuthToken current;
            if (token.getId() != null) {
                current = (OAuthToken) store.findTokenById(token.getId());
                mergeInto(token, current);
            } else {
                current = (OAuthToken) store.findToken(token);
            }
            if (current == null) {
                current = token;
            }
            boolean save = false;
            if (current.getAccessToken() == null) {
                callTokenEndpoint(current, current.getRefreshToken() != null ? "refresh_token" : "authorization_code");
                save = true;
            } else if (current.getExpiresIn() != null
                    && Long.parseLong(current.getExpiresIn()) - clock.millis() < SDK_REFRESH_MARGIN_MILLIS) {
                callTokenEndpoint(current, "refresh_token");
                save = true;
            }
            if (save) {
                store.saveToken(current);
            }
            return current.getAccessToken();
        }
    }

    /** The SDK copies the stored values into the caller's token where the caller has none. */
    private static void mergeInto(OAuthToken target, OAuthToken source) {
        if (target.getRefreshToken() == null) {
            target.setRefreshToken(source.getRefreshToken());
        }
        if (target.getClientId() == null) {
            target.setClientId(source.getClientId());
        }
        if (target.getClientSecret() == null) {
            target.setClientSecret(source.getClientSecret());
        }
    }

    private void callTokenEndpoint(OAuthToken token, String grantType) throws SDKException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", grantType);
        form.put("client_id", token.getClientId());
        form.put("client_secret", token.getClientSecret());
        if (grantType.equals("refresh_token")) {
            form.put("refresh_token", token.getRefreshToken());
        } else {
            form.put("code", token.getGrantToken());
            form.put("redirect_uri", token.getRedirectURL());
        }
        String body = form.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        ownTokenCalls.incrementAndGet();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(accounts.resolve("/oauth/v2/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonObject json;
            try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
                json = reader.readObject();
            }
            if (!json.containsKey("access_token")) {
                throw new SDKException("INVALID_TOKEN_ERROR", json.getString("error", "no access token"));
            }
            token.setAccessToken(json.getString("access_token"));
            if (json.containsKey("refresh_token")) {
                token.setRefreshToken(json.getString("refresh_token"));
            }
            if (json.containsKey("api_domain")) {
                token.setAPIDomain(json.getString("api_domain"));
            }
            token.setExpiresIn(Long.toString(clock.millis() + json.getJsonNumber("expires_in").longValue() * 1000));
        } catch (jakarta.json.JsonException e) {
            throw new SDKException("PARSE_RESPONSE", "the token endpoint's answer is not JSON", e);
        } catch (IOException e) {
            throw new SDKException("REFRESH_TOKEN_ERROR", "the token endpoint cannot be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SDKException("REFRESH_TOKEN_ERROR", "interrupted", e);
        }
    }
}
