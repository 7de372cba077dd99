import type { Queryable } from '../db/db.js';

export type PaymentStepName = 'result-sent' | 'invoice-received' | 'invoice-rejected' | 'paid' | 'parts-credit-used';

export interface PaymentStep {
  id: number;
  stationId: string;
  month: string;
  step: PaymentStepName;
  status: string;
  amountFen: number;
  details: Record<string, unknown>;
  note: string;
  recordedBy: string;
  recordedAt: string;
}

interface Row {
  id: number | string; station_id: string; month: string; step: PaymentStepName; status: string; amount_fen: number | string;
  details: Record<string, unknown> | string; note: string; recorded_by: string; recorded_at: Date | string;
}

const COLUMNS = 'id, station_id, month, step, status, amount_fen, details, note, recorded_by, recorded_at';
const map = (r: Row): PaymentStep => ({
  id: Number(r.id), stationId: r.station_id, month: r.month, step: r.step, status: r.status, amountFen: Number(r.amount_fen),
  details: typeof r.details === 'string' ? JSON.parse(r.details) : r.details, note: r.note, recordedBy: r.recorded_by, recordedAt: new Date(r.recorded_at).toISOString(),
});

/** The steps of a station's statements from the auditor's result to payment (statement_steps, append-only). */
export class PaymentStore {
  constructor(private readonly db: Queryable) {}

  async append(step: Omit<PaymentStep, 'id' | 'recordedAt'>, at: Date, db: Queryable = this.db): Promise<void> {
    await db.query(
      `INSERT INTO statement_steps (station_id, month, step, status, amount_fen, details, note, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [step.stationId, step.month, step.step, step.status, step.amountFen, JSON.stringify(step.details), step.note, step.recordedBy, at.toISOString()],
    );
  }

  /** A station's steps, oldest first; of one month when named. */
  /** The month whose statement an invoice number was recorded on already, by this station; null if never. */
  async invoiceMonth(stationId: string, invoiceNumber: string, db: Queryable = this.db): Promise<string | null> {
    const { rows } = await db.query<{ month: string }>(
      "SELECT month FROM statement_steps WHERE station_id = $1 AND step = 'invoice-received' AND details ->> 'invoiceNumber' = $2 ORDER BY id LIMIT 1",
      [stationId, invoiceNumber],
    );
    return rows[0]?.month ?? null;
  }

  async steps(stationId: string, month?: string, db: Queryable = this.db): Promise<PaymentStep[]> {
    const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM statement_steps WHERE station_id = $1 AND ($2::text IS NULL OR month = $2) ORDER BY id`, [stationId, month ?? null]);
    return rows.map(map);
  }
}
