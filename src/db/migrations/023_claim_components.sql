-- What a claim revision repaired, per job: lets a new claim read only the earlier claims of its unit
-- that can change its decision (same component for comeback and repeat repairs, the same
-- pre-authorisation), instead of the unit's whole history.
CREATE TABLE claim_components (
  claim_id     BIGINT NOT NULL REFERENCES claims (id),
  unit_id      TEXT NOT NULL,
  component    TEXT NOT NULL,
  pa_number    TEXT,
  repair_date  DATE NOT NULL
);
CREATE INDEX claim_components_unit_component_idx ON claim_components (unit_id, component, repair_date DESC);
CREATE INDEX claim_components_unit_pa_idx ON claim_components (unit_id, pa_number) WHERE pa_number IS NOT NULL;
-- Duplicate claims (DC) overlap the new repair; the highest earlier odometer reading (MRA) is one row.
CREATE INDEX claims_unit_repair_failure_idx ON claims (unit_id, repair_date, failure_date);
CREATE INDEX claims_unit_odometer_idx ON claims (unit_id, odometer_km DESC) WHERE odometer_km IS NOT NULL;

INSERT INTO claim_components (claim_id, unit_id, component, pa_number, repair_date)
SELECT c.id, c.unit_id, j ->> 'component', COALESCE(j ->> 'preAuthorisationNumber', c.body_text::jsonb ->> 'preAuthorisationNumber'), c.repair_date
  FROM claims c, jsonb_array_elements(c.body_text::jsonb -> 'jobs') j
 WHERE c.unit_id IS NOT NULL AND jsonb_typeof(c.body_text::jsonb -> 'jobs') = 'array' AND j ->> 'component' IS NOT NULL;

DO $$
BEGIN
  REVOKE UPDATE, DELETE, TRUNCATE ON claim_components FROM warranty_app;
END;
$$;

CREATE TRIGGER claim_components_append_only BEFORE UPDATE OR DELETE ON claim_components
  FOR EACH ROW EXECUTE FUNCTION refuse_record_change();
