-- tokenstore-cdi schema, version 6, for MariaDB 10.6 and later: the change feed that keeps every node's token cache coherent.
-- The JPA store adds a row in the same transaction as each save and delete of a token; each node polls the rows
-- after the last one it saw (tokenstore.cache.sync-interval) and forgets those users' cached tokens. Rows older
-- than 10 minutes are pruned.
-- id: increasing, the feed's position. user_name: whose token changed. client_name: its OAuth client, '' for none
-- (as in tokenstore_token). kind: SAVED or DELETED. changed_at: epoch milliseconds. Nothing secret.
CREATE TABLE tokenstore_token_change (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    user_name   VARCHAR(255)  NOT NULL,
    client_name VARCHAR(64)   DEFAULT '' NOT NULL,
    kind        VARCHAR(16)   NOT NULL,
    changed_at  BIGINT        NOT NULL,
    CONSTRAINT pk_tokenstore_token_change PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;
CREATE INDEX ix_tokenstore_token_change_at ON tokenstore_token_change (changed_at);
