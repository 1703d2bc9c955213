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
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
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
 * A student's records in Zoho CRM, fetched with the student's token: {@code @CrmCall} gets the token
 * (refreshed when needed), the library's {@link ZohoAuthorizationFilter} puts it in the
 * {@code Authorization} header and turns a 401 {@code INVALID_TOKEN} into the exception on which
 * {@code @CrmCall} refreshes and calls once more.
 */
@ApplicationScoped
public class StudentRecords {

    /** Where a token without {@code api_domain} calls (Zoho's US production domain). */
    private static final String DEFAULT_API_DOMAIN = "https://www.zohoapis.com";

    @Inject
    CurrentToken token;

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
     * The CRM contacts the student's token can see.
     *
     * @throws io.github.tokenstore.AuthorizationRequiredException if the student has no usable token
     * @throws CrmUnavailableException                            if the CRM cannot be reached or fails
     */
    @CrmCall
    public List<Contact> contactsOf(@TokenUser String student) {
        String apiDomain = token.apiDomain() == null ? DEFAULT_API_DOMAIN : token.apiDomain();
        Response response;
        try {
            response = client.target(apiDomain).path("crm/v8/Contacts")
                    // CRM API v8 requires the fields to return.
                    .queryParam("fields", "First_Name,Last_Name,Email,Description")
                    .request(MediaType.APPLICATION_JSON_TYPE)
                    .get();
        } catch (ProcessingException e) {
            if (e.getCause() instanceof TokenStoreException) {
                throw e; // the filter's InvalidTokenException: @CrmCall refreshes and calls again
            }
            throw new CrmUnavailableException("Zoho CRM at " + apiDomain + " cannot be reached: "
                    + e.getClass().getSimpleName(), e);
        }
        try {
            if (response.getStatus() == Response.Status.NO_CONTENT.getStatusCode()) {
                return List.of(); // Zoho CRM's answer when there are no records
            }
            if (response.getStatus() != Response.Status.OK.getStatusCode()) {
                throw new CrmUnavailableException("Zoho CRM at " + apiDomain + " answered HTTP "
                        + response.getStatus(), null);
            }
            JsonObject body;
            try (JsonReader reader = Json.createReader(new StringReader(response.readEntity(String.class)))) {
                body = reader.readObject();
            }
            List<Contact> contacts = new ArrayList<>();
            JsonArray data = body.getJsonArray("data");
            for (int i = 0; data != null && i < data.size(); i++) {
                JsonObject c = data.getJsonObject(i);
                contacts.add(new Contact(text(c, "id"), text(c, "First_Name"), text(c, "Last_Name"),
                        text(c, "Email"), text(c, "Description")));
            }
            return contacts;
        } finally {
            response.close();
        }
    }

    private static String text(JsonObject o, String name) {
        JsonValue v = o.get(name);
        return v instanceof JsonString s ? s.getString() : null;
    }
}
