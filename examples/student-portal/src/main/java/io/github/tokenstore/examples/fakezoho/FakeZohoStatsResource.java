package io.github.tokenstore.examples.fakezoho;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Locale;

/**
 * The fake's counters since the server started ({@code GET /fake-zoho/stats}), e.g.
 * {@code {"tokenRequests":3,"codeGrants":1,"refreshGrants":1,...}}: the tests check how often the
 * portal went to the token endpoint.
 */
@Path("stats")
@RequestScoped
public class FakeZohoStatsResource {

    @Inject
    FakeZoho zoho;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject stats() {
        JsonObjectBuilder json = Json.createObjectBuilder();
        zoho.counters().forEach((counter, value) -> json.add(camelCase(counter.name()), value));
        return json.add("expiresIn", zoho.expiresInSeconds()).build();
    }

    private static String camelCase(String constant) {
        StringBuilder name = new StringBuilder();
        for (String word : constant.toLowerCase(Locale.ROOT).split("_")) {
            name.append(name.length() == 0 ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return name.toString();
    }
}
