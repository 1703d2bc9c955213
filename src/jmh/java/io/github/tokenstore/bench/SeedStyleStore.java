package io.github.tokenstore.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * THE BASELINE, kept in the benchmark sources only: a token store built the way the article's sample
 * and the Zoho SDK's DBStore are built — a new JDBC connection per call, the article's unindexed
 * {@code oauthtoken} table, SQL by string concatenation. Never use this; it exists to be measured
 * against. (Ids come from a counter, so that the baseline at least keeps working past ten rows.)
 */
final class SeedStyleStore {

    private final String url;
    private final String user;
    private final String password;

    SeedStyleStore(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    String findByUser(String name) throws SQLException {
        return first("select * from oauthtoken where user_name='" + name + "' limit 1");
    }

    String findByRefreshToken(String refreshToken) throws SQLException {
        return first("select * from oauthtoken where refresh_token='" + refreshToken + "' limit 1");
    }

    String findById(String id) throws SQLException {
        return first("select * from oauthtoken where id='" + id + "'");
    }

    /** The seed's save: an update by user name, and an insert when it changed nothing. */
    void save(String id, String name, String refreshToken, String accessToken, long expiry) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            int updated = s.executeUpdate("update oauthtoken set client_id='" + BenchTokens.CLIENT_ID
                    + "', client_secret='" + BenchTokens.CLIENT_SECRET + "', refresh_token='" + refreshToken
                    + "', access_token='" + accessToken + "', expiry_time='" + expiry + "', api_domain='"
                    + BenchTokens.API_DOMAIN + "' where user_name='" + name + "'");
            if (updated <= 0) {
                s.executeUpdate("insert into oauthtoken (id,user_name,client_id,client_secret,refresh_token,"
                        + "access_token,grant_token,expiry_time,redirect_url,api_domain) values ('" + id + "','" + name
                        + "','" + BenchTokens.CLIENT_ID + "','" + BenchTokens.CLIENT_SECRET + "','" + refreshToken
                        + "','" + accessToken + "',NULL,'" + expiry + "',NULL,'" + BenchTokens.API_DOMAIN + "')");
            }
        }
    }

    private String first(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString("access_token") : null;
        }
    }
}
