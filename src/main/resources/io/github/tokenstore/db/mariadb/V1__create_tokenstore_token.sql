-- tokenstore-cdi schema, version 1, for MariaDB 10.6 and later
-- utf8mb4_nopad_bin: names and tokens compare exactly (case and trailing spaces count).
CREATE TABLE tokenstore_token (
    id                 VARCHAR(64)    NOT NULL,
    user_name          VARCHAR(255),
    client_id          VARCHAR(255),
    client_secret      MEDIUMTEXT,
    refresh_token      MEDIUMTEXT,
    access_token       MEDIUMTEXT,
    grant_token        MEDIUMTEXT,
    expiry_time        BIGINT,
    redirect_url       VARCHAR(2048),
    api_domain         VARCHAR(255),
    access_token_hash  VARCHAR(64),
    refresh_token_hash VARCHAR(64),
    grant_token_hash   VARCHAR(64),
    created_at         BIGINT         NOT NULL,
    updated_at         BIGINT         NOT NULL,
    row_version        BIGINT         NOT NULL,
    CONSTRAINT pk_tokenstore_token PRIMARY KEY (id),
    CONSTRAINT uk_tokenstore_token_user UNIQUE (user_name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;
CREATE INDEX ix_tokenstore_token_access ON tokenstore_token (access_token_hash);
CREATE INDEX ix_tokenstore_token_refresh ON tokenstore_token (refresh_token_hash, client_id);
CREATE INDEX ix_tokenstore_token_grant ON tokenstore_token (grant_token_hash, client_id);
