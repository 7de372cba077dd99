-- The auditors' review queue read from a projection: one row per claim number with what the queue
-- shows and filters on (latest revision, latest decision, its pended reason codes and claimed
-- amount, the open appeal). Recomputing that from claims, decisions and appeals on every request
-- cost seconds with 10,000 pended claims. Triggers keep it right on every write path (submission,
-- correction, review, appeal), so no TypeScript writes it. It is a derived index, not a record:
-- rows are upserted, and it does not get the append-only trigger of 022.
CREATE TABLE claim_heads (
  station_id      TEXT NOT NULL,
  claim_number    TEXT NOT NULL,
  claim_id        BIGINT,          -- the latest revision's row
  revision        INTEGER,
  unit_id         TEXT,
  product_line    TEXT,            -- units.product_line of that revision's unit (the queue's filter)
  decision_id     BIGINT,          -- the latest decision over every revision of the number
  status          TEXT,
  version         INTEGER,
  decided_at      TIMESTAMPTZ,
  claimed_fen     BIGINT,          -- decision -> 'totals' ->> 'claimedFen'
  reason_codes    TEXT[] NOT NULL DEFAULT '{}', -- codes of the reasons of the pended jobs (outcome)
  appeal_filed_at TIMESTAMPTZ,     -- the open appeal of the latest revision
  appeal_reason   TEXT,
  appeal_filed_by TEXT,
  waiting_since   TIMESTAMPTZ,     -- COALESCE(appeal_filed_at, decided_at)
  in_queue        BOOLEAN NOT NULL DEFAULT false, -- decided, and pended or appealed
  PRIMARY KEY (station_id, claim_number)
);

CREATE INDEX claim_heads_queue_idx ON claim_heads (waiting_since, claim_id) WHERE in_queue;
CREATE INDEX claim_heads_queue_station_idx ON claim_heads (station_id, waiting_since, claim_id) WHERE in_queue;
CREATE INDEX claim_heads_queue_product_line_idx ON claim_heads (product_line, waiting_since, claim_id) WHERE in_queue;
CREATE INDEX claim_heads_queue_reasons_idx ON claim_heads USING GIN (reason_codes) WHERE in_queue;

-- Recomputes one claim number's row from the records. The row is locked first, so two transactions
-- writing the same claim number refresh it one after the other, the second seeing the first's rows.
CREATE FUNCTION claim_heads_refresh(p_station TEXT, p_number TEXT) RETURNS void AS $$
DECLARE
  c RECORD;
  d RECORD;
  a RECORD;
BEGIN
  INSERT INTO claim_heads (station_id, claim_number) VALUES (p_station, p_number) ON CONFLICT DO NOTHING;
  PERFORM 1 FROM claim_heads WHERE station_id = p_station AND claim_number = p_number FOR UPDATE;

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

  UPDATE claim_heads SET
    claim_id = c.id, revision = c.revision, unit_id = c.unit_id, product_line = c.product_line,
    decision_id = d.id, status = d.status, version = d.version, decided_at = d.decided_at,
    claimed_fen = d.claimed_fen, reason_codes = COALESCE(d.reason_codes, '{}'),
    appeal_filed_at = a.filed_at, appeal_reason = a.reason, appeal_filed_by = a.filed_by,
    waiting_since = COALESCE(a.filed_at, d.decided_at),
    in_queue = d.id IS NOT NULL AND (d.status = 'pended' OR a.filed_at IS NOT NULL)
   WHERE station_id = p_station AND claim_number = p_number;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT;

CREATE FUNCTION claim_heads_on_claim() RETURNS trigger AS $$
BEGIN
  PERFORM claim_heads_refresh(NEW.station_id, NEW.claim_number);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT;

-- Decisions and appeals name a claim row; its number is the one to refresh.
CREATE FUNCTION claim_heads_on_claim_row() RETURNS trigger AS $$
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
$$ LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT;

CREATE TRIGGER claims_claim_heads AFTER INSERT ON claims
  FOR EACH ROW EXECUTE FUNCTION claim_heads_on_claim();
CREATE TRIGGER decisions_claim_heads AFTER INSERT ON decisions
  FOR EACH ROW EXECUTE FUNCTION claim_heads_on_claim_row();
CREATE TRIGGER appeals_claim_heads AFTER INSERT OR UPDATE OR DELETE ON appeals
  FOR EACH ROW EXECUTE FUNCTION claim_heads_on_claim_row();

-- The rows of what is stored already.
SELECT claim_heads_refresh(station_id, claim_number) FROM (SELECT DISTINCT station_id, claim_number FROM claims) k;

-- The service reads the queue from it; the triggers (SECURITY DEFINER, as the owner) write it.
DO $$
BEGIN
  REVOKE ALL ON claim_heads FROM warranty_app;
  GRANT SELECT, INSERT, UPDATE ON claim_heads TO warranty_app;
END;
$$;
