package io.github.tokenstore.examples.fakezoho;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Optional;

/**
 * The fake CRM API: {@code GET /crm/v8/Contacts} with {@code Authorization: Zoho-oauthtoken <token>}.
 * An expired, revoked or unknown token gets 401 {@code INVALID_TOKEN}, like Zoho CRM's.
 */
@Path("crm/v8")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class FakeZohoCrmResource {

    private static final String SCHEME = "Zoho-oauthtoken ";
    private static final List<String[]> CONTACTS = List.of(
            new String[] {"Ada", "Lovelace", "Analytical Engines 101"},
            new String[] {"Alan", "Turing", "Computability"},
            new String[] {"Grace", "Hopper", "Compilers"});

    @Inject
    FakeZoho zoho;

    /** The contacts of the token's user: the same three course advisors for everyone. */
    @GET
    @Path("Contacts")
    public Response contacts(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String token = authorization != null && authorization.startsWith(SCHEME)
                ? authorization.substring(SCHEME.length()).strip() : null;
        Optional<String> user = zoho.userOf(token);
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
                    .add("Email", c[0].toLowerCase() + "@zylker.example")
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
}
