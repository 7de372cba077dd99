-- The review queue's projection (042) cost a claim submission two thirds of its time in PostgreSQL:
-- a submission stores the claim and its first decision in one statement, and the head was refreshed
-- twice, once by each table's trigger, each time inserting the row, locking it and updating it again.
-- Now a claim stored with its decision leaves the refresh to the decision's trigger (AFTER triggers
-- fire when the whole statement is done, so the claims trigger sees the decision row), and a refresh
-- writes the row once: writers of one claim number are serialised by a transaction advisory lock on
-- the number, then the head is read from what is committed and upserted. Same rows as before.

CREATE OR REPLACE FUNCTION claim_heads_refresh(p_station TEXT, p_number TEXT) RETURNS void AS $$
DECLARE
  c RECORD;
  d RECORD;
  a RECORD;
BEGIN
  -- One writer of a claim number at a time (the row lock of 042 did this); each statement below then
  -- sees what the writer before committed (READ COMMITTED takes a snapshot per statement).
  PERFORM pg_advisory_xact_lock(hashtextextended('claim_heads:' || p_station || '/' || p_number, 0));

  SELECT cl.id, cl.revision, cl.unit_id, u.product_line INTO c
    FROM claims cl LEFT JOIN units u ON u.unit_id = cl.unit_id
   WHERE cl.station_id = p_station AND cl.claim_number = p_number
   ORDER BY cl.revision DESC LIMIT 1;

  SELECT de.id, de.status, de.version, de.decided_at, (de.decision -> 'totals' ->> 'claimedFen')::bigint AS claimed_fen,
         ARRAY(SELECT DISTINCT r ->> 'code' FROM jsonb_array_elements(de.outcome -> 'jobs') j, jsonb_array_elements(j -> 'reasons') r
                WHERE j ->> 'status' = 'pended') AS reason_codes INTO d
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
$$ LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT;

CREATE OR REPLACE FUNCTION claim_heads_on_claim() RETURNS trigger AS $$
BEGIN
  -- Stored in the same statement as its decision: that decision's trigger refreshes the head.
  IF EXISTS (SELECT 1 FROM decisions WHERE claim_id = NEW.id) THEN
    RETURN NULL;
  END IF;
  PERFORM claim_heads_refresh(NEW.station_id, NEW.claim_number);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT;
