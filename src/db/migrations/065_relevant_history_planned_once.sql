-- A claim's relevant history (ClaimStore.relevantHistory) is read on every submission and was planned
-- on every one: PostgreSQL kept choosing a plan for the parameters given (its estimate for the generic
-- plan, which cannot see how short the arrays are, stays above the custom plans'), and planning this
-- query cost it 0.8–1.5 ms, four to ten times running it. Here it is planned once per connection and
-- reused (plpgsql caches its plans; plan_cache_mode keeps the generic one). Every part is an index
-- range with a limit whatever the parameters, so one plan serves them all.
CREATE FUNCTION claim_relevant_history(p_unit TEXT, p_failure_date DATE, p_repair_date DATE, p_components TEXT[], p_claim_number TEXT,
                                       p_repeats INTEGER, p_preauthorisations TEXT[], p_campaigns TEXT[])
RETURNS TABLE (station_id TEXT, claim_number TEXT, failure_date DATE, repair_date DATE, odometer_km INTEGER, summary JSONB) AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH candidates AS (
       (SELECT c.id FROM claims c
         WHERE c.unit_id = p_unit AND c.repair_date >= p_failure_date AND c.failure_date <= p_repair_date)
       UNION
       (SELECT x.id FROM unnest(p_components) AS wanted(component) CROSS JOIN LATERAL (
          SELECT cc.claim_id AS id
            FROM claim_components cc
            JOIN claims c ON c.id = cc.claim_id
            JOIN LATERAL (SELECT summary FROM decisions WHERE claim_id = cc.claim_id ORDER BY version DESC LIMIT 1) d ON true
           WHERE cc.unit_id = p_unit AND cc.component = wanted.component AND cc.repair_date <= p_failure_date AND c.claim_number <> p_claim_number
             AND d.summary @> jsonb_build_array(jsonb_build_object('component', wanted.component, 'covered', true))
             -- NOT EXISTS, not "revision = (SELECT max …)": with that subplan in its filter PostgreSQL's
             -- planner scanned every claim once per component row (101 ms on 5,000 claims, 1.8 ms now).
             AND NOT EXISTS (SELECT 1 FROM claims c2 WHERE c2.station_id = c.station_id AND c2.claim_number = c.claim_number AND c2.revision > c.revision)
           ORDER BY cc.repair_date DESC, cc.claim_id DESC
           LIMIT p_repeats) x)
       UNION
       -- Walks claims_unit_odometer_idx from the top, stopping at the first latest revision. Written so
       -- that a planner without statistics (the embedded database never analyses) keeps to that index:
       -- "+ 0" hides repair_date from the date index, NOT EXISTS avoids a per-row subplan in the cost.
       (SELECT c.id FROM claims c
         WHERE c.unit_id = p_unit AND c.odometer_km IS NOT NULL AND c.repair_date + 0 <= p_repair_date AND c.claim_number <> p_claim_number
           AND NOT EXISTS (SELECT 1 FROM claims c2 WHERE c2.station_id = c.station_id AND c2.claim_number = c.claim_number AND c2.revision > c.revision)
         ORDER BY c.unit_id, c.odometer_km DESC
         LIMIT 1)
       UNION
       (SELECT cc.claim_id FROM claim_components cc WHERE cc.unit_id = p_unit AND cc.pa_number = ANY(p_preauthorisations))
       UNION
       -- Per campaign the claim names: the latest other claim whose latest decision covered a job under it.
       (SELECT x.id FROM unnest(p_campaigns) AS wanted(code) CROSS JOIN LATERAL (
          SELECT k.claim_id AS id
            FROM claim_campaigns k
            JOIN claims c ON c.id = k.claim_id
            JOIN LATERAL (SELECT summary FROM decisions WHERE claim_id = k.claim_id ORDER BY version DESC LIMIT 1) d ON true
           WHERE k.unit_id = p_unit AND k.campaign_code = wanted.code AND c.claim_number <> p_claim_number
             AND d.summary @> jsonb_build_array(jsonb_build_object('campaignCode', wanted.code, 'covered', true))
             AND NOT EXISTS (SELECT 1 FROM claims c2 WHERE c2.station_id = c.station_id AND c2.claim_number = c.claim_number AND c2.revision > c.revision)
           ORDER BY k.claim_id DESC
           LIMIT 1) x)
     )
     SELECT c.station_id, c.claim_number, c.failure_date, c.repair_date, c.odometer_km, d.summary
       FROM claims c
       JOIN LATERAL (SELECT summary FROM decisions WHERE claim_id = c.id ORDER BY version DESC LIMIT 1) d ON true
      WHERE c.id IN (SELECT id FROM candidates)
        AND c.revision = (SELECT max(revision) FROM claims c2 WHERE c2.station_id = c.station_id AND c2.claim_number = c.claim_number)
      ORDER BY c.repair_date, c.id;
END;
$$ LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan;
