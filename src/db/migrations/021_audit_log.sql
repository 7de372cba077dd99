-- Audit log: one row per write that took effect (who, through which request, what, on what, when).
CREATE TABLE audit_log (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          TIMESTAMPTZ NOT NULL DEFAULT now(),
  key_id      BIGINT,
  role        TEXT,
  station_id  TEXT,
  request_id  TEXT NOT NULL,
  action      TEXT NOT NULL,
  target      TEXT NOT NULL,
  status      INTEGER NOT NULL
);
CREATE INDEX audit_log_key_idx ON audit_log (key_id, id);

CREATE FUNCTION refuse_audit_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
