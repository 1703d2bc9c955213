-- tokenstore-cdi schema, version 2, for MariaDB 10.6 and later: encryption at rest and the clean-up of idle tokens.
-- encryption_key_id: the key the secret columns are encrypted with (NULL: plaintext).
-- last_used_at: when the token was last saved or read, epoch milliseconds; rows from version 1 start
-- at their last update.
ALTER TABLE tokenstore_token ADD COLUMN encryption_key_id VARCHAR(32);
ALTER TABLE tokenstore_token ADD COLUMN last_used_at BIGINT;
UPDATE tokenstore_token SET last_used_at = updated_at;
CREATE INDEX ix_tokenstore_token_last_used ON tokenstore_token (last_used_at);
