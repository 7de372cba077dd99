import type { Queryable } from '../db/db.js';
import { outcomeOf } from '../backtest/outcome.js';
import type { Decision } from '../adjudication/decision.js';
import type { HistoryEntry } from '../adjudication/history.js';
import { StoredTraces, type StoredDecisionJson } from './stored-trace.js';
import { GroupCommit } from '../db/group-commit.js';
import type { NewAuditEntry } from '../audit/audit-store.js';

export interface StoredClaim {
  id: number;
  stationId: string;
  claimNumber: string;
  revision: number;
  unitId: string | null;
  bodyText: string;
  bodyHash: string;
  receivedDate: string;
  submittedBy: string;
  submittedAt: string;
}

export interface StoredDecision {
  version: number;
  status: string;
  decidedBy: string;
  decidedAt: string;
  note: string | null;
  decision: Decision;
}

/** A claim revision to store: what is stored, less what the database assigns, plus the columns queries filter on. */
export type NewClaim = Omit<StoredClaim, 'id' | 'submittedAt'> & { failureDate: string; repairDate: string; odometerKm: number | null };

export interface ClaimListFilter {
  stationId?: string | undefined;
  status?: string | undefined;
  unitId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** A prefix of the claim number. */
  claimNumber?: string | undefined;
  vin?: string | undefined;
  frameSerial?: string | undefined;
  after?: number | undefined;
  limit: number;
}

/** A LIKE pattern matching what starts with `prefix` (its % and _ taken literally). */
const startsWith = (prefix: string) => prefix.replace(/[\\%_]/g, (c) => `\\${c}`) + '%';

const CLAIM_COLUMNS = 'id, station_id, claim_number, revision, unit_id, body_text, body_hash, received_date, submitted_by, submitted_at';

interface ClaimRow {
  id: number;
  station_id: string;
  claim_number: string;
  revision: number;
  unit_id: string | null;
  body_text: string;
  body_hash: string;
  received_date: string;
  submitted_by: string;
  submitted_at: Date | string;
}

function mapClaim(row: ClaimRow): StoredClaim {
  return {
    id: Number(row.id),
    stationId: row.station_id,
    claimNumber: row.claim_number,
    revision: row.revision,
    unitId: row.unit_id,
    bodyText: row.body_text,
    bodyHash: row.body_hash,
    receivedDate: row.received_date,
    submittedBy: row.submitted_by,
    submittedAt: new Date(row.submitted_at).toISOString(),
  };
}

interface DecisionRow {
  version: number;
  status: string;
  decided_by: string;
  decided_at: Date | string;
  note: string | null;
  decision: Decision | string;
}

function mapDecision(row: DecisionRow): StoredDecision {
  return {
    version: row.version,
    status: row.status,
    decidedBy: row.decided_by,
    decidedAt: new Date(row.decided_at).toISOString(),
    note: row.note,
    decision: typeof row.decision === 'string' ? (JSON.parse(row.decision) as Decision) : row.decision,
  };
}

/** What later claims of the same unit need to know of this decision (comeback, repeats, duplicates, campaigns done). */
export function summaryOf(decision: Decision): HistoryEntry['jobs'] {
  return decision.jobs.map((j) => ({
    jobId: j.jobId,
    component: j.component,
    partNumbers: j.lines.filter((l) => l.kind === 'part' && l.partNumber).map((l) => l.partNumber as string),
    covered: j.covered,
    ...(j.preAuthorisationNumber ? { preAuthorisationNumber: j.preAuthorisationNumber } : {}),
    ...(j.campaign ? { campaignCode: j.campaign.code } : {}),
  }));
}

interface HistoryRow {
  station_id: string;
  claim_number: string;
  failure_date: string;
  repair_date: string;
  odometer_km: number | null;
  summary: HistoryEntry['jobs'] | string;
}

function mapHistory(r: HistoryRow): HistoryEntry {
  return {
    claimNumber: r.claim_number,
    stationId: r.station_id,
    failureDate: r.failure_date,
    repairDate: r.repair_date,
    odometerKm: r.odometer_km,
    jobs: typeof r.summary === 'string' ? (JSON.parse(r.summary) as HistoryEntry['jobs']) : r.summary,
  };
}

/** A decision version as the decisions table stores it (its JSON is written once, trace compact, by the store). */
export interface NewDecisionRow {
  decision: Decision;
  decidedBy: string;
  note: string | null;
  decidedAt: Date;
}

export function decisionRow(decision: Decision, decidedBy: string, note: string | null, decidedAt: Date): NewDecisionRow {
  return { decision, decidedBy, note, decidedAt };
}

function decisionParams(row: NewDecisionRow, decisionText: string): unknown[] {
  const { decision } = row;
  return [
    decision.decisionVersion, decision.status, decision.totals.approvedFen, decision.ruleSet?.id ?? null, decision.ruleSet?.version ?? null, decision.ruleSet?.hash ?? null,
    decisionText, JSON.stringify(summaryOf(decision)), JSON.stringify(outcomeOf(decision)), row.decidedBy, row.note, row.decidedAt.toISOString(),
  ];
}

/** A submission waiting for its batch: the claim revision and its decision's columns, the JSON ones as values (written out once, with the batch). */
interface Submission {
  claim: NewClaim;
  /** The audit log entry of the request that files the claim, stored with it. */
  audit: NewAuditEntry | null;
  decision: {
    version: number; status: string; approved_fen: number; rule_set_id: string | null; rule_set_version: string | null; rule_set_hash: string | null;
    decision: StoredDecisionJson; summary: HistoryEntry['jobs']; outcome: ReturnType<typeof outcomeOf>; decided_by: string; note: string | null; decided_at: string;
  };
}

/** Submissions written in one statement at most. */
const MAX_BATCH = 64;

/** What `claim_relevant_history` (migration 065) is asked for one claim. */
interface HistoryQuery {
  unitId: string;
  failureDate: string;
  repairDate: string;
  components: string[];
  claimNumber: string;
  repeats: number | null;
  preAuthorisations: string[];
  campaigns: string[];
}

export class ClaimStore {
  private readonly traces: StoredTraces;
  private readonly submissions = new GroupCommit<Submission, number | null>((items) => this.insertBatch(items), {
    maxBatch: MAX_BATCH,
    key: ({ claim }) => `${claim.stationId}\u0000${claim.claimNumber}\u0000${claim.revision}`,
  });
  /** History reads through the pool that arrive together go in one statement, as submissions do. */
  private readonly historyReads = new GroupCommit<HistoryQuery, HistoryEntry[]>((queries) => this.readHistories(queries, this.db), { maxBatch: MAX_BATCH });

  constructor(private readonly db: Queryable) {
    this.traces = new StoredTraces(db);
  }

  /** The row's parameters with the decision's JSON as stored: its trace compact (see StoredTraces), serialised once. */
  private async stored(row: NewDecisionRow, db: Queryable): Promise<unknown[]> {
    return decisionParams(row, JSON.stringify(await this.traces.forStorage(row.decision, db)));
  }

  /** A first decision's columns for the batched insert. */
  private async submitted(row: NewDecisionRow): Promise<Submission['decision']> {
    const { decision } = row;
    return {
      version: decision.decisionVersion, status: decision.status, approved_fen: decision.totals.approvedFen,
      rule_set_id: decision.ruleSet?.id ?? null, rule_set_version: decision.ruleSet?.version ?? null, rule_set_hash: decision.ruleSet?.hash ?? null,
      decision: await this.traces.forStorage(decision, this.db), summary: summaryOf(decision), outcome: outcomeOf(decision),
      decided_by: row.decidedBy, note: row.note, decided_at: row.decidedAt.toISOString(),
    };
  }

  private async readAll<T extends StoredDecision>(decisions: T[], db: Queryable): Promise<T[]> {
    return Promise.all(decisions.map(async (d) => ({ ...d, decision: await this.traces.read(d.decision, db) })));
  }

  /** Inserts a claim revision; null when that (station, number, revision) already exists. */
  async insertClaim(claim: NewClaim, db: Queryable = this.db): Promise<StoredClaim | null> {
    // The revision's components and campaigns go with it (claim_components, claim_campaigns), for the bounded history query.
    const { rows } = await db.query<ClaimRow>(
      `WITH inserted AS (
         INSERT INTO claims (station_id, claim_number, revision, unit_id, body_text, body_hash, failure_date, repair_date, received_date, odometer_km, submitted_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (station_id, claim_number, revision) DO NOTHING
         RETURNING ${CLAIM_COLUMNS}, repair_date
       ), components AS (
         INSERT INTO claim_components (claim_id, unit_id, component, pa_number, repair_date)
         SELECT i.id, i.unit_id, j ->> 'component', COALESCE(j ->> 'preAuthorisationNumber', i.body_text::jsonb ->> 'preAuthorisationNumber'), i.repair_date
           FROM inserted i, jsonb_array_elements(i.body_text::jsonb -> 'jobs') j
          WHERE i.unit_id IS NOT NULL AND j ->> 'component' IS NOT NULL
       ), campaigns AS (
         INSERT INTO claim_campaigns (claim_id, unit_id, campaign_code)
         SELECT DISTINCT i.id, i.unit_id, j ->> 'campaignCode'
           FROM inserted i, jsonb_array_elements(i.body_text::jsonb -> 'jobs') j
          WHERE i.unit_id IS NOT NULL AND j ->> 'campaignCode' IS NOT NULL
       )
       SELECT ${CLAIM_COLUMNS} FROM inserted`,
      [claim.stationId, claim.claimNumber, claim.revision, claim.unitId, claim.bodyText, claim.bodyHash, claim.failureDate, claim.repairDate, claim.receivedDate, claim.odometerKm, claim.submittedBy],
    );
    return rows[0] ? mapClaim(rows[0]) : null;
  }

  /**
   * Stores a new claim and its first decision; the claim's id, or null when that (station, number,
   * revision) exists already and nothing was stored. Submissions that arrive together are written
   * together (GroupCommit: one statement, one commit; one the database refuses fails alone).
   */
  async insertClaimWithDecision(claim: NewClaim, decision: NewDecisionRow, audit?: NewAuditEntry): Promise<number | null> {
    return this.submissions.submit({ claim, audit: audit ?? null, decision: await this.submitted(decision) });
  }

  /**
   * New claims with their first decisions in one statement: each claim revision, its components and
   * campaigns (for the bounded history query), decision version 1 and the claim's head in the review
   * queue (claim_heads, 042), written here because everything in it is in hand: the statement triggers
   * of 064 see it names these rows and leave it. A claim whose (station, number, revision) exists
   * already is skipped, its result null, and so is its audit entry; a stored one's audit entry goes in
   * the same statement, so the claim and the record of who filed it commit together, in one commit.
   * The batch holds each (station, number, revision) once, and
   * goes as one JSON parameter: its decisions' JSON written out once, in it, and no pg array escaping.
   */
  private async insertBatch(items: readonly Submission[]): Promise<Array<number | null>> {
    const input = items.map(({ claim: c, decision, audit: a }, n) => ({
      n: n + 1, station_id: c.stationId, claim_number: c.claimNumber, revision: c.revision, unit_id: c.unitId, body_text: c.bodyText, body_hash: c.bodyHash,
      failure_date: c.failureDate, repair_date: c.repairDate, received_date: c.receivedDate, odometer_km: c.odometerKm, submitted_by: c.submittedBy, ...decision,
      ...(a && { audit_at: a.at.toISOString(), audit_key_id: a.keyId, audit_role: a.role, audit_station_id: a.stationId, audit_request_id: a.requestId, audit_action: a.action, audit_target: a.target, audit_status: a.status }),
    }));
    const { rows } = await this.db.query<{ n: number | string; id: number | string }>(
      `WITH input AS MATERIALIZED (
         SELECT * FROM json_to_recordset($1::json)
           AS t(n int, station_id text, claim_number text, revision int, unit_id text, body_text text, body_hash text, failure_date date, repair_date date, received_date date, odometer_km int, submitted_by text,
                version int, status text, approved_fen bigint, rule_set_id text, rule_set_version text, rule_set_hash text, decision jsonb, summary jsonb, outcome jsonb, decided_by text, note text, decided_at timestamptz,
                audit_at timestamptz, audit_key_id bigint, audit_role text, audit_station_id text, audit_request_id text, audit_action text, audit_target text, audit_status int)
       ), inserted AS (
         INSERT INTO claims (station_id, claim_number, revision, unit_id, body_text, body_hash, failure_date, repair_date, received_date, odometer_km, submitted_by)
         SELECT station_id, claim_number, revision, unit_id, body_text, body_hash, failure_date, repair_date, received_date, odometer_km, submitted_by FROM input ORDER BY n
         ON CONFLICT (station_id, claim_number, revision) DO NOTHING
         RETURNING id, station_id, claim_number, revision
       ), filed AS MATERIALIZED (
         SELECT i.id, t.* FROM inserted i JOIN input t ON t.station_id = i.station_id AND t.claim_number = i.claim_number AND t.revision = i.revision
       ), body AS MATERIALIZED (
         SELECT f.id, f.unit_id, f.repair_date, f.body_text::jsonb AS b FROM filed f WHERE f.unit_id IS NOT NULL
       ), components AS (
         INSERT INTO claim_components (claim_id, unit_id, component, pa_number, repair_date)
         SELECT i.id, i.unit_id, j ->> 'component', COALESCE(j ->> 'preAuthorisationNumber', i.b ->> 'preAuthorisationNumber'), i.repair_date
           FROM body i, jsonb_array_elements(i.b -> 'jobs') j
          WHERE j ->> 'component' IS NOT NULL
       ), campaigns AS (
         INSERT INTO claim_campaigns (claim_id, unit_id, campaign_code)
         SELECT DISTINCT i.id, i.unit_id, j ->> 'campaignCode'
           FROM body i, jsonb_array_elements(i.b -> 'jobs') j
          WHERE j ->> 'campaignCode' IS NOT NULL
       ), decided AS (
         INSERT INTO decisions (claim_id, version, status, approved_fen, rule_set_id, rule_set_version, rule_set_hash, decision, summary, outcome, decided_by, note, decided_at)
         SELECT id, version, status, approved_fen, rule_set_id, rule_set_version, rule_set_hash, decision, summary, outcome, decided_by, note, decided_at FROM filed ORDER BY n
         RETURNING id, claim_id, version, status, decided_at, (decision -> 'totals' ->> 'claimedFen')::bigint AS claimed_fen, claim_heads_reason_codes(outcome) AS reason_codes
       ), head AS (
         -- A number already headed (a revision 1 stored after later ones) is left to the triggers' refresh.
         INSERT INTO claim_heads (station_id, claim_number, claim_id, revision, unit_id, product_line, decision_id, status, version, decided_at, claimed_fen, reason_codes, waiting_since, in_queue)
         SELECT f.station_id, f.claim_number, f.id, f.revision, f.unit_id, u.product_line, d.id, d.status, d.version, d.decided_at, d.claimed_fen, d.reason_codes, d.decided_at, d.status = 'pended'
           FROM decided d JOIN filed f ON f.id = d.claim_id LEFT JOIN units u ON u.unit_id = f.unit_id
          ORDER BY f.n
         ON CONFLICT (station_id, claim_number) DO NOTHING
       ), audited AS (
         INSERT INTO audit_log (at, key_id, role, station_id, request_id, action, target, status)
         SELECT audit_at, audit_key_id, audit_role, audit_station_id, audit_request_id, audit_action, audit_target, audit_status
           FROM filed WHERE audit_request_id IS NOT NULL ORDER BY n
       )
       SELECT n, id FROM filed`,
      [JSON.stringify(input)],
      { prepare: 'claims-insert-with-decisions' },
    );
    const ids = new Map(rows.map((r) => [Number(r.n), Number(r.id)]));
    return items.map((_, i) => ids.get(i + 1) ?? null);
  }

  /** Appends a decision version, stamped with the caller's clock (tests and statements never read the real date). */
  async appendDecision(claimId: number, decision: Decision, decidedBy: string, note: string | null, db: Queryable = this.db, decidedAt: Date = new Date()): Promise<void> {
    await db.query(
      `INSERT INTO decisions (claim_id, version, status, approved_fen, rule_set_id, rule_set_version, rule_set_hash, decision, summary, outcome, decided_by, note, decided_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [claimId, ...(await this.stored(decisionRow(decision, decidedBy, note, decidedAt), db))],
    );
  }

  /** The revisions of a claim number, newest first; all stations unless one is named. */
  async findRevisions(claimNumber: string, stationId?: string, db: Queryable = this.db): Promise<StoredClaim[]> {
    const { rows } = await db.query<ClaimRow>(
      `SELECT ${CLAIM_COLUMNS} FROM claims WHERE claim_number = $1 AND ($2::text IS NULL OR station_id = $2) ORDER BY station_id, revision DESC`,
      [claimNumber, stationId ?? null],
    );
    return rows.map(mapClaim);
  }

  async decisions(claimId: number, db: Queryable = this.db): Promise<StoredDecision[]> {
    const { rows } = await db.query<DecisionRow>(
      'SELECT version, status, decided_by, decided_at, note, decision FROM decisions WHERE claim_id = $1 ORDER BY version',
      [claimId],
    );
    return this.readAll(rows.map(mapDecision), db);
  }

  /** Earlier claims of a unit with their latest decision: the history the core checks against. */
  async historyOf(unitId: string, db: Queryable = this.db): Promise<HistoryEntry[]> {
    const { rows } = await db.query<HistoryRow>(
      `SELECT c.station_id, c.claim_number, c.failure_date, c.repair_date, c.odometer_km, d.summary
         FROM claims c
         JOIN LATERAL (SELECT summary FROM decisions WHERE claim_id = c.id ORDER BY version DESC LIMIT 1) d ON true
        WHERE c.unit_id = $1
          AND c.revision = (SELECT max(revision) FROM claims c2 WHERE c2.station_id = c.station_id AND c2.claim_number = c.claim_number)
        ORDER BY c.repair_date, c.id`,
      [unitId],
    );
    return rows.map(mapHistory);
  }

  /**
   * The earlier claims of a unit that can change the decision of `claim` (latest revision, latest
   * decision each), instead of the unit's whole history: repairs overlapping this one (duplicate
   * claims), per component of the claim the `repeatsNeeded` latest covered repairs finished by its
   * failure date (comeback, repeated repairs), the highest earlier odometer reading (mileage), and
   * claims under the same pre-authorisations, and per campaign the claim names the latest claim that
   * covered a job under it (done once per unit). Every part is an index range with a limit, so the cost
   * does not grow with the unit's history. The query is the database function of migration 065, so it
   * is planned once per connection rather than on every submission. Reads through the pool that
   * arrive while one is on its way go together in the next statement (a round trip per batch, not
   * per claim); a transaction's read goes alone, in it.
   */
  async relevantHistory(
    unitId: string,
    claim: { claimNumber: string; failureDate: string; repairDate: string; components: readonly string[]; preAuthorisationNumbers: readonly string[]; campaignCodes?: readonly string[] | undefined },
    repeatsNeeded: number | null,
    db: Queryable = this.db,
  ): Promise<HistoryEntry[]> {
    const query: HistoryQuery = {
      unitId, failureDate: claim.failureDate, repairDate: claim.repairDate, components: [...new Set(claim.components)], claimNumber: claim.claimNumber,
      repeats: repeatsNeeded, preAuthorisations: [...new Set(claim.preAuthorisationNumbers)], campaigns: [...new Set(claim.campaignCodes ?? [])],
    };
    if (db === this.db) return this.historyReads.submit(query);
    return (await this.readHistories([query], db))[0]!;
  }

  /** Each query's relevant history, in one statement: the queries as one JSON parameter, each answered in the function's order. */
  private async readHistories(queries: readonly HistoryQuery[], db: Queryable): Promise<HistoryEntry[][]> {
    const { rows } = await db.query<HistoryRow & { n: number }>(
      `SELECT q.n, h.station_id, h.claim_number, h.failure_date, h.repair_date, h.odometer_km, h.summary
         FROM json_to_recordset($1::json) AS q(n int, "unitId" text, "failureDate" date, "repairDate" date, components text[], "claimNumber" text, repeats int, "preAuthorisations" text[], campaigns text[])
        CROSS JOIN LATERAL claim_relevant_history(q."unitId", q."failureDate", q."repairDate", q.components, q."claimNumber", q.repeats, q."preAuthorisations", q.campaigns)
              WITH ORDINALITY AS h(station_id, claim_number, failure_date, repair_date, odometer_km, summary, k)
        ORDER BY q.n, h.k`,
      [JSON.stringify(queries.map((q, n) => ({ ...q, n })))],
      { prepare: 'claim-relevant-histories' },
    );
    const histories = queries.map((): HistoryEntry[] => []);
    for (const r of rows) histories[r.n]!.push(mapHistory(r));
    return histories;
  }

  /** Claims (latest revision) with their latest decision, newest first, keyset-paginated by id. */
  async list(filter: ClaimListFilter): Promise<Array<StoredClaim & { status: string; approvedFen: number; decisionVersion: number }>> {
    const { rows } = await this.db.query<ClaimRow & { status: string; approved_fen: number; version: number }>(
      `SELECT ${CLAIM_COLUMNS.split(', ').map((c) => `c.${c}`).join(', ')}, d.status, d.approved_fen, d.version
         FROM claims c
         JOIN LATERAL (SELECT status, approved_fen, version FROM decisions WHERE claim_id = c.id ORDER BY version DESC LIMIT 1) d ON true
        WHERE ($1::text IS NULL OR c.station_id = $1)
          AND ($2::text IS NULL OR d.status = $2)
          AND ($3::text IS NULL OR c.unit_id = $3)
          AND ($4::date IS NULL OR c.repair_date >= $4)
          AND ($5::date IS NULL OR c.repair_date <= $5)
          AND ($6::bigint IS NULL OR c.id < $6)
          AND ($8::text IS NULL OR c.claim_number LIKE $8)
          AND ($9::text IS NULL OR c.unit_id IN (SELECT unit_id FROM units WHERE vin = $9))
          AND ($10::text IS NULL OR c.unit_id IN (SELECT unit_id FROM units WHERE frame_serial = $10))
          AND c.revision = (SELECT max(revision) FROM claims c2 WHERE c2.station_id = c.station_id AND c2.claim_number = c.claim_number)
        ORDER BY c.id DESC
        LIMIT $7`,
      [
        filter.stationId ?? null, filter.status ?? null, filter.unitId ?? null, filter.from ?? null, filter.to ?? null, filter.after ?? null, filter.limit,
        filter.claimNumber === undefined ? null : startsWith(filter.claimNumber), filter.vin?.toUpperCase() ?? null, filter.frameSerial ?? null,
      ],
    );
    return rows.map((r) => ({ ...mapClaim(r), status: r.status, approvedFen: Number(r.approved_fen), decisionVersion: r.version }));
  }

  /** Every decision version of a claim number at a station, across its revisions, oldest first. */
  async decisionsOfClaim(claimNumber: string, stationId: string, db: Queryable = this.db): Promise<Array<StoredDecision & { revision: number; claimId: number }>> {
    const { rows } = await db.query<DecisionRow & { revision: number; claim_id: number }>(
      `SELECT d.version, d.status, d.decided_by, d.decided_at, d.note, d.decision, c.revision, c.id AS claim_id
         FROM decisions d JOIN claims c ON c.id = d.claim_id
        WHERE c.claim_number = $1 AND c.station_id = $2
        ORDER BY d.version`,
      [claimNumber, stationId],
    );
    return this.readAll(rows.map((r) => ({ ...mapDecision(r), revision: r.revision, claimId: Number(r.claim_id) })), db);
  }

  /** Claims whose latest decision holds a line for its old part past the deadline. */
  async heldPastDeadline(today: string, db: Queryable = this.db): Promise<Array<{ claimNumber: string; stationId: string }>> {
    const { rows } = await db.query<{ claim_number: string; station_id: string }>(
      `SELECT c.claim_number, c.station_id
         FROM claims c
         JOIN LATERAL (SELECT d.decision FROM decisions d JOIN claims c2 ON c2.id = d.claim_id
                        WHERE c2.claim_number = c.claim_number AND c2.station_id = c.station_id
                        ORDER BY d.version DESC LIMIT 1) latest ON true
        WHERE c.revision = (SELECT max(revision) FROM claims c3 WHERE c3.station_id = c.station_id AND c3.claim_number = c.claim_number)
          AND EXISTS (SELECT 1 FROM jsonb_array_elements(latest.decision -> 'jobs') j, jsonb_array_elements(j -> 'lines') l
                       WHERE l ->> 'hold' = 'part-return' AND l ->> 'holdDeadline' < $1)
        ORDER BY c.id`,
      [today],
    );
    return rows.map((r) => ({ claimNumber: r.claim_number, stationId: r.station_id }));
  }
}
