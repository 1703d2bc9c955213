package io.github.tokenstore.jpa;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.core.CoreMessages;
import io.github.tokenstore.core.TokenCipher;
import io.github.tokenstore.core.TokenHashes;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;

import java.time.Instant;

/**
 * One stored token: the JPA entity of the JPA token store, table {@code tokenstore_token}.
 *
 * <p>List this class in an application's persistence unit when the store uses the application's
 * {@code EntityManager}. The DDL shipped in the jar ({@code io/github/tokenstore/db/<database>/V1__*.sql}
 * to {@code V5__*.sql}) creates the same table.
 *
 * <p>Portable between Hibernate 6.6 (WildFly) and EclipseLink 4 (Open Liberty): times are epoch
 * milliseconds in {@code long} columns (EclipseLink stores an {@code Instant} as a serialized blob),
 * ids are {@code String}s, every column has an explicit length. Tokens are looked up by their SHA-256
 * digests in indexed columns, since a token may be longer than an index entry allows.
 * {@code @Cacheable(false)}: EclipseLink's shared cache would hide a refresh made by another node.
 */
@Entity(name = "TokenstoreToken")
@Table(name = "tokenstore_token",
        uniqueConstraints = @UniqueConstraint(name = "uk_tokenstore_token_user_client",
                columnNames = {"user_name", "client_name"}),
        indexes = {
                @Index(name = "ix_tokenstore_token_access", columnList = "access_token_hash"),
                @Index(name = "ix_tokenstore_token_refresh", columnList = "refresh_token_hash, client_id"),
                @Index(name = "ix_tokenstore_token_grant", columnList = "grant_token_hash, client_id")
        })
@Cacheable(false)
public class TokenEntity {

    /** Characters a token column holds: room for tokens of {@link OAuthToken#MAX_TOKEN_LENGTH} and more. */
    static final int TOKEN_COLUMN_LENGTH = 65536;
    /** {@link #clientName} of a token without a client. */
    static final String NO_CLIENT = "";

    @Id
    @Column(name = "id", length = 64, nullable = false, updatable = false)
    private String id;

    @Column(name = "user_name", length = 255)
    private String userName;

    @Column(name = "client_id", length = 255)
    private String clientId;

    @Column(name = "client_secret", length = TOKEN_COLUMN_LENGTH)
    private String clientSecret;

    @Column(name = "refresh_token", length = TOKEN_COLUMN_LENGTH)
    private String refreshToken;

    @Column(name = "access_token", length = TOKEN_COLUMN_LENGTH)
    private String accessToken;

    @Column(name = "grant_token", length = TOKEN_COLUMN_LENGTH)
    private String grantToken;

    @Column(name = "expiry_time")
    private Long expiryTime;

    @Column(name = "redirect_url", length = 2048)
    private String redirectUrl;

    @Column(name = "api_domain", length = 255)
    private String apiDomain;

    @Column(name = "access_token_hash", length = 64)
    private String accessTokenHash;

    @Column(name = "refresh_token_hash", length = 64)
    private String refreshTokenHash;

    @Column(name = "grant_token_hash", length = 64)
    private String grantTokenHash;

    /** The key the secret columns are encrypted with; {@code null}: stored in plaintext. Schema V2. */
    @Column(name = "encryption_key_id", length = 32)
    private String encryptionKeyId;

    /** When the token was last saved or read through the store, epoch millis. Schema V2. */
    @Column(name = "last_used_at")
    private Long lastUsedAt;

    /**
     * The location code of the data center that issued the token ({@link OAuthToken#dataCenter()});
     * {@code null}: the configured default data center (every row from before V3). Not secret. Schema V3.
     */
    @Column(name = "data_center", length = OAuthToken.MAX_DATA_CENTER_LENGTH)
    private String dataCenter;

    /**
     * The provider account the token belongs to ({@link OAuthToken#account()}). Personal data like the user
     * name, and stored like it: in plaintext (only the client secret and the tokens are encrypted). Schema V3.
     */
    @Column(name = "account", length = 255)
    private String account;

    /**
     * The name of the OAuth client the token belongs to ({@link OAuthToken#client()}); {@code ""} (never
     * {@code null}): none, the default client (every row from before V5). Not null so that the unique
     * (user_name, client_name) holds on every database, which treat NULLs in a unique key as distinct. Schema V5.
     */
    @Column(name = "client_name", length = OAuthToken.MAX_CLIENT_LENGTH, nullable = false)
    private String clientName = NO_CLIENT;

    /** When the provider refused the refresh token ({@link OAuthToken#refusedAt()}), epoch millis. Schema V5. */
    @Column(name = "refused_at")
    private Long refusedAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private long createdAt;

    @Column(name = "updated_at", nullable = false)
    private long updatedAt;

    @Version
    @Column(name = "row_version", nullable = false)
    private long version;

    /** For JPA. */
    protected TokenEntity() {
    }

    TokenEntity(String id, long now) {
        this.id = id;
        this.createdAt = now;
    }

    /** Takes every value of {@code token} but its id, in plaintext. */
    void apply(OAuthToken token, long now) {
        apply(token, now, null);
    }

    /**
     * Takes every value of {@code token} but its id; with a {@code cipher} the client secret and the
     * tokens are stored encrypted with its active key and looked up by keyed digests.
     */
    void apply(OAuthToken token, long now, TokenCipher cipher) {
        userName = token.userSignature() == null ? null : token.userSignature().name();
        clientId = token.clientId();
        expiryTime = token.expiresAt() == null ? null : token.expiresAt().toEpochMilli();
        redirectUrl = token.redirectUrl();
        apiDomain = token.apiDomain();
        dataCenter = token.dataCenter();
        account = token.account();
        clientName = clientColumn(token.client());
        refusedAt = token.refusedAt() == null ? null : token.refusedAt().toEpochMilli();
        secrets(token, cipher);
        updatedAt = now;
        lastUsedAt = now;
    }

    /** Writes the secret columns and their digests, encrypted with the active key of {@code cipher} if any. */
    private void secrets(OAuthToken token, TokenCipher cipher) {
        if (cipher == null) {
            encryptionKeyId = null;
            clientSecret = token.clientSecret();
            refreshToken = token.refreshToken();
            accessToken = token.accessToken();
            grantToken = token.grantToken();
            accessTokenHash = TokenHashes.of(accessToken);
            refreshTokenHash = TokenHashes.of(refreshToken);
            grantTokenHash = TokenHashes.of(grantToken);
            return;
        }
        encryptionKeyId = cipher.activeKeyId();
        clientSecret = cipher.encrypt("client_secret", id, token.clientSecret());
        refreshToken = cipher.encrypt("refresh_token", id, token.refreshToken());
        accessToken = cipher.encrypt("access_token", id, token.accessToken());
        grantToken = cipher.encrypt("grant_token", id, token.grantToken());
        accessTokenHash = cipher.lookupDigest("access_token", token.accessToken());
        refreshTokenHash = cipher.lookupDigest("refresh_token", token.refreshToken());
        grantTokenHash = cipher.lookupDigest("grant_token", token.grantToken());
    }

    /**
     * Encrypts the row again with the active key of {@code cipher}, leaving its times and every other
     * value as they are.
     *
     * @return whether the row changed (it was in plaintext or under another key)
     */
    boolean reencrypt(TokenCipher cipher) {
        if (cipher.activeKeyId().equals(encryptionKeyId)) {
            return false;
        }
        secrets(toToken(cipher), cipher);
        return true;
    }

    /** When the token was last saved or read through the store, or {@code null} for rows older than V2. */
    Long lastUsedAt() {
        return lastUsedAt;
    }

    /** The row as a token; it must be in plaintext. */
    OAuthToken toToken() {
        return toToken(null);
    }

    /**
     * The row as a token, decrypted with {@code cipher} if the row is encrypted.
     *
     * @throws io.github.tokenstore.TokenStoreException if the row is encrypted and {@code cipher} is null or
     *                                                  lacks its key, or a value does not decrypt
     */
    OAuthToken toToken(TokenCipher cipher) {
        String secret = clientSecret;
        String refresh = refreshToken;
        String access = accessToken;
        String grant = grantToken;
        if (encryptionKeyId != null) {
            if (cipher == null) {
                throw CoreMessages.encryptedWithoutKeys(where(null), encryptionKeyId);
            }
            secret = cipher.decrypt("client_secret", id, secret, where("client_secret"));
            refresh = cipher.decrypt("refresh_token", id, refresh, where("refresh_token"));
            access = cipher.decrypt("access_token", id, access, where("access_token"));
            grant = cipher.decrypt("grant_token", id, grant, where("grant_token"));
        }
        return OAuthToken.builder()
                .id(id)
                .userSignature(userName == null ? null : new UserSignature(userName))
                .clientId(clientId)
                .clientSecret(secret)
                .refreshToken(refresh)
                .accessToken(access)
                .grantToken(grant)
                .expiresAt(expiryTime == null ? null : Instant.ofEpochMilli(expiryTime))
                .redirectUrl(redirectUrl)
                .apiDomain(apiDomain)
                .dataCenter(dataCenter)
                .account(account)
                .client(NO_CLIENT.equals(clientName) ? null : clientName)
                .refusedAt(refusedAt == null ? null : Instant.ofEpochMilli(refusedAt))
                .build();
    }

    private String where(String column) {
        return "the token row " + id + (column == null ? "" : " column " + column) + " of " + JpaSchema.TABLE;
    }

    String id() {
        return id;
    }

    String userName() {
        return userName;
    }

    /** The client's name, {@code null} for none. */
    String client() {
        return NO_CLIENT.equals(clientName) ? null : clientName;
    }

    /** The value of the column {@code client_name} for a token's {@link OAuthToken#client()}. */
    static String clientColumn(String client) {
        return client == null ? NO_CLIENT : client;
    }

    /** Names the row, never its secrets: EclipseLink puts entities into exception messages. */
    @Override
    public String toString() {
        return "TokenEntity[id=" + id + ", user=" + userName + ", client=" + client() + ", version=" + version + "]";
    }
}
