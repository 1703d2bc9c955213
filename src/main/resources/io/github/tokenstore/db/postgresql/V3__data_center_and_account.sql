-- tokenstore-cdi schema, version 3, for PostgreSQL 12 and later: the data center and the provider account of each token.
-- data_center: the location code of the data center whose accounts server issued the token (us, eu, in,
-- au, jp, cn, ca, sa, uk). NULL means the data center configured as the default
-- (tokenstore.oauth.data-center): existing rows keep NULL, since which one that is only the application's
-- configuration knows, not this script. Not secret.
-- account: the provider account the token belongs to as the provider verified it (for Zoho the login's
-- e-mail), recorded when the application's own login names the user; NULL when unknown. Personal data,
-- stored in plaintext like user_name.
ALTER TABLE tokenstore_token ADD COLUMN data_center VARCHAR(16);
ALTER TABLE tokenstore_token ADD COLUMN account VARCHAR(255);
