-- Browser sessions of the web console: an API key exchanged for an HttpOnly cookie. Only the sha256
-- of the session token is kept; the key itself never reaches the browser's storage. A session ends
-- at expires_at, at sign-out (ended_at), or when its key is revoked or expires.
CREATE TABLE console_sessions (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  key_id BIGINT NOT NULL REFERENCES api_keys (id),
  csrf_token TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  ended_at TIMESTAMPTZ
);
CREATE INDEX console_sessions_key ON console_sessions (key_id);
