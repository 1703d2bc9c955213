package io.github.tokenstore.examples.fakezoho;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import java.util.Locale;
import java.util.Map;

/**
 * The fake Zoho's root: {@code /fake-zoho/stats} (every data center's counters) and, under
 * {@code /fake-zoho/<location>/}, each data center's accounts server and CRM API
 * ({@link FakeDataCenterResource}). A request for a location the fake does not have gets 404 and is
 * counted ({@code unknownRequests}), so that a test can prove a forged accounts server got nothing.
 */
@Path("")
@RequestScoped
public class FakeZohoResource {

    @Inject
    FakeZoho zoho;

    @Context
    UriInfo uri;

    /**
     * The counters since the server started, per data center, e.g.
     * {@code {"us":{"tokenRequests":3,"codeGrants":1,...},"eu":{...},"unknownRequests":0}}.
     */
    @GET
    @Path("stats")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject stats() {
        JsonObjectBuilder json = Json.createObjectBuilder();
        zoho.dataCenters().forEach(dc -> json.add(dc.location(), stats(dc)));
        return json.add("unknownRequests", zoho.unknownRequests()).build();
    }

    /** One data center's accounts server and CRM API. */
    @Path("{location}")
    public FakeDataCenterResource dataCenter(@PathParam("location") String location) {
        FakeDataCenter dc = zoho.dataCenter(location).orElse(null);
        if (dc == null) {
            zoho.unknownRequest();
            throw new NotFoundException();
        }
        if (!uri.getPath().replaceAll("^/+|/+$", "").equals(location + "/stats")) {
            dc.requested();
        }
        return new FakeDataCenterResource(zoho, dc, uri);
    }

    /** A data center's counters as JSON, by their names in camel case ({@code tokenRequests}…). */
    static JsonObject stats(FakeDataCenter dc) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        for (Map.Entry<FakeDataCenter.Counter, Long> c : dc.counters().entrySet()) {
            json.add(camelCase(c.getKey().name()), c.getValue());
        }
        return json.add("expiresIn", dc.expiresInSeconds()).build();
    }

    private static String camelCase(String constant) {
        StringBuilder name = new StringBuilder();
        for (String word : constant.toLowerCase(Locale.ROOT).split("_")) {
            name.append(name.length() == 0 ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return name.toString();
    }
}
