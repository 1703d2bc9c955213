package io.github.tokenstore.migrate;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The columns of the Zoho SDKs' token stores and the file layouts they wrote, as read from the public SDK
 * sources (read for their layouts only):
 *
 * <ul>
 *   <li><b>10 columns, current</b> ({@code id,user_name,client_id,client_secret,refresh_token,access_token,
 *       grant_token,expiry_time,redirect_url,api_domain}): the Java SDK for CRM API v8, README of
 *       versions/5.0.0 (github.com/zoho/zohocrm-java-sdk-8.0), "File Persistence" and the DBStore table;
 *       the same ten columns as the SQLite table of Zoho's "Kaizen #192" article.</li>
 *   <li><b>9 columns, no {@code api_domain}</b>, with {@code user_name}: the Java SDK for CRM API v5,
 *       README of versions/1.0.0 (github.com/zoho/zohocrm-java-sdk-5.0), "File Persistence", and its
 *       DBStore.java, whose insert names these nine columns.</li>
 *   <li><b>9 columns, no {@code api_domain}</b>, with {@code user_mail} (users were e-mail addresses):
 *       FileStore.java of the Java SDK for CRM API v2.1 (github.com/zoho/zohocrm-java-sdk-2.1), whose
 *       header is {@code id,user_mail,client_id,client_secret,refresh_token,access_token,grant_token,
 *       expiry_time,redirect_url}. Both nine-column files have an id; neither has an API domain.</li>
 *   <li><b>6 columns</b> ({@code user_mail,client_id,refresh_token,access_token,grant_token,expiry_time}):
 *       FileStore.java of the first Java SDK (github.com/zoho/zohocrm-java-sdk), no id, no secret.</li>
 * </ul>
 *
 * <p>Every SDK writes {@code expiry_time} as epoch milliseconds in text ({@code System.currentTimeMillis()}
 * plus the token's lifetime, OAuthToken.java of the v2.1 SDK), the same unit as {@code OAuthToken.expiresAt}.
 */
final class ZohoColumns {

    static final String ID = "id";
    static final String USER_NAME = "user_name";
    /** The older SDKs' name of the user column. */
    static final String USER_MAIL = "user_mail";
    static final String CLIENT_ID = "client_id";
    static final String CLIENT_SECRET = "client_secret";
    static final String REFRESH_TOKEN = "refresh_token";
    static final String ACCESS_TOKEN = "access_token";
    static final String GRANT_TOKEN = "grant_token";
    static final String EXPIRY_TIME = "expiry_time";
    static final String REDIRECT_URL = "redirect_url";
    static final String API_DOMAIN = "api_domain";
    /** The column this library's file store adds when it encrypts; not a Zoho SDK column. */
    static final String ENCRYPTION_KEY_ID = "encryption_key_id";
    /** This library's column of a token's data center ({@code OAuthToken.dataCenter()}); not a Zoho SDK column. */
    static final String DATA_CENTER = "data_center";
    /** This library's column of a token's provider account ({@code OAuthToken.account()}); not a Zoho SDK column. */
    static final String ACCOUNT = "account";

    /** Every column a source may have, in the current layout's order ({@code user_mail} read as {@code user_name}). */
    static final List<String> ALL = List.of(ID, USER_NAME, CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN, ACCESS_TOKEN,
            GRANT_TOKEN, EXPIRY_TIME, REDIRECT_URL, API_DOMAIN);
    /** What a table must have, besides a user column, to be a Zoho SDK token table. */
    static final List<String> REQUIRED = List.of(CLIENT_ID, REFRESH_TOKEN, ACCESS_TOKEN, GRANT_TOKEN, EXPIRY_TIME);

    /** The token file layouts, by their header. */
    static final List<List<String>> FILE_LAYOUTS = List.of(
            List.of(ID, USER_NAME, CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN, ACCESS_TOKEN, GRANT_TOKEN, EXPIRY_TIME,
                    REDIRECT_URL, API_DOMAIN),
            List.of(ID, USER_MAIL, CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN, ACCESS_TOKEN, GRANT_TOKEN, EXPIRY_TIME,
                    REDIRECT_URL, API_DOMAIN),
            List.of(ID, USER_NAME, CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN, ACCESS_TOKEN, GRANT_TOKEN, EXPIRY_TIME,
                    REDIRECT_URL),
            List.of(ID, USER_MAIL, CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN, ACCESS_TOKEN, GRANT_TOKEN, EXPIRY_TIME,
                    REDIRECT_URL),
            List.of(USER_MAIL, CLIENT_ID, REFRESH_TOKEN, ACCESS_TOKEN, GRANT_TOKEN, EXPIRY_TIME));

    /**
     * The layout of this library's encrypted file store ({@code FileTokenStore} with keys): the current
     * layout and {@link #ENCRYPTION_KEY_ID}; the client secret and the tokens of a row with a key id are
     * {@code v1:<key-id>:<base64>} values.
     */
    static final List<String> ENCRYPTED_FILE_LAYOUT = List.of(ID, USER_NAME, CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN,
            ACCESS_TOKEN, GRANT_TOKEN, EXPIRY_TIME, REDIRECT_URL, API_DOMAIN, ENCRYPTION_KEY_ID);
    /**
     * The layout of this library's file store once a token has a data center or an account: the current
     * layout, {@link #DATA_CENTER} and {@link #ACCOUNT}.
     */
    static final List<String> LIBRARY_FILE_LAYOUT = List.of(ID, USER_NAME, CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN,
            ACCESS_TOKEN, GRANT_TOKEN, EXPIRY_TIME, REDIRECT_URL, API_DOMAIN, DATA_CENTER, ACCOUNT);
    /** {@link #LIBRARY_FILE_LAYOUT} encrypted: {@link #ENCRYPTION_KEY_ID} last, as in {@link #ENCRYPTED_FILE_LAYOUT}. */
    static final List<String> ENCRYPTED_LIBRARY_FILE_LAYOUT = List.of(ID, USER_NAME, CLIENT_ID, CLIENT_SECRET,
            REFRESH_TOKEN, ACCESS_TOKEN, GRANT_TOKEN, EXPIRY_TIME, REDIRECT_URL, API_DOMAIN, DATA_CENTER, ACCOUNT,
            ENCRYPTION_KEY_ID);
    /** The columns the file store encrypts, in the names its cipher binds them to. */
    static final List<String> ENCRYPTED_COLUMNS = List.of(CLIENT_SECRET, REFRESH_TOKEN, ACCESS_TOKEN, GRANT_TOKEN);

    /**
     * Columns in which the SDKs wrote the text {@code null} for an absent value (their DBStore reads
     * {@code grant_token} with {@code equalsIgnoreCase("null")}); read as absent. Names and ids are never
     * rewritten.
     */
    static final Set<String> NULL_TEXT_MEANS_ABSENT = Set.of(CLIENT_SECRET, REFRESH_TOKEN, ACCESS_TOKEN, GRANT_TOKEN,
            EXPIRY_TIME, REDIRECT_URL, API_DOMAIN);

    private ZohoColumns() {
    }

    /** The canonical name of a source column: lower case, {@code user_mail} as {@code user_name}. */
    static String canonical(String column) {
        String c = column.strip().toLowerCase(Locale.ROOT);
        return c.equals(USER_MAIL) ? USER_NAME : c;
    }
}
