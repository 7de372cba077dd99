import type { Queryable } from '../db/db.js';
import type { Decision } from '../adjudication/decision.js';
import { decisionOfRow } from '../adjudication/decision-codec.js';
import type { VersionRecord } from './ledger.js';

interface VersionRow { claim_number: string; station_id: string; unit_id: string | null; version: number; booked_on: string; decision: Decision | string }

/** Reads decision versions for the ledger: every version of the claims that have one decided in a date range. */
export class SettlementStore {
  constructor(private readonly db: Queryable) {}

  /**
   * All versions of every claim with a version decided in [fromIso, toExclusiveIso) (instants), so a
   * line's earlier final amount is known when a later version changes it.
   */
  async versions(filter: { fromInstant: string; toInstant: string; stationId?: string | undefined }, zone: string): Promise<Map<string, VersionRecord[]>> {
    const { rows } = await this.db.query<VersionRow>(
      `WITH touched AS (
         SELECT DISTINCT c.claim_number, c.station_id
           FROM decisions d JOIN claims c ON c.id = d.claim_id
          WHERE d.decided_at >= $1::timestamptz AND d.decided_at < $2::timestamptz
            AND ($3::text IS NULL OR c.station_id = $3))
       SELECT c.claim_number, c.station_id, c.unit_id, d.version,
              to_char(d.decided_at AT TIME ZONE $4, 'YYYY-MM-DD') AS booked_on,
              d.decision - 'trace' AS decision
         FROM decisions d
         JOIN claims c ON c.id = d.claim_id
         JOIN touched t ON t.claim_number = c.claim_number AND t.station_id = c.station_id
        WHERE d.decided_at < $2::timestamptz
        ORDER BY c.station_id, c.claim_number, d.version`,
      [filter.fromInstant, filter.toInstant, filter.stationId ?? null, zone],
    );
    return groupByClaim(rows);
  }

  /** Every version decided before toExclusiveIso of these claims (one station's claim numbers). */
  async versionsOfClaims(stationId: string, claimNumbers: readonly string[], toInstant: string, zone: string): Promise<Map<string, VersionRecord[]>> {
    if (claimNumbers.length === 0) return new Map();
    const { rows } = await this.db.query<VersionRow>(
      `SELECT c.claim_number, c.station_id, c.unit_id, d.version,
              to_char(d.decided_at AT TIME ZONE $4, 'YYYY-MM-DD') AS booked_on,
              d.decision - 'trace' AS decision
         FROM decisions d
         JOIN claims c ON c.id = d.claim_id
        WHERE c.station_id = $1 AND c.claim_number = ANY($2::text[]) AND d.decided_at < $3::timestamptz
        ORDER BY c.claim_number, d.version`,
      [stationId, [...new Set(claimNumbers)], toInstant, zone],
    );
    return groupByClaim(rows);
  }
}

function groupByClaim(rows: readonly VersionRow[]): Map<string, VersionRecord[]> {
  const byClaim = new Map<string, VersionRecord[]>();
  for (const r of rows) {
    const key = `${r.station_id}\u0000${r.claim_number}`;
    const list = byClaim.get(key) ?? [];
    list.push({ claimNumber: r.claim_number, stationId: r.station_id, unitId: r.unit_id, version: r.version, bookedOn: r.booked_on, decision: decisionOfRow<Decision>(r.decision) });
    byClaim.set(key, list);
  }
  return byClaim;
}
