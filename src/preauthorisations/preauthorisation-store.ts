import type { Queryable } from '../db/db.js';
import type { PreAuthorisation } from './preauthorisation-schema.js';

interface Row {
  number: string;
  unit_id: string;
  component: string;
  limit_fen: number;
  valid_from: string;
  valid_to: string;
  issued_by: string;
  issued_at: Date | string;
  note: string | null;
}

const COLUMNS = 'number, unit_id, component, limit_fen, valid_from, valid_to, issued_by, issued_at, note';

function mapRow(r: Row): PreAuthorisation {
  return {
    number: r.number,
    unitId: r.unit_id,
    component: r.component,
    amountLimitFen: Number(r.limit_fen),
    validFrom: r.valid_from,
    validTo: r.valid_to,
    issuedBy: r.issued_by,
    issuedAt: new Date(r.issued_at).toISOString(),
    note: r.note,
  };
}

/** The numbers of the pre-authorisations a claim body refers to (claim-level and per job). */
export function referencedNumbers(claims: ReadonlyArray<{ preAuthorisationNumber?: string | undefined; jobs: ReadonlyArray<{ preAuthorisationNumber?: string | undefined }> }>): string[] {
  const numbers = new Set<string>();
  for (const claim of claims) {
    if (claim.preAuthorisationNumber) numbers.add(claim.preAuthorisationNumber);
    for (const job of claim.jobs) if (job.preAuthorisationNumber) numbers.add(job.preAuthorisationNumber);
  }
  return [...numbers];
}

/** Issued pre-authorisations: inserted once, never updated. */
export class PreAuthorisationStore {
  constructor(private readonly db: Queryable) {}

  /** Issues one; null when the number given is taken. */
  async issue(p: Omit<PreAuthorisation, 'number' | 'issuedAt'> & { number?: string | undefined }, issuedAt: Date): Promise<PreAuthorisation | null> {
    const { rows } = await this.db.query<Row>(
      `INSERT INTO preauthorisations (number, unit_id, component, limit_fen, valid_from, valid_to, issued_by, issued_at, note)
       VALUES (coalesce($9, 'PA-' || lpad(nextval('preauthorisation_number_seq')::text, 6, '0')), $1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (number) DO NOTHING
       RETURNING ${COLUMNS}`,
      [p.unitId, p.component, p.amountLimitFen, p.validFrom, p.validTo, p.issuedBy, issuedAt.toISOString(), p.note, p.number ?? null],
    );
    return rows[0] ? mapRow(rows[0]) : null;
  }

  async get(number: string): Promise<PreAuthorisation | null> {
    const { rows } = await this.db.query<Row>(`SELECT ${COLUMNS} FROM preauthorisations WHERE number = $1`, [number]);
    return rows[0] ? mapRow(rows[0]) : null;
  }

  async getMany(numbers: readonly string[]): Promise<PreAuthorisation[]> {
    if (numbers.length === 0) return [];
    const { rows } = await this.db.query<Row>(`SELECT ${COLUMNS} FROM preauthorisations WHERE number = ANY($1::text[])`, [numbers]);
    return rows.map(mapRow);
  }

  /** A unit's pre-authorisations, oldest first; a page of `limit` after the one numbered `after`. */
  async ofUnit(unitId: string, page: { after?: string | undefined; limit?: number } = {}): Promise<PreAuthorisation[]> {
    const { rows } = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM preauthorisations
        WHERE unit_id = $1
          AND ($2::text IS NULL OR (issued_at, number) > (SELECT issued_at, number FROM preauthorisations WHERE number = $2))
        ORDER BY issued_at, number
        LIMIT $3`,
      [unitId, page.after ?? null, page.limit ?? null],
    );
    return rows.map(mapRow);
  }
}
