package io.github.tokenstore.examples.testsupport;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.examples.fakeclassroom.FakeClassroom;
import io.github.tokenstore.examples.fakezoho.FakeZoho;
import io.github.tokenstore.examples.portal.CourseRecords;
import io.github.tokenstore.jpa.JpaSchema;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.spi.PersistenceProviderResolverHolder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;

/** The token table of the server's default datasource, read with plain JDBC. */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class TokenTableResource {

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    @Inject
    TokenStore store;

    @Inject
    RolledBackTransaction rolledBack;

    @Inject
    FakeZoho fakeZoho;

    @Inject
    FakeClassroom fakeClassroom;

    /** The default datasource (database, URL) and the JPA provider the library's unit picks on this server. */
    @GET
    @Path("store")
    public JsonObject store() throws SQLException {
        List<?> providers = PersistenceProviderResolverHolder.getPersistenceProviderResolver().getPersistenceProviders();
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            return Json.createObjectBuilder()
                    .add("store", store.toString())
                    .add("provider", providers.isEmpty() ? "none" : providers.get(0).getClass().getName())
                    .add("database", meta.getDatabaseProductName())
                    .add("url", meta.getURL())
                    .build();
        }
    }

    /**
     * The rows of {@code user}: how many, and the last one's id, digests, expiry, API domain, client id and,
     * where the table has them, data center and Zoho account; under {@code clients} each row by its
     * {@code client_name} (the empty string for the {@code tokenstore.oauth.*} client's, which names none);
     * and how many rows the table has in all.
     */
    @GET
    @Path("tokens/{user}")
    public JsonObject rows(@PathParam("user") String user) throws SQLException {
        // select *: the data_center and account columns exist from the library's V3 schema on.
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select * from " + JpaSchema.TABLE + " where user_name = ?")) {
            s.setString(1, user);
            int rows = 0;
            JsonObjectBuilder answer = Json.createObjectBuilder();
            JsonObjectBuilder clients = Json.createObjectBuilder();
            try (ResultSet rs = s.executeQuery()) {
                Set<String> columns = new HashSet<>();
                ResultSetMetaData meta = rs.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(meta.getColumnName(i).toLowerCase(Locale.ROOT));
                }
                while (rs.next()) {
                    rows++;
                    answer.add("id", rs.getString("id"));
                    add(answer, "accessTokenSha256", rs.getString("access_token_hash"));
                    add(answer, "refreshTokenSha256", rs.getString("refresh_token_hash"));
                    answer.add("expiryTime", rs.getLong("expiry_time"));
                    add(answer, "apiDomain", rs.getString("api_domain"));
                    add(answer, "clientId", rs.getString("client_id"));
                    if (columns.contains("data_center")) {
                        add(answer, "dataCenter", rs.getString("data_center"));
                    }
                    if (columns.contains("account")) {
                        add(answer, "account", rs.getString("account"));
                    }
                    if (columns.contains("client_name")) {
                        JsonObjectBuilder client = Json.createObjectBuilder().add("id", rs.getString("id"));
                        add(client, "accessTokenSha256", rs.getString("access_token_hash"));
                        add(client, "refreshTokenSha256", rs.getString("refresh_token_hash"));
                        client.add("expiryTime", rs.getLong("expiry_time"));
                        add(client, "clientId", rs.getString("client_id"));
                        if (columns.contains("account")) {
                            add(client, "account", rs.getString("account"));
                        }
                        clients.add(rs.getString("client_name"), client);
                    }
                }
            }
            try (PreparedStatement all = c.prepareStatement("select count(*) from " + JpaSchema.TABLE);
                 ResultSet rs = all.executeQuery()) {
                rs.next();
                answer.add("tableRows", rs.getLong(1));
            }
            return answer.add("rows", rows).add("clients", clients).build();
        }
    }

    /**
     * Saves a token for {@code user} through {@code @Inject TokenStore} inside a JTA transaction that then
     * rolls back: the library's built-in store runs outside the caller's transaction, so the row stays.
     */
    @POST
    @Path("tokens/{user}/save-in-rolled-back-transaction")
    public JsonObject saveInRolledBackTransaction(@PathParam("user") String user) throws SQLException {
        OAuthToken token = OAuthToken.builder().user(user).accessToken("test-support-" + user).build();
        try {
            rolledBack.save(token);
        } catch (RolledBackTransaction.RolledBack expected) {
            // the caller's transaction rolled back
        }
        return rows(user);
    }

    /**
     * Revokes {@code user}'s stored refresh token at the fake Zoho server, as a student who removes the
     * portal's access in Zoho's account settings: the access tokens issued with it stop working at once.
     * Answers whether there was one to revoke, never the token.
     */
    @POST
    @Path("tokens/{user}/revoke-at-fake-zoho")
    public JsonObject revokeAtFakeZoho(@PathParam("user") String user) {
        boolean revoked = store.findToken(OAuthToken.builder().user(user).build())
                .map(OAuthToken::refreshToken)
                .map(fakeZoho::revoke)
                .orElse(false);
        return Json.createObjectBuilder().add("revoked", revoked).build();
    }

    /**
     * Withdraws {@code user}'s stored classroom refresh token at the fake Zylker Classroom, as a student who
     * removes the portal's access in the provider's settings: it and the access tokens issued with it stop
     * working at once. Answers whether there was one, never the token.
     */
    @POST
    @Path("tokens/{user}/withdraw-at-fake-classroom")
    public JsonObject withdrawAtFakeClassroom(@PathParam("user") String user) {
        boolean withdrawn = store.findToken(OAuthToken.builder().user(user).client(CourseRecords.CLIENT).build())
                .map(OAuthToken::refreshToken)
                .map(fakeClassroom::withdraw)
                .orElse(false);
        return Json.createObjectBuilder().add("withdrawn", withdrawn).build();
    }

    /**
     * Whether the fake Zylker Classroom holds the refresh token with this SHA-256 (the digest the token table
     * keeps) as live: neither rotated away nor revoked. Answers a boolean, never a token.
     */
    @GET
    @Path("fake-classroom/refresh-tokens/{sha256}")
    public JsonObject classroomRefreshToken(@PathParam("sha256") String sha256) {
        return Json.createObjectBuilder().add("live", fakeClassroom.refreshTokenLive(sha256)).build();
    }

    /** Deletes {@code user}'s token through the store. */
    @POST
    @Path("tokens/{user}/delete")
    public JsonObject delete(@PathParam("user") String user) throws SQLException {
        store.findToken(OAuthToken.builder().user(user).build()).ifPresent(t -> store.deleteToken(t.id()));
        return rows(user);
    }

    private static void add(JsonObjectBuilder json, String name, String value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }
}
