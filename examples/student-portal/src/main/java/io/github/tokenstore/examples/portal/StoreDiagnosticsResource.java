package io.github.tokenstore.examples.portal;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.jpa.JpaSchema;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Diagnostics of the token store on the server's default datasource: save, read and delete one user's
 * token, and look at its row with plain JDBC. The integration tests use it to prove the library's
 * persistence unit boots in the server and keeps tokens across restarts; the portal's pages will use
 * the CDI extension's {@code TokenStore} instead.
 *
 * <p>Answers never carry a token or a secret, only their SHA-256 digests.
 */
@Path("diagnostics/store")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class StoreDiagnosticsResource {

    @Inject
    DefaultDataSourceStore store;

    @Inject
    TransactionProbe transactions;

    /** Which store, JPA provider and database the portal runs on. */
    @GET
    public JsonObject describe() throws SQLException {
        try (Connection c = store.dataSource().getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            return Json.createObjectBuilder()
                    .add("store", store.store().toString())
                    .add("provider", store.provider())
                    .add("database", meta.getDatabaseProductName())
                    .add("url", meta.getURL())
                    .build();
        }
    }

    /**
     * Saves a token for {@code user}: a JSON object with {@code clientId}, {@code accessToken},
     * {@code refreshToken}, {@code expiresIn} (seconds) and {@code apiDomain}, each optional. With
     * {@code ?transaction=caller} the save runs inside a JTA transaction of the caller's, with
     * {@code ?transaction=suspended} inside one that is suspended for the save.
     */
    @PUT
    @Path("tokens/{user}")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject save(@PathParam("user") String user, @QueryParam("transaction") String transaction,
                           JsonObject body) {
        OAuthToken.Builder token = OAuthToken.builder()
                .user(user)
                .clientId(body.getString("clientId", null))
                .accessToken(body.getString("accessToken", null))
                .refreshToken(body.getString("refreshToken", null))
                .apiDomain(body.getString("apiDomain", null));
        JsonNumber expiresIn = body.getJsonNumber("expiresIn");
        if (expiresIn != null) {
            token.expiresAt(Instant.now().plusSeconds(expiresIn.longValue()));
        }
        OAuthToken saved;
        if ("caller".equals(transaction)) {
            saved = transactions.saveInCallersTransaction(token.build());
        } else if ("suspended".equals(transaction)) {
            saved = transactions.saveWithCallersTransactionSuspended(token.build());
        } else {
            saved = tokens().saveToken(token.build());
        }
        return describe(saved);
    }

    /** The stored token of {@code user}, described by digests; 404 if there is none. */
    @GET
    @Path("tokens/{user}")
    public Response find(@PathParam("user") String user) {
        Optional<OAuthToken> token = tokens().findToken(OAuthToken.builder().user(user).build());
        return token.map(t -> Response.ok(describe(t)))
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND))
                .build();
    }

    /** Deletes the token of {@code user}: 204, or 404 if there is none. */
    @DELETE
    @Path("tokens/{user}")
    public Response delete(@PathParam("user") String user) {
        Optional<OAuthToken> token = tokens().findToken(OAuthToken.builder().user(user).build());
        token.ifPresent(t -> tokens().deleteToken(t.id()));
        return Response.status(token.isPresent() ? Response.Status.NO_CONTENT : Response.Status.NOT_FOUND).build();
    }

    /**
     * The rows of {@code user} in the default datasource's {@code tokenstore_token} table, read with
     * plain JDBC past the store and its JPA provider.
     */
    @GET
    @Path("rows/{user}")
    public JsonObject rows(@PathParam("user") String user) throws SQLException {
        try (Connection c = store.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("select id, access_token_hash, refresh_token_hash from "
                     + JpaSchema.TABLE + " where user_name = ?")) {
            s.setString(1, user);
            int rows = 0;
            JsonObjectBuilder answer = Json.createObjectBuilder().add("url", c.getMetaData().getURL());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows++;
                    answer.add("id", rs.getString(1));
                    addNullable(answer, "accessTokenSha256", rs.getString(2));
                    addNullable(answer, "refreshTokenSha256", rs.getString(3));
                }
            }
            return answer.add("rows", rows).build();
        }
    }

    private TokenStore tokens() {
        return store.store();
    }

    private static JsonObject describe(OAuthToken token) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("id", token.id());
        addNullable(json, "user", token.userSignature() == null ? null : token.userSignature().name());
        addNullable(json, "clientId", token.clientId());
        addNullable(json, "accessTokenSha256", sha256(token.accessToken()));
        addNullable(json, "refreshTokenSha256", sha256(token.refreshToken()));
        addNullable(json, "expiresAt", token.expiresAt() == null ? null : token.expiresAt().toString());
        addNullable(json, "apiDomain", token.apiDomain());
        return json.build();
    }

    private static void addNullable(JsonObjectBuilder json, String name, String value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }

    private static String sha256(String value) {
        if (value == null) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
