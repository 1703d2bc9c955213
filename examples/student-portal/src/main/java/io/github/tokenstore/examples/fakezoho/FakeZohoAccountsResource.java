package io.github.tokenstore.examples.fakezoho;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * The fake accounts server: {@code /oauth/v2/auth}, {@code /oauth/v2/token} and
 * {@code /oauth/v2/token/revoke}, answering like Zoho's (errors are HTTP 200 with an {@code error} field).
 */
@Path("oauth/v2")
@RequestScoped
public class FakeZohoAccountsResource {

    @Inject
    FakeZoho zoho;

    @Inject
    @ConfigProperty(name = "fake-zoho.user", defaultValue = "student@zylker.example")
    String defaultUser;

    @Context
    UriInfo uri;

    /**
     * The authorize page. The fake asks nothing: it redirects at once to {@code redirect_uri} with a grant
     * code, {@code state}, {@code location} and {@code accounts-server}, as Zoho does after the user
     * accepts. The user is {@code login_hint}, else {@code fake-zoho.user}.
     */
    @GET
    @Path("auth")
    public Response authorize(@QueryParam("client_id") String clientId,
                              @QueryParam("redirect_uri") String redirectUri,
                              @QueryParam("response_type") String responseType,
                              @QueryParam("state") String state,
                              @QueryParam("login_hint") String loginHint) {
        String user = loginHint == null || loginHint.isBlank() ? defaultUser : loginHint;
        Optional<String> code = "code".equals(responseType) ? zoho.authorize(clientId, redirectUri, user)
                : Optional.empty();
        if (code.isEmpty()) {
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.TEXT_PLAIN_TYPE)
                    .entity("Invalid client, redirect_uri or response_type (the fake Zoho accounts server"
                            + " takes response_type=code, its configured client_id and any redirect_uri).")
                    .build();
        }
        UriBuilder target = UriBuilder.fromUri(redirectUri)
                .queryParam("code", code.get())
                .queryParam("location", "us")
                .queryParam("accounts-server", server());
        if (state != null) {
            target.queryParam("state", state);
        }
        return Response.status(Response.Status.FOUND).location(target.build()).build();
    }

    /** The token endpoint: {@code authorization_code} and {@code refresh_token} grants. */
    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject token(MultivaluedMap<String, String> form) {
        // Zoho takes the parameters in the query string as well as in the body.
        MultivaluedMap<String, String> p = new MultivaluedHashMap<>(uri.getQueryParameters());
        form.forEach(p::addAll);
        String grantType = p.getFirst("grant_type");
        FakeZoho.TokenResult result;
        if ("authorization_code".equals(grantType)) {
            result = zoho.exchangeCode(p.getFirst("client_id"), p.getFirst("client_secret"),
                    p.getFirst("redirect_uri"), p.getFirst("code"));
        } else if ("refresh_token".equals(grantType)) {
            result = zoho.refresh(p.getFirst("client_id"), p.getFirst("client_secret"), p.getFirst("refresh_token"));
        } else {
            result = zoho.unsupported("unsupported_grant_type");
        }
        if (result.error() != null) {
            return Json.createObjectBuilder().add("error", result.error()).build();
        }
        JsonObjectBuilder json = Json.createObjectBuilder().add("access_token", result.accessToken());
        if (result.refreshToken() != null) {
            json.add("refresh_token", result.refreshToken());
        }
        return json.add("api_domain", server())
                .add("token_type", "Bearer")
                .add("expires_in", result.expiresIn())
                .build();
    }

    /** Revokes a refresh token ({@code ?token=}) and the access tokens issued with it. */
    @POST
    @Path("token/revoke")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject revoke(@QueryParam("token") String token) {
        return zoho.revoke(token) ? Json.createObjectBuilder().add("status", "success").build()
                : Json.createObjectBuilder().add("error", "invalid_token").build();
    }

    /** This fake's base URL: its accounts server and its API domain. */
    private String server() {
        String base = uri.getBaseUri().toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
