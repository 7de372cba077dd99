-- A claim submission writes its own review-queue head (claim_heads, 042) in the statement that stores
-- the claim and its first decision (ClaimStore.insertClaimWithDecision): it knows every column, and
-- the refresh by trigger was still half of that statement's time in PostgreSQL. The row triggers on
-- claims and decisions become statement triggers over the rows the statement added, refreshing only
-- the claim numbers whose head does not name those rows yet, so every other writer (corrections,
-- reviews, imports, tests) is kept right as before and the submission's head is not written twice.
-- SECURITY DEFINER goes: the service's role may write claim_heads (042 grants it), and the functions
-- now run with the caller's search_path instead of switching it on every call.

-- The codes of the reasons of the pended jobs of a decision's outcome: one definition for the refresh and the submission.
CREATE FUNCTION claim_heads_reason_codes(outcome JSONB) RETURNS TEXT[] AS $$
  SELECT ARRAY(SELECT DISTINCT r ->> 'code' FROM jsonb_array_elements(outcome -> 'jobs') j, jsonb_array_elements(j -> 'reasons') r
                WHERE j ->> 'status' = 'pended')
$$ LANGUAGE sql IMMUTABLE;

CREATE OR REPLACE FUNCTION claim_heads_refresh(p_station TEXT, p_number TEXT) RETURNS void AS $$
DECLARE
  c RECORD;
  d RECORD;
  a RECORD;
BEGIN
  -- One writer of a claim number at a time; each statement below then sees what the writer before committed.
  PERFORM pg_advisory_xact_lock(hashtextextended('claim_heads:' || p_station || '/' || p_number, 0));

  SELECT cl.id, cl.revision, cl.unit_id, u.product_line INTO c
    FROM claims cl LEFT JOIN units u ON u.unit_id = cl.unit_id
   WHERE cl.station_id = p_station AND cl.claim_number = p_number
   ORDER BY cl.revision DESC LIMIT 1;

  SELECT de.id, de.status, de.version, de.decided_at, (de.decision -> 'totals' ->> 'claimedFen')::bigint AS claimed_fen,
         claim_heads_reason_codes(de.outcome) AS reason_codes INTO d
    FROM decisions de JOIN claims cl ON cl.id = de.claim_id
   WHERE cl.station_id = p_station AND cl.claim_number = p_number
   ORDER BY de.version DESC, de.id DESC LIMIT 1;

  SELECT ap.filed_at, ap.reason, ap.filed_by INTO a
    FROM appeals ap WHERE ap.claim_id = c.id AND ap.resolved_at IS NULL
   ORDER BY ap.filed_at, ap.id LIMIT 1;

  INSERT INTO claim_heads AS h (station_id, claim_number, claim_id, revision, unit_id, product_line, decision_id, status, version, decided_at,
                                claimed_fen, reason_codes, appeal_filed_at, appeal_reason, appeal_filed_by, waiting_since, in_queue)
  VALUES (p_station, p_number, c.id, c.revision, c.unit_id, c.product_line, d.id, d.status, d.version, d.decided_at,
          d.claimed_fen, COALESCE(d.reason_codes, '{}'), a.filed_at, a.reason, a.filed_by, COALESCE(a.filed_at, d.decided_at),
          d.id IS NOT NULL AND (d.status = 'pended' OR a.filed_at IS NOT NULL))
  ON CONFLICT (station_id, claim_number) DO UPDATE SET
    claim_id = EXCLUDED.claim_id, revision = EXCLUDED.revision, unit_id = EXCLUDED.unit_id, product_line = EXCLUDED.product_line,
    decision_id = EXCLUDED.decision_id, status = EXCLUDED.status, version = EXCLUDED.version, decided_at = EXCLUDED.decided_at,
    claimed_fen = EXCLUDED.claimed_fen, reason_codes = EXCLUDED.reason_codes,
    appeal_filed_at = EXCLUDED.appeal_filed_at, appeal_reason = EXCLUDED.appeal_reason, appeal_filed_by = EXCLUDED.appeal_filed_by,
    waiting_since = EXCLUDED.waiting_since, in_queue = EXCLUDED.in_queue;
END;
$$ LANGUAGE plpgsql;

-- Appeals keep their row trigger (042): filed and answered one at a time, off the submission path.
CREATE OR REPLACE FUNCTION claim_heads_on_claim_row() RETURNS trigger AS $$
DECLARE
  k RECORD;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    SELECT station_id, claim_number INTO k FROM claims WHERE id = OLD.claim_id;
    IF FOUND THEN PERFORM claim_heads_refresh(k.station_id, k.claim_number); END IF;
  END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.claim_id IS DISTINCT FROM OLD.claim_id) THEN
    SELECT station_id, claim_number INTO k FROM claims WHERE id = NEW.claim_id;
    IF FOUND THEN PERFORM claim_heads_refresh(k.station_id, k.claim_number); END IF;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER claims_claim_heads ON claims;
DROP TRIGGER decisions_claim_heads ON decisions;
DROP FUNCTION claim_heads_on_claim();

-- A head that names the added claim row was written by the statement itself (a submission).
CREATE FUNCTION claim_heads_on_claims() RETURNS trigger AS $$
BEGIN
  PERFORM claim_heads_refresh(k.station_id, k.claim_number)
     FROM (SELECT DISTINCT a.station_id, a.claim_number FROM added a
            WHERE NOT EXISTS (SELECT 1 FROM claim_heads h WHERE h.station_id = a.station_id AND h.claim_number = a.claim_number AND h.claim_id = a.id)
            ORDER BY 1, 2) k;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- Likewise a head that names the added decision.
CREATE FUNCTION claim_heads_on_decisions() RETURNS trigger AS $$
BEGIN
  PERFORM claim_heads_refresh(k.station_id, k.claim_number)
     FROM (SELECT DISTINCT c.station_id, c.claim_number FROM added a JOIN claims c ON c.id = a.claim_id
            WHERE NOT EXISTS (SELECT 1 FROM claim_heads h WHERE h.station_id = c.station_id AND h.claim_number = c.claim_number AND h.decision_id = a.id)
            ORDER BY 1, 2) k;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER claims_claim_heads AFTER INSERT ON claims REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION claim_heads_on_claims();
CREATE TRIGGER decisions_claim_heads AFTER INSERT ON decisions REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION claim_heads_on_decisions();

-- Indexes no query needs, each one more write per stored claim: (unit_id, repair_date) is served by
-- claims_unit_repair_failure_idx (unit_id, repair_date, failure_date), claim_number equality by
-- claims_number_prefix_idx (041; text_pattern_ops answers = as well), and no query picks decisions
-- by status (the queue reads claim_heads; the rest read a claim's latest decision).
DROP INDEX claims_unit_idx;
DROP INDEX claims_number_idx;
DROP INDEX decisions_status_idx;
