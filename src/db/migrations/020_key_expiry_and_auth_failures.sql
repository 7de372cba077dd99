-- Keys: an expiry (rotation sets the old key's), the key they replace, and no fragment of the secret kept:
-- the listed fingerprint is the start of the key's SHA-256, which says nothing about the key itself.
ALTER TABLE api_keys ADD COLUMN expires_at TIMESTAMPTZ;
ALTER TABLE api_keys ADD COLUMN replaces BIGINT REFERENCES api_keys (id);
UPDATE api_keys SET key_prefix = left(key_hash, 12);
ALTER TABLE api_keys RENAME COLUMN key_prefix TO fingerprint;

-- Failed authentications per client address and window, shared by every instance on this database.
CREATE TABLE auth_failures (
  client    TEXT PRIMARY KEY,
  hits      INTEGER NOT NULL,
  reset_at  TIMESTAMPTZ NOT NULL
);
