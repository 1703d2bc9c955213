package io.github.tokenstore.examples.fakezoho;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One data center of the fake Zoho under {@code /fake-zoho/<location>}, answering like Zoho's:
 * the authorize page, the token and revocation endpoints (errors are HTTP 200 with an {@code error}
 * field), the OpenID Connect discovery document and keys, the CRM's {@code Contacts} and its counters.
 * Made per request by {@link FakeZohoResource}.
 */
public class FakeDataCenterResource {

    private static final String SCHEME = "Zoho-oauthtoken ";
    private static final List<String[]> CONTACTS = List.of(
            new String[] {"Ada", "Lovelace", "Analytical Engines 101"},
            new String[] {"Alan", "Turing", "Computability"},
            new String[] {"Grace", "Hopper", "Compilers"});
    /** The authorize request's parameters the student picker carries along. */
    private static final List<String> AUTHORIZE_PARAMETERS = List.of("response_type", "client_id", "redirect_uri",
            "scope", "state", "nonce", "access_type", "prompt");

    private final FakeZoho zoho;
    private final FakeDataCenter dc;
    private final UriInfo uri;

    FakeDataCenterResource(FakeZoho zoho, FakeDataCenter dc, UriInfo uri) {
        this.zoho = zoho;
        this.dc = dc;
        this.uri = uri;
    }

    /**
     * The authorize page. Without {@code user}: a page where the demo user picks a student (the demo
     * students, or any e-mail address, {@code login_hint} filled in). With {@code user} (or {@code email}):
     * a redirect to {@code redirect_uri} with a grant code of the data center where that user's account
     * lives, {@code state}, its {@code location} and its {@code accounts-server}, as Zoho's multi-DC login
     * does after the user accepts. The code must be exchanged at that accounts server.
     */
    @GET
    @Path("oauth/v2/auth")
    public Response authorize(@QueryParam("client_id") String clientId,
                              @QueryParam("redirect_uri") String redirectUri,
                              @QueryParam("response_type") String responseType,
                              @QueryParam("scope") String scope,
                              @QueryParam("state") String state,
                              @QueryParam("nonce") String nonce,
                              @QueryParam("access_type") String accessType,
                              @QueryParam("login_hint") String loginHint,
                              @QueryParam("user") String picked,
                              @QueryParam("email") String typed) {
        String user = Optional.ofNullable(blank(picked) ? typed : picked).map(u -> u.strip().toLowerCase(Locale.ROOT))
                .orElse("");
        FakeDataCenter.AuthorizeRequest request = new FakeDataCenter.AuthorizeRequest(clientId, redirectUri, scope,
                nonce, "offline".equals(accessType));
        if (!"code".equals(responseType) || blank(redirectUri) || !dc.registered(clientId)) {
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.TEXT_PLAIN_TYPE)
                    .entity("Invalid client, redirect_uri or response_type (the fake Zoho accounts server"
                            + " takes response_type=code, its configured client_id and any redirect_uri).")
                    .build();
        }
        if (!user.matches("[^@\\s<>\"'&]{1,64}@[^@\\s<>\"'&]{1,190}")) {
            return picker(loginHint);
        }
        FakeDataCenter home = zoho.homeOf(user);
        Optional<String> code = home.authorize(request, user);
        if (code.isEmpty()) {
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.TEXT_PLAIN_TYPE)
                    .entity("Invalid authorize request.").build();
        }
        UriBuilder target = UriBuilder.fromUri(redirectUri)
                .queryParam("code", code.get())
                .queryParam("location", home.location())
                .queryParam("accounts-server", accountsUrl(home));
        if (state != null) {
            target.queryParam("state", state);
        }
        return Response.status(Response.Status.FOUND).location(target.build()).build();
    }

    /** The token endpoint: {@code authorization_code} and {@code refresh_token} grants. */
    @POST
    @Path("oauth/v2/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject token(MultivaluedMap<String, String> form) {
        // Zoho takes the parameters in the query string as well as in the body.
        MultivaluedMap<String, String> p = new MultivaluedHashMap<>(uri.getQueryParameters());
        form.forEach(p::addAll);
        String grantType = p.getFirst("grant_type");
        FakeDataCenter.TokenResult result;
        if ("authorization_code".equals(grantType)) {
            result = dc.exchangeCode(p.getFirst("client_id"), p.getFirst("client_secret"),
                    p.getFirst("redirect_uri"), p.getFirst("code"), accountsUrl(dc));
        } else if ("refresh_token".equals(grantType)) {
            result = dc.refresh(p.getFirst("client_id"), p.getFirst("client_secret"), p.getFirst("refresh_token"));
        } else {
            result = dc.unsupported("unsupported_grant_type");
        }
        if (result.error() != null) {
            return Json.createObjectBuilder().add("error", result.error()).build();
        }
        JsonObjectBuilder json = Json.createObjectBuilder().add("access_token", result.accessToken());
        if (result.refreshToken() != null) {
            json.add("refresh_token", result.refreshToken());
        }
        if (result.idToken() != null) {
            json.add("id_token", result.idToken());
        }
        return json.add("api_domain", accountsUrl(dc))
                .add("token_type", "Bearer")
                .add("expires_in", result.expiresIn())
                .build();
    }

    /** Revokes a refresh token ({@code ?token=}) and the access tokens issued with it. */
    @POST
    @Path("oauth/v2/token/revoke")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject revoke(@QueryParam("token") String token) {
        return dc.revoke(token) ? Json.createObjectBuilder().add("status", "success").build()
                : Json.createObjectBuilder().add("error", "invalid_token").build();
    }

    /** The OpenID Connect discovery document; the issuer is this data center's accounts URL. */
    @GET
    @Path(".well-known/openid-configuration")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject discovery() {
        dc.discovered();
        String accounts = accountsUrl(dc);
        return Json.createObjectBuilder()
                .add("issuer", accounts)
                .add("authorization_endpoint", accounts + "/oauth/v2/auth")
                .add("token_endpoint", accounts + "/oauth/v2/token")
                .add("revocation_endpoint", accounts + "/oauth/v2/token/revoke")
                .add("jwks_uri", accounts + "/oauth/v2/keys")
                .add("response_types_supported", Json.createArrayBuilder().add("code"))
                .add("grant_types_supported", Json.createArrayBuilder().add("authorization_code").add("refresh_token"))
                .add("subject_types_supported", Json.createArrayBuilder().add("public"))
                .add("id_token_signing_alg_values_supported", Json.createArrayBuilder().add("RS256"))
                .add("scopes_supported", Json.createArrayBuilder().add("openid").add("email").add("profile"))
                .add("token_endpoint_auth_methods_supported", Json.createArrayBuilder().add("client_secret_post"))
                .add("claims_supported", Json.createArrayBuilder().add("sub").add("iss").add("aud").add("exp")
                        .add("iat").add("nonce").add("email").add("email_verified").add("name"))
                .build();
    }

    /** The keys ID tokens are signed with (the discovery document's {@code jwks_uri}). */
    @GET
    @Path("oauth/v2/keys")
    @Produces(MediaType.APPLICATION_JSON)
    public String keys() {
        return dc.jwks();
    }

    /** The contacts of the token's user: the same three course advisors for everyone. */
    @GET
    @Path("crm/v8/Contacts")
    @Produces(MediaType.APPLICATION_JSON)
    public Response contacts(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String token = authorization != null && authorization.startsWith(SCHEME)
                ? authorization.substring(SCHEME.length()).strip() : null;
        Optional<String> user = dc.userOf(token);
        if (user.isEmpty()) {
            return Response.status(Response.Status.UNAUTHORIZED).entity(Json.createObjectBuilder()
                    .add("code", "INVALID_TOKEN")
                    .add("details", JsonObject.EMPTY_JSON_OBJECT)
                    .add("message", "invalid oauth token")
                    .add("status", "error")
                    .build()).build();
        }
        JsonArrayBuilder data = Json.createArrayBuilder();
        for (int i = 0; i < CONTACTS.size(); i++) {
            String[] c = CONTACTS.get(i);
            data.add(Json.createObjectBuilder()
                    .add("id", String.valueOf(4_876_876_000_000_000L + i))
                    .add("First_Name", c[0])
                    .add("Last_Name", c[1])
                    .add("Email", c[0].toLowerCase(Locale.ROOT) + "@zylker.example")
                    .add("Description", c[2])
                    .add("Owner", Json.createObjectBuilder().add("email", user.get())));
        }
        return Response.ok(Json.createObjectBuilder()
                .add("data", data)
                .add("info", Json.createObjectBuilder()
                        .add("per_page", 200).add("count", CONTACTS.size()).add("page", 1)
                        .add("more_records", false))
                .build()).build();
    }

    /** This data center's counters since the server started. */
    @GET
    @Path("stats")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject stats() {
        return FakeZohoResource.stats(dc);
    }

    /** The student picker: the demo students as buttons, and an e-mail field with {@code login_hint} in it. */
    private Response picker(String loginHint) {
        StringBuilder hidden = new StringBuilder();
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        for (String name : AUTHORIZE_PARAMETERS) {
            String value = query.getFirst(name);
            if (value != null) {
                hidden.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                        .append(escape(value)).append("\">");
            }
        }
        StringBuilder buttons = new StringBuilder();
        List<String> students = zoho.students();
        for (int i = 0; i < students.size(); i++) {
            String s = students.get(i);
            buttons.append("<p><button type=\"submit\" name=\"user\" id=\"student-").append(i).append("\" value=\"")
                    .append(escape(s)).append("\">").append(escape(s)).append("</button> <small>(")
                    .append(escape(zoho.homeOf(s).location().toUpperCase(Locale.ROOT)))
                    .append(" data center)</small></p>");
        }
        String page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Sign in · fake Zoho Accounts (" + escape(dc.location().toUpperCase(Locale.ROOT))
                + ")</title><style>body{font-family:system-ui,sans-serif;max-width:560px;margin:40px auto}"
                + "button{padding:6px 14px} input{padding:6px;width:280px}</style></head><body>"
                + "<h1>Fake Zoho Accounts</h1><p>Demo mode: pick who signs in. Accounts under a <code>.eu</code>"
                + " domain live in the EU data center and are sent back to it.</p>"
                + "<form method=\"get\" action=\"auth\">" + hidden + buttons
                + "<p><label>Or any e-mail address<br><input type=\"email\" name=\"email\" id=\"zoho-email\""
                + " maxlength=\"254\" value=\"" + escape(loginHint) + "\"></label>"
                + " <button type=\"submit\" id=\"zoho-sign-in\">Sign in</button></p></form></body></html>\n";
        return Response.ok(page, MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    /** A data center's accounts URL (also its API domain) as the client sees it: {@code <fake-zoho>/<location>}. */
    private String accountsUrl(FakeDataCenter of) {
        String base = uri.getBaseUri().toString();
        return (base.endsWith("/") ? base : base + "/") + of.location();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String escape(String text) {
        if (text == null) {
            return "";
        }
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
