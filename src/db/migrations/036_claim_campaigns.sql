-- The campaigns a claim revision's jobs name: lets a new campaign claim find, with one index probe,
-- the unit's earlier claim under the same campaign (a campaign operation is done once per unit:
-- WA-CAMPAIGN-DONE), instead of reading the unit's whole history.
CREATE TABLE claim_campaigns (
  claim_id      BIGINT NOT NULL REFERENCES claims (id),
  unit_id       TEXT NOT NULL,
  campaign_code TEXT NOT NULL
);
CREATE INDEX claim_campaigns_unit_code_idx ON claim_campaigns (unit_id, campaign_code, claim_id DESC);

INSERT INTO claim_campaigns (claim_id, unit_id, campaign_code)
SELECT DISTINCT c.id, c.unit_id, j ->> 'campaignCode'
  FROM claims c, jsonb_array_elements(c.body_text::jsonb -> 'jobs') j
 WHERE c.unit_id IS NOT NULL AND jsonb_typeof(c.body_text::jsonb -> 'jobs') = 'array' AND j ->> 'campaignCode' IS NOT NULL;

CREATE TRIGGER claim_campaigns_append_only BEFORE UPDATE OR DELETE ON claim_campaigns FOR EACH ROW EXECUTE FUNCTION refuse_record_change();
CREATE TRIGGER claim_campaigns_no_truncate BEFORE TRUNCATE ON claim_campaigns FOR EACH STATEMENT EXECUTE FUNCTION refuse_record_change();

DO $$
BEGIN
  REVOKE UPDATE, DELETE, TRUNCATE ON claim_campaigns FROM warranty_app;
END;
$$;
