import { StoredTraces } from '../claims/stored-trace.js';
import type { Db } from '../db/db.js';
import type { TraceEntry } from '../adjudication/decision.js';
import { OUTCOME_SQL, type StoredOutcome } from './outcome.js';
import type { HistoryEntry } from '../adjudication/history.js';
import type { Unit } from '../units/unit-schema.js';
import { UnitStore } from '../units/unit-store.js';
import { PreAuthorisationStore } from '../preauthorisations/preauthorisation-store.js';
import type { PreAuthorisation } from '../preauthorisations/preauthorisation-schema.js';
import { CampaignStore, type CampaignVersion, type RecordedStep } from '../campaigns/campaign-store.js';

export interface StoredClaimForBacktest {
  claimId: number;
  repairDate: string;
  stationId: string;
  claimNumber: string;
  unitId: string | null;
  bodyText: string;
  /** The pre-authorisation numbers the body names. */
  preAuthorisationNumbers: string[];
  /** The id of the first decision of this revision: the history it saw is what was on file before it. */
  firstDecisionId: number;
  /** What the latest decision concluded (its trace is loaded separately, for changed claims only). */
  before: StoredOutcome;
  /** The campaign versions its latest decision's jobs were decided under, and when it was decided (no campaign job: none). */
  campaigns: Array<{ code: string; version: number }>;
  decidedAt: string | null;
}

/** The campaigns a page's claims were decided under: each named version, and every step with when it was recorded. */
export interface BacktestCampaigns {
  versions: Map<string, CampaignVersion>;
  steps: Map<string, RecordedStep[]>;
}

/** One stored claim revision of a unit and its decision versions (decision ids grow with time). */
export interface UnitRecord {
  claimRowId: number;
  entry: HistoryEntry;
  decisions: Array<{ id: number; jobs: HistoryEntry['jobs'] }>;
}

/**
 * The unit's history as a decision saw it: the claims on file before that decision (for each claim
 * number its latest revision stored by then) with their latest decision at that time. Later
 * duplicates, later odometers and later comebacks are not in it, nor later reviews of earlier claims.
 */
export function historyAsOf(records: readonly UnitRecord[], claimRowId: number, firstDecisionId: number): HistoryEntry[] {
  const key = (e: HistoryEntry) => `${e.stationId}\u0000${e.claimNumber}`;
  const own = records.find((r) => r.claimRowId === claimRowId);
  // The latest revision of each other claim number stored before this one (as the submission's query read it).
  const latest = new Map<string, UnitRecord>();
  for (const r of records) {
    if (r.claimRowId > claimRowId || (own && key(r.entry) === key(own.entry))) continue;
    const seen = latest.get(key(r.entry));
    if (!seen || seen.claimRowId < r.claimRowId) latest.set(key(r.entry), r);
  }
  const out: HistoryEntry[] = [];
  for (const r of latest.values()) {
    const decided = r.decisions.filter((d) => d.id < firstDecisionId);
    const decision = decided[decided.length - 1];
    if (decision) out.push({ ...r.entry, jobs: decision.jobs });
  }
  return out.sort((a, b) => (a.repairDate < b.repairDate ? -1 : a.repairDate > b.repairDate ? 1 : 0));
}

export interface BacktestPeriod {
  from?: string | undefined;
  to?: string | undefined;
  productLine?: string | undefined;
}

/** A claim body's references to pre-authorisations, read without parsing the body. */
const PRE_AUTHORISATION_NUMBER = /"preAuthorisationNumber"\s*:\s*"((?:[^"\\]|\\.)*)"/g;

/** One page of a backtest's claims, with the units and histories they need. */
export interface BacktestPage {
  claims: StoredClaimForBacktest[];
  units: Map<string, Unit>;
  histories: Map<string, UnitRecord[]>;
  /** The pre-authorisations the page's claims refer to, by number. */
  preAuthorisations: Map<string, PreAuthorisation>;
  campaigns: BacktestCampaigns;
  /** Whether another page may follow. */
  more: boolean;
}

/** Reads what a backtest needs from the database: the claims of the period, every unit's history, the units. */
export class BacktestSource {
  constructor(
    private readonly db: Db,
    /** Claims per page: pages are read one ahead while the previous one is decided. */
    private readonly pageSize = 2000,
  ) {}

  /** Every claim of the period (latest revision, latest decision), in pages ordered by claim id. */
  async *pages(period: BacktestPeriod): AsyncGenerator<BacktestPage> {
    const load = async (after: number): Promise<BacktestPage | null> => {
      const claims = await this.claims(period, after);
      if (claims.length === 0) return null;
      const unitIds = [...new Set(claims.map((c) => c.unitId).filter((u): u is string => u !== null))];
      const numbers = new Set(claims.flatMap((c) => c.preAuthorisationNumbers));
      const [units, histories, preAuthorisations, campaigns] = await Promise.all([this.units(unitIds), this.histories(unitIds), new PreAuthorisationStore(this.db).getMany([...numbers]), this.campaigns(claims)]);
      return { claims, units, histories, preAuthorisations: new Map(preAuthorisations.map((p) => [p.number, p])), campaigns, more: claims.length === this.pageSize };
    };
    let next = load(0);
    for (;;) {
      const page = await next;
      if (page === null) return;
      // The next page is read while this one is decided.
      next = page.more ? load(page.claims[page.claims.length - 1]!.claimId) : Promise.resolve(null);
      yield page;
    }
  }

  /** How many claims the period has (latest revisions): the total a progress bar counts to. */
  async count(period: BacktestPeriod): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM claims c LEFT JOIN units u ON u.unit_id = c.unit_id
        WHERE ($1::date IS NULL OR c.repair_date >= $1) AND ($2::date IS NULL OR c.repair_date <= $2) AND ($3::text IS NULL OR u.product_line = $3)
          AND c.revision = (SELECT max(revision) FROM claims c2 WHERE c2.station_id = c.station_id AND c2.claim_number = c.claim_number)`,
      [period.from ?? null, period.to ?? null, period.productLine ?? null],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** One page of the period's claims after claim id `after`. */
  async claims(period: BacktestPeriod, after = 0): Promise<StoredClaimForBacktest[]> {
    // A page is cheap but the planner's estimate for it is not: JIT compiling every page's query cost more than running it.
    const { rows } = await this.db.transaction(async (tx) => {
      await tx.query('SET LOCAL jit = off');
      return tx.query<{ id: number; first_decision_id: number | string; repair_date: string; station_id: string; claim_number: string; unit_id: string | null; body_text: string; before: StoredOutcome | string; campaigns: Array<{ code: string; version: number | null }> | string | null; decided_at: string | Date | null }>(
      `SELECT c.id, c.repair_date, c.station_id, c.claim_number, c.unit_id, c.body_text,
              (SELECT min(f.id) FROM decisions f WHERE f.claim_id = c.id) AS first_decision_id,
              coalesce(x.outcome, (SELECT ${OUTCOME_SQL} FROM (SELECT x.decision - 'trace' AS d) old)) AS before,
              x.campaigns, x.decided_at
         FROM claims c
         JOIN LATERAL (SELECT outcome, CASE WHEN outcome IS NULL THEN decision END AS decision,
                              -- Only a claim with a campaign job reads its decision's campaign versions.
                              CASE WHEN c.body_text LIKE '%"campaignCode"%' THEN (SELECT jsonb_agg(j -> 'campaign') FROM jsonb_array_elements(decision -> 'jobs') j WHERE j ? 'campaign') END AS campaigns,
                              CASE WHEN c.body_text LIKE '%"campaignCode"%' THEN decided_at END AS decided_at
                         FROM decisions WHERE claim_id = c.id ORDER BY version DESC LIMIT 1) x ON true
         LEFT JOIN units u ON u.unit_id = c.unit_id
        WHERE c.id > $4
          AND ($1::date IS NULL OR c.repair_date >= $1)
          AND ($2::date IS NULL OR c.repair_date <= $2)
          AND ($3::text IS NULL OR u.product_line = $3)
          AND c.revision = (SELECT max(revision) FROM claims c2 WHERE c2.station_id = c.station_id AND c2.claim_number = c.claim_number)
        ORDER BY c.id
        LIMIT $5`,
      [period.from ?? null, period.to ?? null, period.productLine ?? null, after, this.pageSize],
      );
    });
    return rows.map((r) => ({
      claimId: Number(r.id),
      firstDecisionId: Number(r.first_decision_id),
      repairDate: r.repair_date,
      stationId: r.station_id,
      claimNumber: r.claim_number,
      unitId: r.unit_id,
      bodyText: r.body_text,
      preAuthorisationNumbers: r.body_text.includes('"preAuthorisationNumber"') ? [...r.body_text.matchAll(PRE_AUTHORISATION_NUMBER)].map((m) => JSON.parse(`"${m[1]}"`) as string) : [],
      before: (typeof r.before === 'string' ? JSON.parse(r.before) : r.before) as StoredOutcome,
      campaigns: ((typeof r.campaigns === 'string' ? JSON.parse(r.campaigns) : (r.campaigns ?? [])) as Array<{ code: string; version: number | null }>).flatMap((k) => (k.version === null ? [] : [{ code: k.code, version: k.version }])),
      decidedAt: r.decided_at === null ? null : new Date(r.decided_at).toISOString(),
    }));
  }

  /** The campaign versions a page's claims were decided under, and the steps of those campaigns. */
  async campaigns(claims: readonly StoredClaimForBacktest[]): Promise<BacktestCampaigns> {
    const keys = [...new Map(claims.flatMap((c) => c.campaigns).map((k) => [`${k.code}@${k.version}`, k])).values()];
    if (keys.length === 0) return { versions: new Map(), steps: new Map() };
    const store = new CampaignStore(this.db);
    const [versions, steps] = await Promise.all([store.exact(keys), store.stepsOf([...new Set(keys.map((k) => k.code))])]);
    return { versions: new Map(versions.map((v) => [`${v.code}@${v.version}`, v])), steps };
  }

  /** Every claim revision of the units, with every decision version's summary, keyed by unit: the record as it grew. */
  async histories(unitIds: readonly string[]): Promise<Map<string, UnitRecord[]>> {
    const byUnit = new Map<string, UnitRecord[]>();
    if (unitIds.length === 0) return byUnit;
    const { rows } = await this.db.query<{ id: number | string; unit_id: string; station_id: string; claim_number: string; failure_date: string; repair_date: string; odometer_km: number | null; decisions: Array<{ id: number; summary: HistoryEntry['jobs'] }> | string }>(
      `SELECT c.id, c.unit_id, c.station_id, c.claim_number, c.failure_date, c.repair_date, c.odometer_km,
              (SELECT json_agg(json_build_object('id', d.id, 'summary', d.summary) ORDER BY d.id) FROM decisions d WHERE d.claim_id = c.id) AS decisions
         FROM claims c
        WHERE c.unit_id = ANY($1::text[])
        ORDER BY c.repair_date, c.id`,
      [unitIds],
    );
    for (const r of rows) {
      const list = byUnit.get(r.unit_id) ?? [];
      const decisions = (typeof r.decisions === 'string' ? JSON.parse(r.decisions) : (r.decisions ?? [])) as Array<{ id: number; summary: HistoryEntry['jobs'] }>;
      list.push({
        claimRowId: Number(r.id),
        entry: { claimNumber: r.claim_number, stationId: r.station_id, failureDate: r.failure_date, repairDate: r.repair_date, odometerKm: r.odometer_km, jobs: [] },
        decisions: decisions.map((d) => ({ id: Number(d.id), jobs: d.summary })),
      });
      byUnit.set(r.unit_id, list);
    }
    return byUnit;
  }

  async units(unitIds: readonly string[]): Promise<Map<string, Unit>> {
    const store = new UnitStore(this.db);
    return store.getMany(unitIds);
  }

  /** The stored trace of each claim's latest decision. */
  async tracesOf(claimIds: readonly number[]): Promise<Map<number, TraceEntry[]>> {
    const { rows } = await this.db.query<{ claim_id: number; trace: unknown; rule_set_hash: string | null }>(
      `SELECT DISTINCT ON (d.claim_id) d.claim_id, d.decision -> 'trace' AS trace, d.rule_set_hash
         FROM decisions d WHERE d.claim_id = ANY($1::bigint[])
        ORDER BY d.claim_id, d.version DESC`,
      [claimIds],
    );
    // A compact trace is rebuilt from the rule set file that decided it, and verified by its hash.
    const traces = new StoredTraces(this.db);
    const entries = await Promise.all(rows.map(async (r): Promise<[number, TraceEntry[]]> => [Number(r.claim_id), await traces.expand(typeof r.trace === 'string' ? JSON.parse(r.trace) : r.trace, r.rule_set_hash)]));
    return new Map(entries);
  }
}
