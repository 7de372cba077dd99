-- After-sales records (issue 14): every step of an old part after the station and of a statement on
-- its way to payment is a row appended here; the status is the latest row's, never an update.

-- An old part of a claim line at the central store (旧件台帐): one row per claim line, then its steps.
CREATE TABLE old_parts (
  id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  station_id    TEXT NOT NULL,
  claim_number  TEXT NOT NULL,
  line_id       TEXT NOT NULL,
  unit_id       TEXT,
  part_number   TEXT,
  party_type    TEXT NOT NULL,
  party_id      TEXT,
  created_by    TEXT NOT NULL,
  created_at    TIMESTAMPTZ NOT NULL,
  UNIQUE (station_id, claim_number, line_id)
);

CREATE TABLE old_part_steps (
  id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  old_part_id   BIGINT NOT NULL REFERENCES old_parts (id),
  step          TEXT NOT NULL,
  status        TEXT NOT NULL,
  details       JSONB NOT NULL,
  note          TEXT NOT NULL,
  recorded_by   TEXT NOT NULL,
  recorded_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX old_part_steps_part_idx ON old_part_steps (old_part_id, id);

-- A station's monthly statement from the auditor's result to payment (费用结算室 §8–11).
CREATE TABLE statement_steps (
  id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  station_id    TEXT NOT NULL,
  month         TEXT NOT NULL,
  step          TEXT NOT NULL,
  status        TEXT NOT NULL,
  amount_fen    BIGINT NOT NULL,
  details       JSONB NOT NULL,
  note          TEXT NOT NULL,
  recorded_by   TEXT NOT NULL,
  recorded_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX statement_steps_station_idx ON statement_steps (station_id, month, id);

CREATE TRIGGER old_parts_append_only BEFORE UPDATE OR DELETE ON old_parts FOR EACH ROW EXECUTE FUNCTION refuse_record_change();
CREATE TRIGGER old_parts_no_truncate BEFORE TRUNCATE ON old_parts FOR EACH STATEMENT EXECUTE FUNCTION refuse_record_change();
CREATE TRIGGER old_part_steps_append_only BEFORE UPDATE OR DELETE ON old_part_steps FOR EACH ROW EXECUTE FUNCTION refuse_record_change();
CREATE TRIGGER old_part_steps_no_truncate BEFORE TRUNCATE ON old_part_steps FOR EACH STATEMENT EXECUTE FUNCTION refuse_record_change();
CREATE TRIGGER statement_steps_append_only BEFORE UPDATE OR DELETE ON statement_steps FOR EACH ROW EXECUTE FUNCTION refuse_record_change();
CREATE TRIGGER statement_steps_no_truncate BEFORE TRUNCATE ON statement_steps FOR EACH STATEMENT EXECUTE FUNCTION refuse_record_change();

DO $$
BEGIN
  REVOKE UPDATE, DELETE, TRUNCATE ON old_parts, old_part_steps, statement_steps FROM warranty_app;
END;
$$;
