import type { Queryable } from '../db/db.js';
import type { Decision, TraceEntry } from '../adjudication/decision.js';
import type { HistoryEntry } from '../adjudication/history.js';
import type { Unit } from '../units/unit-schema.js';
import { UnitStore } from '../units/unit-store.js';

export interface StoredClaimForBacktest {
  claimId: number;
  stationId: string;
  claimNumber: string;
  unitId: string | null;
  bodyText: string;
  /** The latest decision without its trace (loaded separately, for changed claims only). */
  before: Omit<Decision, 'trace'>;
}

export interface BacktestPeriod {
  from?: string | undefined;
  to?: string | undefined;
  productLine?: string | undefined;
}

/** Reads what a backtest needs from the database: the claims of the period, every unit's history, the units. */
export class BacktestSource {
  constructor(private readonly db: Queryable) {}

  async claims(period: BacktestPeriod): Promise<StoredClaimForBacktest[]> {
    const { rows } = await this.db.query<{ id: number; station_id: string; claim_number: string; unit_id: string | null; body_text: string; before: Decision | string }>(
      `SELECT c.id, c.station_id, c.claim_number, c.unit_id, c.body_text, d.decision - 'trace' AS before
         FROM claims c
         JOIN LATERAL (SELECT decision FROM decisions WHERE claim_id = c.id ORDER BY version DESC LIMIT 1) d ON true
         LEFT JOIN units u ON u.unit_id = c.unit_id
        WHERE ($1::date IS NULL OR c.repair_date >= $1)
          AND ($2::date IS NULL OR c.repair_date <= $2)
          AND ($3::text IS NULL OR u.product_line = $3)
          AND c.revision = (SELECT max(revision) FROM claims c2 WHERE c2.station_id = c.station_id AND c2.claim_number = c.claim_number)
        ORDER BY c.repair_date, c.id`,
      [period.from ?? null, period.to ?? null, period.productLine ?? null],
    );
    return rows.map((r) => ({
      claimId: Number(r.id),
      stationId: r.station_id,
      claimNumber: r.claim_number,
      unitId: r.unit_id,
      bodyText: r.body_text,
      before: (typeof r.before === 'string' ? JSON.parse(r.before) : r.before) as Omit<Decision, 'trace'>,
    }));
  }

  /** Every unit's claims with their latest decision summary, keyed by unit. */
  async histories(unitIds: readonly string[]): Promise<Map<string, HistoryEntry[]>> {
    const byUnit = new Map<string, HistoryEntry[]>();
    if (unitIds.length === 0) return byUnit;
    const { rows } = await this.db.query<{ unit_id: string; station_id: string; claim_number: string; failure_date: string; repair_date: string; odometer_km: number | null; summary: HistoryEntry['jobs'] | string }>(
      `SELECT c.unit_id, c.station_id, c.claim_number, c.failure_date, c.repair_date, c.odometer_km, d.summary
         FROM claims c
         JOIN LATERAL (SELECT summary FROM decisions WHERE claim_id = c.id ORDER BY version DESC LIMIT 1) d ON true
        WHERE c.unit_id = ANY($1::text[])
          AND c.revision = (SELECT max(revision) FROM claims c2 WHERE c2.station_id = c.station_id AND c2.claim_number = c.claim_number)
        ORDER BY c.repair_date, c.id`,
      [unitIds],
    );
    for (const r of rows) {
      const list = byUnit.get(r.unit_id) ?? [];
      list.push({ claimNumber: r.claim_number, stationId: r.station_id, failureDate: r.failure_date, repairDate: r.repair_date, odometerKm: r.odometer_km, jobs: typeof r.summary === 'string' ? JSON.parse(r.summary) : r.summary });
      byUnit.set(r.unit_id, list);
    }
    return byUnit;
  }

  async units(unitIds: readonly string[]): Promise<Map<string, Unit>> {
    const store = new UnitStore(this.db);
    return store.getMany(unitIds);
  }

  async traceOf(claimId: number): Promise<TraceEntry[]> {
    const { rows } = await this.db.query<{ trace: TraceEntry[] | string }>(
      `SELECT d.decision -> 'trace' AS trace FROM decisions d WHERE d.claim_id = $1 ORDER BY d.version DESC LIMIT 1`,
      [claimId],
    );
    const trace = rows[0]?.trace ?? [];
    return typeof trace === 'string' ? (JSON.parse(trace) as TraceEntry[]) : trace;
  }
}
