-- Goodwill granted by an auditor on an out-of-term or excluded line, booked apart from warranty.
CREATE TABLE goodwill_grants (
  id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  station_id        TEXT NOT NULL,
  claim_number      TEXT NOT NULL,
  line_id           TEXT NOT NULL,
  decision_version  INTEGER NOT NULL,
  base_fen          BIGINT NOT NULL,
  manufacturer_fen  BIGINT NOT NULL,
  supplier_fen      BIGINT NOT NULL,
  supplier_id       TEXT,
  customer_fen      BIGINT NOT NULL,
  months_past       INTEGER NOT NULL,
  km_past           INTEGER NOT NULL,
  granted_on        DATE NOT NULL,
  note              TEXT NOT NULL,
  granted_by        TEXT NOT NULL,
  granted_at        TIMESTAMPTZ NOT NULL,
  UNIQUE (station_id, claim_number, line_id)
);
CREATE INDEX goodwill_grants_on_idx ON goodwill_grants (granted_on);

CREATE TRIGGER goodwill_grants_append_only BEFORE UPDATE OR DELETE ON goodwill_grants FOR EACH ROW EXECUTE FUNCTION refuse_record_change();
CREATE TRIGGER goodwill_grants_no_truncate BEFORE TRUNCATE ON goodwill_grants FOR EACH STATEMENT EXECUTE FUNCTION refuse_record_change();

DO $$
BEGIN
  REVOKE UPDATE, DELETE, TRUNCATE ON goodwill_grants FROM warranty_app;
END;
$$;
