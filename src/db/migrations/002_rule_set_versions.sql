-- Every rule set and policy version the service has loaded, by content hash, so a decision's
-- ruleSet.hash always resolves to the exact files that decided it, even after a reload.
CREATE TABLE rule_set_versions (
  hash          TEXT PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('rule-set', 'policy')),
  id            TEXT NOT NULL,
  version       TEXT NOT NULL,
  product_line  TEXT NOT NULL,
  effective_from DATE NOT NULL,
  effective_to   DATE,
  content       JSONB NOT NULL,
  first_loaded_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX rule_set_versions_id_idx ON rule_set_versions (id, version);
