package io.github.tokenstore;

import io.github.tokenstore.core.ClientTokenMessages;
import io.github.tokenstore.core.CoreMessages;
import io.github.tokenstore.core.DataCenterMessages;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One user's OAuth 2.0 token for one client, as stored by a {@link TokenStore}: an immutable value.
 *
 * <p>Build one with {@link #builder()}, change one with {@link #toBuilder()}. Every field may be
 * absent ({@code null}); an empty string is taken as absent. {@link #expiresAt()} keeps millisecond
 * precision (the Zoho SDKs' {@code expiry_time} is epoch milliseconds), so it round-trips exactly
 * through every store.
 *
 * <p>Text values are checked when the token is built: at most {@value #MAX_TOKEN_LENGTH} characters
 * for the tokens and the client secret, {@value #MAX_URL_LENGTH} for the redirect URL and
 * {@value #MAX_NAME_LENGTH} for the other fields, and no NUL character or unpaired surrogate
 * anywhere (no database stores those verbatim); the data center is 1 to
 * {@value #MAX_DATA_CENTER_LENGTH} characters of {@code [a-z0-9-]}; the client name is a letter or digit
 * followed by at most {@value #MAX_CLIENT_LENGTH} - 1 letters, digits, {@code _} or {@code -}. A value that
 * breaks a rule is an {@link IllegalArgumentException} naming the field and the rule, never the value.
 *
 * <p>{@link #toString()} masks the client secret and every token. Instances are thread-safe.
 */
public final class OAuthToken {

    /** Most characters in an access, refresh or grant token or a client secret. */
    public static final int MAX_TOKEN_LENGTH = 8192;
    /** Most characters in the redirect URL. */
    public static final int MAX_URL_LENGTH = 2048;
    /** Most characters in the id, the user name, the client id, the API domain and the account. */
    public static final int MAX_NAME_LENGTH = 255;
    /** Most characters in the data center's location code. */
    public static final int MAX_DATA_CENTER_LENGTH = 16;
    /** Most characters in the name of the OAuth client a token belongs to ({@link #client()}). */
    public static final int MAX_CLIENT_LENGTH = 64;

    private final String id;
    private final UserSignature userSignature;
    private final String clientId;
    private final String clientSecret;
    private final String grantToken;
    private final String refreshToken;
    private final String accessToken;
    private final Instant expiresAt;
    private final String redirectUrl;
    private final String apiDomain;
    private final String dataCenter;
    private final String account;
    private final String client;
    private final Instant refusedAt;

    private OAuthToken(Builder b) {
        this.id = text("id", b.id, MAX_NAME_LENGTH);
        this.userSignature = b.userSignature;
        this.clientId = text("clientId", b.clientId, MAX_NAME_LENGTH);
        this.clientSecret = text("clientSecret", b.clientSecret, MAX_TOKEN_LENGTH);
        this.grantToken = text("grantToken", b.grantToken, MAX_TOKEN_LENGTH);
        this.refreshToken = text("refreshToken", b.refreshToken, MAX_TOKEN_LENGTH);
        this.accessToken = text("accessToken", b.accessToken, MAX_TOKEN_LENGTH);
        this.expiresAt = millis(b.expiresAt, CoreMessages::expiryOutOfRange);
        this.redirectUrl = text("redirectUrl", b.redirectUrl, MAX_URL_LENGTH);
        this.apiDomain = text("apiDomain", b.apiDomain, MAX_NAME_LENGTH);
        this.dataCenter = locationCode("dataCenter", b.dataCenter);
        this.account = text("account", b.account, MAX_NAME_LENGTH);
        this.client = clientName("client", b.client);
        this.refusedAt = millis(b.refusedAt, ClientTokenMessages::refusedAtOutOfRange);
    }

    /** A builder with every field absent. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this token's values, to make a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.userSignature = userSignature;
        b.clientId = clientId;
        b.clientSecret = clientSecret;
        b.grantToken = grantToken;
        b.refreshToken = refreshToken;
        b.accessToken = accessToken;
        b.expiresAt = expiresAt;
        b.redirectUrl = redirectUrl;
        b.apiDomain = apiDomain;
        b.dataCenter = dataCenter;
        b.account = account;
        b.client = client;
        b.refusedAt = refusedAt;
        return b;
    }

    /** The store's id of this token, or {@code null} for a token that was never saved. */
    public String id() {
        return id;
    }

    /** Whose token it is, or {@code null}. */
    public UserSignature userSignature() {
        return userSignature;
    }

    /** The OAuth client id, or {@code null}. */
    public String clientId() {
        return clientId;
    }

    /** The OAuth client secret, or {@code null}. */
    public String clientSecret() {
        return clientSecret;
    }

    /** The grant (authorization) code, or {@code null}. */
    public String grantToken() {
        return grantToken;
    }

    /** The refresh token, or {@code null}. */
    public String refreshToken() {
        return refreshToken;
    }

    /** The access token, or {@code null}. */
    public String accessToken() {
        return accessToken;
    }

    /** When the access token expires (millisecond precision), or {@code null} if unknown. */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** The redirect URL registered for the client, or {@code null}. */
    public String redirectUrl() {
        return redirectUrl;
    }

    /** The API domain the accounts server named for this token (e.g. {@code https://www.zohoapis.com}), or {@code null}. */
    public String apiDomain() {
        return apiDomain;
    }

    /**
     * The location code of the data center whose accounts server issued this token, as Zoho writes it in
     * {@code location=} and as {@link io.github.tokenstore.oauth.DataCenter#location()} returns it (e.g.
     * {@code eu}); {@code null} means the configured default data center (tokens saved before the library
     * kept one per token). Not part of the store's matching rules.
     */
    public String dataCenter() {
        return dataCenter;
    }

    /**
     * The provider account this token belongs to as the provider verified it (for Zoho: the e-mail of the
     * login's ID token), recorded when the token is saved under the application's own user name; or
     * {@code null} when unknown. Not part of the store's matching rules.
     */
    public String account() {
        return account;
    }

    /**
     * The name of the OAuth client this token belongs to (e.g. {@code zoho}, {@code salesforce}: a name of
     * {@code tokenstore.clients.<name>}), or {@code null} for a token saved without one, which means the
     * default client (every token saved before the library knew several clients). Part of the first
     * matching rule: a user holds one token per client (see {@link TokenStore}).
     */
    public String client() {
        return client;
    }

    /**
     * When the provider refused this token's refresh token ({@code invalid_grant}), millisecond precision;
     * {@code null} if it was not refused. A refused token is kept (for audit, and so that every JVM and a
     * restart see the refusal) until the user authorizes again. Not part of the matching rules.
     */
    public Instant refusedAt() {
        return refusedAt;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof OAuthToken t)) {
            return false;
        }
        return Objects.equals(id, t.id)
                && Objects.equals(userSignature, t.userSignature)
                && Objects.equals(clientId, t.clientId)
                && Objects.equals(clientSecret, t.clientSecret)
                && Objects.equals(grantToken, t.grantToken)
                && Objects.equals(refreshToken, t.refreshToken)
                && Objects.equals(accessToken, t.accessToken)
                && Objects.equals(expiresAt, t.expiresAt)
                && Objects.equals(redirectUrl, t.redirectUrl)
                && Objects.equals(apiDomain, t.apiDomain)
                && Objects.equals(dataCenter, t.dataCenter)
                && Objects.equals(account, t.account)
                && Objects.equals(client, t.client)
                && Objects.equals(refusedAt, t.refusedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, userSignature, clientId, clientSecret, grantToken, refreshToken, accessToken,
                expiresAt, redirectUrl, apiDomain, dataCenter, account, client, refusedAt);
    }

    /** Shows every field but masks the client secret and the tokens as {@code ****}. */
    @Override
    public String toString() {
        return "OAuthToken[id=" + id
                + ", user=" + (userSignature == null ? null : userSignature.name())
                + ", client=" + client
                + ", clientId=" + clientId
                + ", clientSecret=" + mask(clientSecret)
                + ", grantToken=" + mask(grantToken)
                + ", refreshToken=" + mask(refreshToken)
                + ", accessToken=" + mask(accessToken)
                + ", expiresAt=" + expiresAt
                + ", redirectUrl=" + redirectUrl
                + ", apiDomain=" + apiDomain
                + ", dataCenter=" + dataCenter
                + ", account=" + account
                + ", refusedAt=" + refusedAt + "]";
    }

    private static String mask(String secret) {
        return secret == null ? null : "****";
    }

    private static String text(String field, String value, int maxLength) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        checkText(field, value, maxLength);
        return value;
    }

    /** Checks one text value against the rules in the class comment. */
    static void checkText(String field, String value, int maxLength) {
        if (value.length() > maxLength) {
            throw CoreMessages.valueTooLong(field, value.length(), maxLength);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                throw CoreMessages.nulCharacter(field, i);
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw CoreMessages.unpairedSurrogate(field, i);
            }
            if (Character.isLowSurrogate(c)) {
                throw CoreMessages.unpairedSurrogate(field, i);
            }
        }
    }

    private static String locationCode(String field, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > MAX_DATA_CENTER_LENGTH) {
            throw DataCenterMessages.notALocationCode(field, value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                throw DataCenterMessages.notALocationCode(field, value.length());
            }
        }
        return value;
    }

    /**
     * Checks a client name: {@code [A-Za-z0-9][A-Za-z0-9_-]{0,63}}, the syntax of a configuration key's
     * segment ({@code tokenstore.clients.<name>.*}) that every store keeps verbatim.
     */
    private static String clientName(String field, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!isClientName(value)) {
            throw ClientTokenMessages.notAClientName(field, value.length());
        }
        return value;
    }

    /**
     * Whether {@code name} is a valid client name ({@link #client()}): a letter or digit (ASCII) followed by
     * at most 63 letters, digits, {@code _} or {@code -}.
     */
    public static boolean isClientName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_CLIENT_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean alnum = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            if (!alnum && (i == 0 || c != '_' && c != '-')) {
                return false;
            }
        }
        return true;
    }

    private static Instant millis(Instant instant, Supplier<IllegalArgumentException> outOfRange) {
        if (instant == null) {
            return null;
        }
        try {
            instant.toEpochMilli();
        } catch (ArithmeticException e) {
            throw outOfRange.get();
        }
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Builds an {@link OAuthToken}. Not thread-safe; {@link #build()} checks every value.
     */
    public static final class Builder {
        private String id;
        private UserSignature userSignature;
        private String clientId;
        private String clientSecret;
        private String grantToken;
        private String refreshToken;
        private String accessToken;
        private Instant expiresAt;
        private String redirectUrl;
        private String apiDomain;
        private String dataCenter;
        private String account;
        private String client;
        private Instant refusedAt;

        private Builder() {
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder userSignature(UserSignature userSignature) {
            this.userSignature = userSignature;
            return this;
        }

        /** Shorthand for {@code userSignature(new UserSignature(name))}; {@code null} clears it. */
        public Builder user(String name) {
            this.userSignature = name == null ? null : new UserSignature(name);
            return this;
        }

        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        public Builder clientSecret(String clientSecret) {
            this.clientSecret = clientSecret;
            return this;
        }

        public Builder grantToken(String grantToken) {
            this.grantToken = grantToken;
            return this;
        }

        public Builder refreshToken(String refreshToken) {
            this.refreshToken = refreshToken;
            return this;
        }

        public Builder accessToken(String accessToken) {
            this.accessToken = accessToken;
            return this;
        }

        public Builder expiresAt(Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        public Builder redirectUrl(String redirectUrl) {
            this.redirectUrl = redirectUrl;
            return this;
        }

        public Builder apiDomain(String apiDomain) {
            this.apiDomain = apiDomain;
            return this;
        }

        /** The issuing data center's location code (see {@link OAuthToken#dataCenter()}); {@code null} = the default. */
        public Builder dataCenter(String dataCenter) {
            this.dataCenter = dataCenter;
            return this;
        }

        /** The verified provider account (see {@link OAuthToken#account()}); {@code null} = unknown. */
        public Builder account(String account) {
            this.account = account;
            return this;
        }

        /**
         * The name of the OAuth client the token belongs to (see {@link OAuthToken#client()}); {@code null}
         * (or empty) = none, the default client.
         */
        public Builder client(String client) {
            this.client = client;
            return this;
        }

        /** When the provider refused the refresh token (see {@link OAuthToken#refusedAt()}); {@code null} = not refused. */
        public Builder refusedAt(Instant refusedAt) {
            this.refusedAt = refusedAt;
            return this;
        }

        /**
         * The token.
         *
         * @throws IllegalArgumentException if a value is too long, holds a NUL character or an unpaired
         *                                  surrogate, the data center is not a location code, the client is not
         *                                  a client name, or the expiry or refusal time is beyond
         *                                  epoch-millisecond range
         */
        public OAuthToken build() {
            return new OAuthToken(this);
        }
    }
}
