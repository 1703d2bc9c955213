package io.github.tokenstore.jpa;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.UserSignature;
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
 * {@code EntityManager}. The DDL shipped in the jar ({@code io/github/tokenstore/db/<database>/V1__*.sql})
 * creates the same table.
 *
 * <p>Portable between Hibernate 6.6 (WildFly) and EclipseLink 4 (Open Liberty): times are epoch
 * milliseconds in {@code long} columns (EclipseLink stores an {@code Instant} as a serialized blob),
 * ids are {@code String}s, every column has an explicit length. Tokens are looked up by their SHA-256
 * digests in indexed columns, since a token may be longer than an index entry allows.
 * {@code @Cacheable(false)}: EclipseLink's shared cache would hide a refresh made by another node.
 */
@Entity(name = "TokenstoreToken")
@Table(name = "tokenstore_token",
        uniqueConstraints = @UniqueConstraint(name = "uk_tokenstore_token_user", columnNames = "user_name"),
        indexes = {
                @Index(name = "ix_tokenstore_token_access", columnList = "access_token_hash"),
                @Index(name = "ix_tokenstore_token_refresh", columnList = "refresh_token_hash, client_id"),
                @Index(name = "ix_tokenstore_token_grant", columnList = "grant_token_hash, client_id")
        })
@Cacheable(false)
public class TokenEntity {

    /** Characters a token column holds: room for tokens of {@link OAuthToken#MAX_TOKEN_LENGTH} and more. */
    static final int TOKEN_COLUMN_LENGTH = 65536;

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

    /** Takes every value of {@code token} but its id. */
    void apply(OAuthToken token, long now) {
        userName = token.userSignature() == null ? null : token.userSignature().name();
        clientId = token.clientId();
        clientSecret = token.clientSecret();
        refreshToken = token.refreshToken();
        accessToken = token.accessToken();
        grantToken = token.grantToken();
        expiryTime = token.expiresAt() == null ? null : token.expiresAt().toEpochMilli();
        redirectUrl = token.redirectUrl();
        apiDomain = token.apiDomain();
        accessTokenHash = TokenHashes.of(accessToken);
        refreshTokenHash = TokenHashes.of(refreshToken);
        grantTokenHash = TokenHashes.of(grantToken);
        updatedAt = now;
    }

    OAuthToken toToken() {
        return OAuthToken.builder()
                .id(id)
                .userSignature(userName == null ? null : new UserSignature(userName))
                .clientId(clientId)
                .clientSecret(clientSecret)
                .refreshToken(refreshToken)
                .accessToken(accessToken)
                .grantToken(grantToken)
                .expiresAt(expiryTime == null ? null : Instant.ofEpochMilli(expiryTime))
                .redirectUrl(redirectUrl)
                .apiDomain(apiDomain)
                .build();
    }

    String id() {
        return id;
    }

    String userName() {
        return userName;
    }

    /** Names the row, never its secrets: EclipseLink puts entities into exception messages. */
    @Override
    public String toString() {
        return "TokenEntity[id=" + id + ", user=" + userName + ", version=" + version + "]";
    }
}
