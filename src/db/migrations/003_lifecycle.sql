-- Appeals: a station asks an auditor to look at a decided claim again; open until a review answers it.
CREATE TABLE appeals (
  id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  claim_id     BIGINT NOT NULL REFERENCES claims (id),
  reason       TEXT NOT NULL,
  filed_by     TEXT NOT NULL,
  filed_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  resolved_version INTEGER,
  resolved_at  TIMESTAMPTZ
);
CREATE INDEX appeals_open_idx ON appeals (claim_id) WHERE resolved_at IS NULL;

-- Pre-authorisations issued by auditors for expensive repairs.
CREATE TABLE preauthorisations (
  number       TEXT PRIMARY KEY,
  unit_id      TEXT NOT NULL REFERENCES units (unit_id),
  component    TEXT NOT NULL,
  limit_fen    BIGINT NOT NULL CHECK (limit_fen > 0),
  valid_from   DATE NOT NULL,
  valid_to     DATE NOT NULL,
  issued_by    TEXT NOT NULL,
  issued_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK (valid_from <= valid_to)
);
CREATE INDEX preauthorisations_unit_idx ON preauthorisations (unit_id);

CREATE INDEX decisions_decided_idx ON decisions (decided_at);
