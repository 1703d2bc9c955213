package io.github.tokenstore.examples.fakeclassroom;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The fake classroom provider under {@code /fake-classroom}: OpenID Connect discovery, keys, the authorize
 * page, the token and revocation endpoints, and its API ({@code api/courses}). See {@link FakeClassroom}
 * for the rules it keeps.
 */
@Path("")
@RequestScoped
public class FakeClassroomResource {

    private static final String BEARER = "Bearer ";

    @Inject
    FakeClassroom classroom;

    @Context
    UriInfo uri;

    /** The discovery document; the issuer is {@code <portal>/fake-classroom}. */
    @GET
    @Path(".well-known/openid-configuration")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject discovery() {
        String issuer = issuer();
        return Json.createObjectBuilder()
                .add("issuer", issuer)
                .add("authorization_endpoint", issuer + "/authorize")
                .add("token_endpoint", issuer + "/token")
                .add("revocation_endpoint", issuer + "/revoke")
                .add("jwks_uri", issuer + "/keys")
                .add("response_types_supported", Json.createArrayBuilder().add("code"))
                .add("grant_types_supported", Json.createArrayBuilder().add("authorization_code").add("refresh_token"))
                .add("subject_types_supported", Json.createArrayBuilder().add("public"))
                .add("id_token_signing_alg_values_supported", Json.createArrayBuilder().add("RS256"))
                .add("code_challenge_methods_supported", Json.createArrayBuilder().add("S256"))
                .add("scopes_supported", Json.createArrayBuilder().add("openid").add("email").add("offline_access")
                        .add("courses.read"))
                .add("token_endpoint_auth_methods_supported", Json.createArrayBuilder().add("client_secret_basic"))
                .build();
    }

    /** The keys ID tokens are signed with. */
    @GET
    @Path("keys")
    @Produces(MediaType.APPLICATION_JSON)
    public String keys() {
        return classroom.jwks();
    }

    /**
     * The authorize page. With {@code login_hint} (an e-mail address, what the portal's library login sends
     * for the student already signed in) or {@code user}: a redirect to {@code redirect_uri} with a code and
     * {@code state}, as a provider does after the user accepts. Without either: a page asking for the address.
     */
    @GET
    @Path("authorize")
    public Response authorize(@QueryParam("client_id") String clientId,
                              @QueryParam("redirect_uri") String redirectUri,
                              @QueryParam("response_type") String responseType,
                              @QueryParam("scope") String scope,
                              @QueryParam("state") String state,
                              @QueryParam("nonce") String nonce,
                              @QueryParam("code_challenge") String challenge,
                              @QueryParam("code_challenge_method") String challengeMethod,
                              @QueryParam("login_hint") String loginHint,
                              @QueryParam("user") String typed) {
        String user = Optional.ofNullable(typed != null && !typed.isBlank() ? typed : loginHint)
                .map(u -> u.strip().toLowerCase(Locale.ROOT)).orElse("");
        if (!user.matches("[^@\\s<>\"'&]{1,64}@[^@\\s<>\"'&]{1,190}")) {
            return page();
        }
        Optional<String> code = classroom.authorize(clientId, responseType, redirectUri, scope, challenge,
                challengeMethod, nonce, user);
        if (code.isEmpty()) {
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.TEXT_PLAIN_TYPE)
                    .entity("Invalid authorize request (the fake classroom takes response_type=code, its client_id,"
                            + " scope with openid, and an S256 code_challenge).")
                    .build();
        }
        UriBuilder target = UriBuilder.fromUri(redirectUri).queryParam("code", code.get());
        if (state != null) {
            target.queryParam("state", state);
        }
        return Response.status(Response.Status.FOUND).location(target.build()).build();
    }

    /** The token endpoint: {@code authorization_code} (with PKCE) and {@code refresh_token}, Basic auth only. */
    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                          @FormParam("grant_type") String grantType, @FormParam("code") String code,
                          @FormParam("redirect_uri") String redirectUri,
                          @FormParam("code_verifier") String verifier,
                          @FormParam("refresh_token") String refreshToken) {
        FakeClassroom.TokenResult result;
        if ("authorization_code".equals(grantType)) {
            result = classroom.exchangeCode(authorization, code, redirectUri, verifier, issuer());
        } else if ("refresh_token".equals(grantType)) {
            result = classroom.refresh(authorization, refreshToken);
        } else {
            result = classroom.unsupported();
        }
        if (result.error() != null) {
            // RFC 6749 5.2: 400, or 401 for a client that failed to authenticate.
            int status = "invalid_client".equals(result.error()) ? 401 : 400;
            Response.ResponseBuilder r = Response.status(status).entity(Json.createObjectBuilder()
                    .add("error", result.error()).build()).header(HttpHeaders.CACHE_CONTROL, "no-store");
            if (status == 401) {
                r.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"classroom\"");
            }
            return r.build();
        }
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("access_token", result.accessToken())
                .add("refresh_token", result.refreshToken())
                .add("token_type", "Bearer")
                .add("expires_in", result.expiresIn())
                .add("scope", "openid email offline_access courses.read");
        if (result.idToken() != null) {
            json.add("id_token", result.idToken());
        }
        return Response.ok(json.build()).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    /** RFC 7009 revocation: 200 whether or not the token was known. */
    @POST
    @Path("revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revoke(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @FormParam("token") String token) {
        if (!classroom.authenticates(authorization)) {
            return Response.status(Response.Status.UNAUTHORIZED).build();
        }
        classroom.revoke(authorization, token);
        return Response.ok().build();
    }

    /** The student's courses; 401 with RFC 6750's {@code invalid_token} for a dead access token. */
    @GET
    @Path("api/courses")
    @Produces(MediaType.APPLICATION_JSON)
    public Response courses(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String token = authorization != null && authorization.startsWith(BEARER)
                ? authorization.substring(BEARER.length()).strip() : null;
        Optional<String> user = classroom.userOf(token);
        if (user.isEmpty()) {
            return Response.status(Response.Status.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"").build();
        }
        return Response.ok(Json.createObjectBuilder()
                .add("student", user.get())
                .add("courses", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("code", "CS101").add("title", "Analytical Engines"))
                        .add(Json.createObjectBuilder().add("code", "CS205").add("title", "Computability")))
                .build()).build();
    }

    /** The counters since the server started, by their names in camel case. */
    @GET
    @Path("stats")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject stats() {
        JsonObjectBuilder json = Json.createObjectBuilder();
        for (Map.Entry<FakeClassroom.Counter, Long> c : classroom.counters().entrySet()) {
            StringBuilder name = new StringBuilder();
            for (String word : c.getKey().name().toLowerCase(Locale.ROOT).split("_")) {
                name.append(name.length() == 0 ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
            }
            json.add(name.toString(), c.getValue());
        }
        return json.add("liveRefreshTokens", classroom.liveRefreshTokens()).build();
    }

    /** A page asking who signs in; the authorize request's query goes along. */
    private Response page() {
        String page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Sign in · fake Zylker Classroom</title></head><body><h1>Fake Zylker Classroom</h1>"
                + "<p>Demo mode: who signs in?</p><form method=\"get\" action=\"authorize\">"
                + hidden() + "<input type=\"email\" name=\"user\" id=\"classroom-email\" maxlength=\"254\">"
                + " <button type=\"submit\" id=\"classroom-sign-in\">Sign in</button></form></body></html>\n";
        return Response.ok(page, MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    private String hidden() {
        StringBuilder b = new StringBuilder();
        uri.getQueryParameters().forEach((name, values) -> {
            if (!"user".equals(name) && !values.isEmpty()) {
                b.append("<input type=\"hidden\" name=\"").append(escape(name)).append("\" value=\"")
                        .append(escape(values.get(0))).append("\">");
            }
        });
        return b.toString();
    }

    /** The issuer as the client sees it: {@code <portal>/fake-classroom}. */
    private String issuer() {
        String base = uri.getBaseUri().toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
