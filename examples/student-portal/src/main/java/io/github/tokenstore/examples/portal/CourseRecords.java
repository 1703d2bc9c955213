package io.github.tokenstore.examples.portal;

import io.github.tokenstore.CrmCall;
import io.github.tokenstore.CurrentToken;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.TokenUser;
import io.github.tokenstore.jaxrs.ZohoAuthorizationFilter;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A student's courses in Zylker Classroom, the portal's second OAuth client ({@code tokenstore.clients.classroom.*},
 * an OpenID Connect provider): {@code @CrmCall(client = "classroom")} gets the student's classroom token, not the
 * Zoho one, refreshed at the classroom provider when needed; {@link CurrentToken#authorizationHeader()} is then
 * {@code Bearer …}. The library's client filter sets that header and turns the provider's 401 with RFC 6750's
 * {@code invalid_token} into the exception on which {@code @CrmCall} refreshes and calls once more.
 */
@ApplicationScoped
public class CourseRecords {

    /** The portal's name of the classroom client, as in {@code tokenstore.clients.classroom.*}. */
    public static final String CLIENT = "classroom";

    @Inject
    CurrentToken token;

    @Inject
    PortalConfig config;

    private Client client;

    @PostConstruct
    void open() {
        client = ClientBuilder.newBuilder().connectTimeout(5, TimeUnit.SECONDS).readTimeout(10, TimeUnit.SECONDS)
                .register(new ZohoAuthorizationFilter(token))
                .build();
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /**
     * The student's courses, with the student's classroom token.
     *
     * @throws io.github.tokenstore.AuthorizationRequiredException if the student has no usable classroom token
     *                                                             (never connected, or the provider refused it)
     * @throws CrmUnavailableException                            if the classroom API cannot be reached or fails
     */
    @CrmCall(client = CLIENT)
    public List<Course> coursesOf(@TokenUser String student) {
        // A plain OpenID Connect provider names no API base in its token answers: the portal knows it.
        String api = token.apiDomain() == null ? config.classroomApi().toString() : token.apiDomain();
        Response response;
        try {
            response = client.target(api).path("courses").request(MediaType.APPLICATION_JSON_TYPE).get();
        } catch (ProcessingException e) {
            if (e.getCause() instanceof TokenStoreException) {
                throw e; // the filter's InvalidTokenException: @CrmCall refreshes and calls again
            }
            throw new CrmUnavailableException("Zylker Classroom at " + api + " cannot be reached: "
                    + e.getClass().getSimpleName(), e);
        }
        try {
            if (response.getStatus() != Response.Status.OK.getStatusCode()) {
                throw new CrmUnavailableException("Zylker Classroom at " + api + " answered HTTP "
                        + response.getStatus(), null);
            }
            JsonObject body;
            try (JsonReader reader = Json.createReader(new StringReader(response.readEntity(String.class)))) {
                body = reader.readObject();
            }
            List<Course> courses = new ArrayList<>();
            JsonArray list = body.getJsonArray("courses");
            for (int i = 0; list != null && i < list.size(); i++) {
                JsonObject c = list.getJsonObject(i);
                courses.add(new Course(c.getString("code", null), c.getString("title", null)));
            }
            return courses;
        } finally {
            response.close();
        }
    }
}
