-- tokenstore-cdi schema, version 4, for PostgreSQL 12 and later: the logins started and not yet completed ("Login with Zoho").
-- A row lives at most 10 minutes; each node of a cluster reads the rows the others wrote.
-- state_hash, browser_hash: SHA-256 (hex) of the state sent to the provider and of the browser's login cookie.
-- created_at: epoch milliseconds.
CREATE TABLE tokenstore_login_state (
    state_hash    VARCHAR(64)   NOT NULL,
    browser_hash  VARCHAR(64)   NOT NULL,
    nonce         VARCHAR(64)   NOT NULL,
    return_path   VARCHAR(1024) NOT NULL,
    login_hint    VARCHAR(320),
    consent_round BOOLEAN       NOT NULL,
    created_at    BIGINT        NOT NULL,
    CONSTRAINT pk_tokenstore_login_state PRIMARY KEY (state_hash)
);
CREATE INDEX ix_tokenstore_login_state_created ON tokenstore_login_state (created_at);
