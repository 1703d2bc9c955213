package io.github.tokenstore.examples.portal;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A failure of a diagnostics call as JSON: the exception classes and messages of the cause chain. The
 * library's messages never hold a token or a secret, nor do the JDBC and JPA ones (bind parameters).
 */
@Provider
public class FailureMapper implements ExceptionMapper<RuntimeException> {

    @Override
    public Response toResponse(RuntimeException e) {
        JsonArrayBuilder causes = Json.createArrayBuilder();
        int depth = 0;
        for (Throwable t = e; t != null && depth < 12; t = t.getCause() == t ? null : t.getCause(), depth++) {
            String message = String.valueOf(t.getMessage());
            causes.add(t.getClass().getName() + ": "
                    + (message.length() > 300 ? message.substring(0, 300) + "…" : message));
        }
        return Response.serverError().type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.createObjectBuilder().add("causes", causes).build()).build();
    }
}
