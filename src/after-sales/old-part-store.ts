import type { Queryable } from '../db/db.js';
import type { Decision } from '../adjudication/decision.js';
import { decisionOfRow } from '../adjudication/decision-codec.js';
import type { ChargeBackRecord } from '../settlement/after-sales-lookups.js';

export type OldPartStepName =
  | 'refused' | 'received' | 'moved' | 'supplier-inspection' | 'quality-inspection'
  | 'shipped' | 'disposal-approved' | 'disposed' | 'unrecoverable';

export interface OldPartRow {
  id: number;
  stationId: string;
  claimNumber: string;
  lineId: string;
  unitId: string | null;
  partNumber: string | null;
  party: { type: string; id?: string };
  createdAt: string;
}

export interface OldPartStep {
  id: number;
  step: OldPartStepName;
  status: string;
  details: Record<string, unknown>;
  note: string;
  recordedBy: string;
  recordedAt: string;
}

const PART_COLUMNS = 'id, station_id, claim_number, line_id, unit_id, part_number, party_type, party_id, created_at';

interface PartDbRow {
  id: number | string; station_id: string; claim_number: string; line_id: string; unit_id: string | null;
  part_number: string | null; party_type: string; party_id: string | null; created_at: Date | string;
}
interface StepDbRow {
  id: number | string; old_part_id: number | string; step: OldPartStepName; status: string; details: Record<string, unknown> | string;
  note: string; recorded_by: string; recorded_at: Date | string;
}

const mapPart = (r: PartDbRow): OldPartRow => ({
  id: Number(r.id), stationId: r.station_id, claimNumber: r.claim_number, lineId: r.line_id, unitId: r.unit_id, partNumber: r.part_number,
  party: { type: r.party_type, ...(r.party_id ? { id: r.party_id } : {}) }, createdAt: new Date(r.created_at).toISOString(),
});
const mapStep = (r: StepDbRow): OldPartStep => ({
  id: Number(r.id), step: r.step, status: r.status, details: typeof r.details === 'string' ? JSON.parse(r.details) : r.details,
  note: r.note, recordedBy: r.recorded_by, recordedAt: new Date(r.recorded_at).toISOString(),
});

/** The central store's old parts (旧件台帐) and their appended steps; nothing here is updated. */
export class OldPartStore {
  constructor(private readonly db: Queryable) {}

  async findByLine(stationId: string, claimNumber: string, lineId: string, db: Queryable = this.db): Promise<OldPartRow | null> {
    const { rows } = await db.query<PartDbRow>(`SELECT ${PART_COLUMNS} FROM old_parts WHERE station_id = $1 AND claim_number = $2 AND line_id = $3`, [stationId, claimNumber, lineId]);
    return rows[0] ? mapPart(rows[0]) : null;
  }

  async find(id: number, db: Queryable = this.db): Promise<OldPartRow | null> {
    const { rows } = await db.query<PartDbRow>(`SELECT ${PART_COLUMNS} FROM old_parts WHERE id = $1`, [id]);
    return rows[0] ? mapPart(rows[0]) : null;
  }

  async insert(part: Omit<OldPartRow, 'id' | 'createdAt'>, by: string, at: Date, db: Queryable = this.db): Promise<OldPartRow> {
    const { rows } = await db.query<PartDbRow>(
      `INSERT INTO old_parts (station_id, claim_number, line_id, unit_id, part_number, party_type, party_id, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${PART_COLUMNS}`,
      [part.stationId, part.claimNumber, part.lineId, part.unitId, part.partNumber, part.party.type, part.party.id ?? null, by, at.toISOString()],
    );
    return mapPart(rows[0]!);
  }

  async appendStep(oldPartId: number, step: Omit<OldPartStep, 'id' | 'recordedAt'>, at: Date, db: Queryable = this.db): Promise<void> {
    await db.query(
      `INSERT INTO old_part_steps (old_part_id, step, status, details, note, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [oldPartId, step.step, step.status, JSON.stringify(step.details), step.note, step.recordedBy, at.toISOString()],
    );
  }

  async steps(oldPartIds: readonly number[], db: Queryable = this.db): Promise<Map<number, OldPartStep[]>> {
    const byPart = new Map<number, OldPartStep[]>();
    if (oldPartIds.length === 0) return byPart;
    const { rows } = await db.query<StepDbRow>(
      `SELECT id, old_part_id, step, status, details, note, recorded_by, recorded_at FROM old_part_steps WHERE old_part_id = ANY($1::bigint[]) ORDER BY old_part_id, id`,
      [oldPartIds.map(String)],
    );
    for (const r of rows) {
      const list = byPart.get(Number(r.old_part_id)) ?? [];
      list.push(mapStep(r));
      byPart.set(Number(r.old_part_id), list);
    }
    return byPart;
  }

  /** Old parts of a station (or all), optionally of one claim, oldest first. */
  async list(filter: { stationId?: string | undefined; claimNumber?: string | undefined; limit: number }, db: Queryable = this.db): Promise<OldPartRow[]> {
    const { rows } = await db.query<PartDbRow>(
      `SELECT ${PART_COLUMNS} FROM old_parts WHERE ($1::text IS NULL OR station_id = $1) AND ($2::text IS NULL OR claim_number = $2) ORDER BY id LIMIT $3`,
      [filter.stationId ?? null, filter.claimNumber ?? null, filter.limit],
    );
    return rows.map(mapPart);
  }

  /** The old parts of these claim numbers (any station). */
  async ofClaims(claimNumbers: readonly string[], db: Queryable = this.db): Promise<OldPartRow[]> {
    if (claimNumbers.length === 0) return [];
    const { rows } = await db.query<PartDbRow>(`SELECT ${PART_COLUMNS} FROM old_parts WHERE claim_number = ANY($1::text[]) ORDER BY id`, [[...new Set(claimNumbers)]]);
    return rows.map(mapPart);
  }

  /** The latest decision of every claim (latest revision) repaired in [from, to] (days), optionally of one station. */
  async decisionsRepairedIn(from: string, to: string, stationId: string | undefined, db: Queryable = this.db): Promise<Array<{ stationId: string; claimNumber: string; decision: Decision }>> {
    const { rows } = await db.query<{ station_id: string; claim_number: string; decision: Decision | string }>(
      `SELECT c.station_id, c.claim_number, d.decision - 'trace' AS decision
         FROM claims c
         JOIN LATERAL (SELECT d.decision FROM decisions d JOIN claims c2 ON c2.id = d.claim_id
                        WHERE c2.claim_number = c.claim_number AND c2.station_id = c.station_id ORDER BY d.version DESC LIMIT 1) d ON true
        WHERE c.repair_date >= $1 AND c.repair_date <= $2 AND ($3::text IS NULL OR c.station_id = $3)
          AND c.revision = (SELECT max(revision) FROM claims c3 WHERE c3.station_id = c.station_id AND c3.claim_number = c.claim_number)
        ORDER BY c.station_id, c.claim_number`,
      [from, to, stationId ?? null],
    );
    return rows.map((r) => ({ stationId: r.station_id, claimNumber: r.claim_number, decision: decisionOfRow<Decision>(r.decision) }));
  }

  /** Second inspections in [fromInstant, toInstant) that rejected a line and returned its cost to the station. */
  async stationChargeBacks(range: { fromInstant: string; toInstant: string; zone: string; stationId?: string | undefined }, db: Queryable = this.db): Promise<ChargeBackRecord[]> {
    const { rows } = await db.query<{ old_part_id: number | string; station_id: string; claim_number: string; line_id: string; part_number: string | null; charged_on: string; note: string }>(
      `SELECT p.id AS old_part_id, p.station_id, p.claim_number, p.line_id, p.part_number,
              to_char(s.recorded_at AT TIME ZONE $3, 'YYYY-MM-DD') AS charged_on, s.note
         FROM old_part_steps s JOIN old_parts p ON p.id = s.old_part_id
        WHERE s.step = 'quality-inspection' AND s.details->>'verdict' = 'rejected' AND s.details->>'chargeTo' = 'service-station'
          AND s.recorded_at >= $1::timestamptz AND s.recorded_at < $2::timestamptz AND ($4::text IS NULL OR p.station_id = $4)
        ORDER BY s.id`,
      [range.fromInstant, range.toInstant, range.zone, range.stationId ?? null],
    );
    return rows.map((r) => ({ oldPartId: Number(r.old_part_id), stationId: r.station_id, claimNumber: r.claim_number, lineId: r.line_id, partNumber: r.part_number, chargedOn: r.charged_on, note: r.note }));
  }
}
