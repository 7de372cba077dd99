import type { Queryable } from '../db/db.js';

export type ReturnKind = 'exchange' | 'refund' | 'repair';
export type ReturnStepName = 'requested' | 'refused' | 'inspection-scheduled' | 'inspected' | 'approved';

export interface ReturnRequestRow {
  id: number;
  stationId: string;
  /** The repair unit (维修单位) that handled the unit: what is missing at the inspection is charged to it. */
  repairerId: string;
  unitId: string;
  productLine: string;
  saleDate: string;
  kind: ReturnKind;
  reason: string;
  requestedDate: string;
  invoice: { number: string; date: string; amountFen: number } | null;
  accessories: { present: string[]; missing: string[] };
  documentsComplete: boolean;
  note: string;
  createdBy: string;
  createdAt: string;
}

export interface ReturnStep {
  id: number;
  step: ReturnStepName;
  status: string;
  onDate: string;
  details: Record<string, unknown>;
  note: string;
  recordedBy: string;
  recordedAt: string;
}

const REQUEST_COLUMNS = `id, station_id, repairer_id, unit_id, product_line, to_char(sale_date, 'YYYY-MM-DD') AS sale_date, kind, reason,
  to_char(requested_date, 'YYYY-MM-DD') AS requested_date, invoice_number, to_char(invoice_date, 'YYYY-MM-DD') AS invoice_date, invoice_fen,
  accessories, note, created_by, created_at`;
const STEP_COLUMNS = `id, return_id, step, status, to_char(on_date, 'YYYY-MM-DD') AS on_date, details, note, recorded_by, recorded_at`;

type Row = Record<string, unknown>;
const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as Record<string, unknown>;

const mapRequest = (r: Row): ReturnRequestRow => {
  const acc = json(r.accessories) as { present: string[]; missing: string[]; documentsComplete: boolean };
  return {
    id: Number(r.id), stationId: String(r.station_id), repairerId: String(r.repairer_id), unitId: String(r.unit_id), productLine: String(r.product_line),
    saleDate: String(r.sale_date), kind: r.kind as ReturnKind, reason: String(r.reason), requestedDate: String(r.requested_date),
    invoice: r.invoice_number === null ? null : { number: String(r.invoice_number), date: String(r.invoice_date), amountFen: Number(r.invoice_fen) },
    accessories: { present: acc.present, missing: acc.missing }, documentsComplete: acc.documentsComplete,
    note: String(r.note), createdBy: String(r.created_by), createdAt: new Date(r.created_at as string).toISOString(),
  };
};
const mapStep = (r: Row): ReturnStep => ({
  id: Number(r.id), step: r.step as ReturnStepName, status: String(r.status), onDate: String(r.on_date), details: json(r.details),
  note: String(r.note), recordedBy: String(r.recorded_by), recordedAt: new Date(r.recorded_at as string).toISOString(),
});

/** Return requests (整车修、换、退) and their appended steps; nothing here is updated. */
export class ReturnStore {
  constructor(private readonly db: Queryable) {}

  async insert(r: Omit<ReturnRequestRow, 'id' | 'createdAt'>, at: Date, db: Queryable = this.db): Promise<ReturnRequestRow> {
    const { rows } = await db.query<Row>(
      `INSERT INTO return_requests (station_id, repairer_id, unit_id, product_line, sale_date, kind, reason, requested_date, invoice_number, invoice_date, invoice_fen, accessories, note, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING ${REQUEST_COLUMNS}`,
      [r.stationId, r.repairerId, r.unitId, r.productLine, r.saleDate, r.kind, r.reason, r.requestedDate, r.invoice?.number ?? null, r.invoice?.date ?? null,
        r.invoice?.amountFen ?? null, JSON.stringify({ ...r.accessories, documentsComplete: r.documentsComplete }), r.note, r.createdBy, at.toISOString()],
    );
    return mapRequest(rows[0]!);
  }

  async find(id: number, db: Queryable = this.db): Promise<ReturnRequestRow | null> {
    const { rows } = await db.query<Row>(`SELECT ${REQUEST_COLUMNS} FROM return_requests WHERE id = $1`, [id]);
    return rows[0] ? mapRequest(rows[0]) : null;
  }

  /** Requests of a station (or all), optionally of one unit or in one status (the latest step's name), oldest first. */
  async list(filter: { stationId?: string | undefined; unitId?: string | undefined; status?: string | undefined; limit: number }, db: Queryable = this.db): Promise<ReturnRequestRow[]> {
    const { rows } = await db.query<Row>(
      `SELECT ${REQUEST_COLUMNS} FROM return_requests r
        WHERE ($1::text IS NULL OR station_id = $1) AND ($2::text IS NULL OR unit_id = $2)
          AND ($3::text IS NULL OR (SELECT s.step FROM return_steps s WHERE s.return_id = r.id ORDER BY s.id DESC LIMIT 1) = $3)
        ORDER BY id LIMIT $4`,
      [filter.stationId ?? null, filter.unitId ?? null, filter.status ?? null, filter.limit],
    );
    return rows.map(mapRequest);
  }

  async appendStep(returnId: number, step: Omit<ReturnStep, 'id' | 'recordedAt'>, at: Date, db: Queryable = this.db): Promise<void> {
    await db.query(
      `INSERT INTO return_steps (return_id, step, status, on_date, details, note, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [returnId, step.step, step.status, step.onDate, JSON.stringify(step.details), step.note, step.recordedBy, at.toISOString()],
    );
  }

  async steps(returnIds: readonly number[], db: Queryable = this.db): Promise<Map<number, ReturnStep[]>> {
    const byReturn = new Map<number, ReturnStep[]>();
    if (returnIds.length === 0) return byReturn;
    const { rows } = await db.query<Row>(`SELECT ${STEP_COLUMNS} FROM return_steps WHERE return_id = ANY($1::bigint[]) ORDER BY return_id, id`, [returnIds.map(String)]);
    for (const r of rows) {
      const list = byReturn.get(Number(r.return_id)) ?? [];
      list.push(mapStep(r));
      byReturn.set(Number(r.return_id), list);
    }
    return byReturn;
  }

  /** The ids of the requests decided (approved or refused) on a day in [from, to], optionally of one station, in the order decided. */
  async decidedIn(from: string, to: string, stationId: string | undefined, db: Queryable = this.db): Promise<number[]> {
    const { rows } = await db.query<{ return_id: string | number }>(
      `SELECT s.return_id FROM return_steps s JOIN return_requests r ON r.id = s.return_id
        WHERE s.step IN ('approved', 'refused') AND s.on_date >= $1 AND s.on_date <= $2 AND ($3::text IS NULL OR r.station_id = $3)
        ORDER BY s.on_date, s.id`,
      [from, to, stationId ?? null],
    );
    return rows.map((r) => Number(r.return_id));
  }

  /** The unit's exchange or refund requests that are not refused (open, or approved), with the latest step's name, oldest first. */
  async standingExchangeOrRefund(unitId: string, db: Queryable = this.db): Promise<Array<{ id: number; kind: ReturnKind; status: string }>> {
    const { rows } = await db.query<{ id: string | number; kind: ReturnKind; status: string }>(
      `SELECT r.id, r.kind, (SELECT s.step FROM return_steps s WHERE s.return_id = r.id ORDER BY s.id DESC LIMIT 1) AS status
         FROM return_requests r WHERE r.unit_id = $1 AND r.kind IN ('exchange', 'refund') ORDER BY r.id`,
      [unitId],
    );
    return rows.filter((r) => r.status !== 'refused').map((r) => ({ id: Number(r.id), kind: r.kind, status: r.status }));
  }

  /** The requests approved on a day in [from, to] that the station filed or repaired, with their approval step, in the order approved. */
  async approvedFor(from: string, to: string, stationId: string, db: Queryable = this.db): Promise<Array<{ request: ReturnRequestRow; approval: ReturnStep }>> {
    const { rows } = await db.query<Row>(
      `SELECT ${STEP_COLUMNS} FROM return_steps
        WHERE step = 'approved' AND on_date >= $1 AND on_date <= $2
          AND return_id IN (SELECT id FROM return_requests WHERE station_id = $3 OR repairer_id = $3)
        ORDER BY on_date, id`,
      [from, to, stationId],
    );
    if (rows.length === 0) return [];
    const requests = await db.query<Row>(`SELECT ${REQUEST_COLUMNS} FROM return_requests WHERE id = ANY($1::bigint[])`, [rows.map((r) => String(r.return_id))]);
    const byId = new Map(requests.rows.map((r) => [Number(r.id), mapRequest(r)]));
    return rows.map((r) => ({ request: byId.get(Number(r.return_id))!, approval: mapStep(r) }));
  }
}
