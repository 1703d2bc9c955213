-- tokenstore-cdi schema, version 5, for H2 2.x: a token per user and OAuth client, and the refusal.
-- client_name: the name of the OAuth client the token belongs to (tokenstore.clients.<name>, e.g. zoho or
-- salesforce). '' (never NULL) means none: the default client, which every row from before version 5
-- belongs to. NOT NULL DEFAULT '' so that UNIQUE (user_name, client_name) holds on every database: a
-- unique constraint treats NULLs as distinct, so a NULL client would let one user hold two rows without a
-- client. Not secret.
-- refused_at: when the provider refused the row's refresh token (invalid_grant), epoch milliseconds; NULL
-- when not refused. Kept in the table so that every node and a restart see the refusal. Not secret.
-- The unique user becomes the unique (user, client): one user may hold one token per client.
ALTER TABLE tokenstore_token ADD COLUMN client_name VARCHAR(64) DEFAULT '' NOT NULL;
ALTER TABLE tokenstore_token ADD COLUMN refused_at BIGINT;
ALTER TABLE tokenstore_token DROP CONSTRAINT uk_tokenstore_token_user;
ALTER TABLE tokenstore_token ADD CONSTRAINT uk_tokenstore_token_user_client UNIQUE (user_name, client_name);
