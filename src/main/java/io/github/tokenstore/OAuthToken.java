package io.github.tokenstore;

import io.github.tokenstore.core.CoreMessages;
import io.github.tokenstore.core.DataCenterMessages;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

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
 * {@value #MAX_DATA_CENTER_LENGTH} characters of {@code [a-z0-9-]}. A value that breaks a rule is an
 * {@link IllegalArgumentException} naming the field and the rule, never the value.
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

    private OAuthToken(Builder b) {
        this.id = text("id", b.id, MAX_NAME_LENGTH);
        this.userSignature = b.userSignature;
        this.clientId = text("clientId", b.clientId, MAX_NAME_LENGTH);
        this.clientSecret = text("clientSecret", b.clientSecret, MAX_TOKEN_LENGTH);
        this.grantToken = text("grantToken", b.grantToken, MAX_TOKEN_LENGTH);
        this.refreshToken = text("refreshToken", b.refreshToken, MAX_TOKEN_LENGTH);
        this.accessToken = text("accessToken", b.accessToken, MAX_TOKEN_LENGTH);
        this.expiresAt = millis(b.expiresAt);
        this.redirectUrl = text("redirectUrl", b.redirectUrl, MAX_URL_LENGTH);
        this.apiDomain = text("apiDomain", b.apiDomain, MAX_NAME_LENGTH);
        this.dataCenter = locationCode("dataCenter", b.dataCenter);
        this.account = text("account", b.account, MAX_NAME_LENGTH);
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
                && Objects.equals(account, t.account);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, userSignature, clientId, clientSecret, grantToken, refreshToken, accessToken,
                expiresAt, redirectUrl, apiDomain, dataCenter, account);
    }

    /** Shows every field but masks the client secret and the tokens as {@code ****}. */
    @Override
    public String toString() {
        return "OAuthToken[id=" + id
                + ", user=" + (userSignature == null ? null : userSignature.name())
                + ", clientId=" + clientId
                + ", clientSecret=" + mask(clientSecret)
                + ", grantToken=" + mask(grantToken)
                + ", refreshToken=" + mask(refreshToken)
                + ", accessToken=" + mask(accessToken)
                + ", expiresAt=" + expiresAt
                + ", redirectUrl=" + redirectUrl
                + ", apiDomain=" + apiDomain
                + ", dataCenter=" + dataCenter
                + ", account=" + account + "]";
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

    private static Instant millis(Instant instant) {
        if (instant == null) {
            return null;
        }
        try {
            instant.toEpochMilli();
        } catch (ArithmeticException e) {
            throw CoreMessages.expiryOutOfRange();
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
         * The token.
         *
         * @throws IllegalArgumentException if a value is too long, holds a NUL character or an unpaired
         *                                  surrogate, the data center is not a location code, or the expiry
         *                                  is beyond epoch-millisecond range
         */
        public OAuthToken build() {
            return new OAuthToken(this);
        }
    }
}
