-- Campaigns (recalls and service actions, issue 14 item 5). A campaign's definition is versioned:
-- an edit appends the next version; opening and closing are appended steps. Nothing is changed.
-- Units may carry their production date, which a campaign's affected-unit range may name.
ALTER TABLE units ADD COLUMN production_date DATE;

CREATE TABLE campaign_versions (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code        TEXT NOT NULL,
  version     INTEGER NOT NULL,
  kind        TEXT NOT NULL,
  product_line TEXT NOT NULL,
  definition  JSONB NOT NULL,
  note        TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL,
  UNIQUE (code, version)
);

CREATE TABLE campaign_steps (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code        TEXT NOT NULL,
  seq         INTEGER NOT NULL,
  step        TEXT NOT NULL CHECK (step IN ('opened', 'closed')),
  effective_on DATE NOT NULL,
  note        TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TIMESTAMPTZ NOT NULL,
  UNIQUE (code, seq)
);

CREATE TRIGGER campaign_versions_append_only BEFORE UPDATE OR DELETE ON campaign_versions FOR EACH ROW EXECUTE FUNCTION refuse_record_change();
CREATE TRIGGER campaign_versions_no_truncate BEFORE TRUNCATE ON campaign_versions FOR EACH STATEMENT EXECUTE FUNCTION refuse_record_change();
CREATE TRIGGER campaign_steps_append_only BEFORE UPDATE OR DELETE ON campaign_steps FOR EACH ROW EXECUTE FUNCTION refuse_record_change();
CREATE TRIGGER campaign_steps_no_truncate BEFORE TRUNCATE ON campaign_steps FOR EACH STATEMENT EXECUTE FUNCTION refuse_record_change();

DO $$
BEGIN
  REVOKE UPDATE, DELETE, TRUNCATE ON campaign_versions, campaign_steps FROM warranty_app;
END;
$$;
