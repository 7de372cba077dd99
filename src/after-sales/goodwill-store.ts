import type { Queryable } from '../db/db.js';

export interface GoodwillGrant {
  id: number; stationId: string; claimNumber: string; lineId: string; decisionVersion: number; baseFen: number;
  manufacturerFen: number; supplierFen: number; supplierId: string | null; customerFen: number; monthsPast: number; kmPast: number;
  grantedOn: string; note: string; grantedBy: string; grantedAt: string;
}

const COLUMNS = `id, station_id, claim_number, line_id, decision_version, base_fen, manufacturer_fen, supplier_fen, supplier_id, customer_fen,
  months_past, km_past, to_char(granted_on, 'YYYY-MM-DD') AS granted_on, note, granted_by, granted_at`;

type Row = Record<string, string | number | Date | null>;
const map = (r: Row): GoodwillGrant => ({
  id: Number(r.id), stationId: String(r.station_id), claimNumber: String(r.claim_number), lineId: String(r.line_id), decisionVersion: Number(r.decision_version),
  baseFen: Number(r.base_fen), manufacturerFen: Number(r.manufacturer_fen), supplierFen: Number(r.supplier_fen), supplierId: r.supplier_id === null ? null : String(r.supplier_id),
  customerFen: Number(r.customer_fen), monthsPast: Number(r.months_past), kmPast: Number(r.km_past), grantedOn: String(r.granted_on), note: String(r.note),
  grantedBy: String(r.granted_by), grantedAt: new Date(r.granted_at as string).toISOString(),
});

/** Goodwill grants: one per claim line, never changed. */
export class GoodwillStore {
  constructor(private readonly db: Queryable) {}

  async insert(g: Omit<GoodwillGrant, 'id' | 'grantedAt'>, at: Date, db: Queryable = this.db): Promise<GoodwillGrant> {
    const { rows } = await db.query<Row>(
      `INSERT INTO goodwill_grants (station_id, claim_number, line_id, decision_version, base_fen, manufacturer_fen, supplier_fen, supplier_id, customer_fen, months_past, km_past, granted_on, note, granted_by, granted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING ${COLUMNS}`,
      [g.stationId, g.claimNumber, g.lineId, g.decisionVersion, g.baseFen, g.manufacturerFen, g.supplierFen, g.supplierId, g.customerFen, g.monthsPast, g.kmPast, g.grantedOn, g.note, g.grantedBy, at.toISOString()],
    );
    return map(rows[0]!);
  }

  async list(filter: { from: string; to: string; stationId?: string | undefined }, db: Queryable = this.db): Promise<GoodwillGrant[]> {
    const { rows } = await db.query<Row>(
      `SELECT ${COLUMNS} FROM goodwill_grants WHERE granted_on >= $1 AND granted_on <= $2 AND ($3::text IS NULL OR station_id = $3) ORDER BY granted_on, id`,
      [filter.from, filter.to, filter.stationId ?? null],
    );
    return rows.map(map);
  }

  /** The grants on one claim (optionally of one station), in the order granted. */
  async ofClaim(claimNumber: string, stationId: string | undefined, db: Queryable = this.db): Promise<GoodwillGrant[]> {
    const { rows } = await db.query<Row>(
      `SELECT ${COLUMNS} FROM goodwill_grants WHERE claim_number = $1 AND ($2::text IS NULL OR station_id = $2) ORDER BY id`,
      [claimNumber, stationId ?? null],
    );
    return rows.map(map);
  }
}
