-- Whole-unit exchange, refund and repair of a sold e-bike (004 §9, issue 14 item 4): the request as
-- filed, then every step (inspection scheduled, joint inspection, approval or refusal) appended; the
-- status is the latest step's, never an update.
CREATE TABLE return_requests (
  id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  station_id        TEXT NOT NULL,
  repairer_id       TEXT NOT NULL,
  unit_id           TEXT NOT NULL,
  product_line      TEXT NOT NULL,
  sale_date         DATE NOT NULL,
  kind              TEXT NOT NULL,
  reason            TEXT NOT NULL,
  requested_date    DATE NOT NULL,
  invoice_number    TEXT,
  invoice_date      DATE,
  invoice_fen       BIGINT,
  accessories       JSONB NOT NULL,
  note              TEXT NOT NULL,
  created_by        TEXT NOT NULL,
  created_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX return_requests_station_idx ON return_requests (station_id, id);
CREATE INDEX return_requests_unit_idx ON return_requests (unit_id, id);

CREATE TABLE return_steps (
  id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  return_id         BIGINT NOT NULL REFERENCES return_requests (id),
  step              TEXT NOT NULL,
  status            TEXT NOT NULL,
  on_date           DATE NOT NULL,
  details           JSONB NOT NULL,
  note              TEXT NOT NULL,
  recorded_by       TEXT NOT NULL,
  recorded_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX return_steps_return_idx ON return_steps (return_id, id);
CREATE INDEX return_steps_decided_idx ON return_steps (on_date) WHERE step IN ('approved', 'refused');

CREATE TRIGGER return_requests_append_only BEFORE UPDATE OR DELETE ON return_requests FOR EACH ROW EXECUTE FUNCTION refuse_record_change();
CREATE TRIGGER return_requests_no_truncate BEFORE TRUNCATE ON return_requests FOR EACH STATEMENT EXECUTE FUNCTION refuse_record_change();
CREATE TRIGGER return_steps_append_only BEFORE UPDATE OR DELETE ON return_steps FOR EACH ROW EXECUTE FUNCTION refuse_record_change();
CREATE TRIGGER return_steps_no_truncate BEFORE TRUNCATE ON return_steps FOR EACH STATEMENT EXECUTE FUNCTION refuse_record_change();

DO $$
BEGIN
  REVOKE UPDATE, DELETE, TRUNCATE ON return_requests, return_steps FROM warranty_app;
END;
$$;
