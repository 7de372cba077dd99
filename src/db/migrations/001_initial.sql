-- Units: the vehicle registry.
CREATE TABLE units (
  unit_id              TEXT PRIMARY KEY,
  product_line         TEXT NOT NULL,
  model                TEXT NOT NULL,
  vin                  TEXT UNIQUE,
  upfit_serial         TEXT,
  frame_serial         TEXT UNIQUE,
  warranty_card_number TEXT,
  sale_date            DATE NOT NULL,
  region               TEXT NOT NULL,
  dealer_id            TEXT,
  chassis_maker        TEXT,
  created_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Claims: every submitted body kept verbatim; a correction is a new revision, never an update.
CREATE TABLE claims (
  id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  station_id     TEXT NOT NULL,
  claim_number   TEXT NOT NULL,
  revision       INTEGER NOT NULL DEFAULT 1,
  unit_id        TEXT REFERENCES units (unit_id),
  body_text      TEXT NOT NULL,
  body_hash      TEXT NOT NULL,
  failure_date   DATE NOT NULL,
  repair_date    DATE NOT NULL,
  received_date  DATE NOT NULL,
  odometer_km    INTEGER,
  submitted_by   TEXT NOT NULL,
  submitted_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (station_id, claim_number, revision)
);
CREATE INDEX claims_unit_idx ON claims (unit_id, repair_date);
CREATE INDEX claims_number_idx ON claims (claim_number);
CREATE INDEX claims_repair_idx ON claims (repair_date);

-- Decisions: append-only versions; the trigger below refuses UPDATE and DELETE.
CREATE TABLE decisions (
  id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  claim_id          BIGINT NOT NULL REFERENCES claims (id),
  version           INTEGER NOT NULL,
  status            TEXT NOT NULL,
  approved_fen      BIGINT NOT NULL,
  rule_set_id       TEXT,
  rule_set_version  TEXT,
  rule_set_hash     TEXT,
  decision          JSONB NOT NULL,
  summary           JSONB NOT NULL,
  decided_by        TEXT NOT NULL,
  decided_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  note              TEXT,
  UNIQUE (claim_id, version)
);
CREATE INDEX decisions_status_idx ON decisions (status);

CREATE FUNCTION refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'decisions are append-only: add a new version instead of changing one';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER decisions_append_only BEFORE UPDATE OR DELETE ON decisions
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- API keys: stored as SHA-256 of the key; the key itself is shown once.
CREATE TABLE api_keys (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  key_hash    TEXT NOT NULL UNIQUE,
  key_prefix  TEXT NOT NULL,
  role        TEXT NOT NULL CHECK (role IN ('admin', 'auditor', 'dealer', 'policy-owner')),
  station_id  TEXT,
  label       TEXT,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  revoked_at  TIMESTAMPTZ
);
