import type { Queryable } from '../db/db.js';

export interface AuditEntry {
  id: number;
  at: string;
  keyId: number | null;
  role: string | null;
  stationId: string | null;
  requestId: string;
  /** The route written to, e.g. `POST /v1/claims/:claimNumber/appeals`. */
  action: string;
  /** What was written: the new resource's location, or the path written to. */
  target: string;
  status: number;
}

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at'> & { at: Date };

interface AuditRow {
  id: number;
  at: Date | string;
  key_id: number | null;
  role: string | null;
  station_id: string | null;
  request_id: string;
  action: string;
  target: string;
  status: number;
}

function mapRow(r: AuditRow): AuditEntry {
  return { id: Number(r.id), at: new Date(r.at).toISOString(), keyId: r.key_id === null ? null : Number(r.key_id), role: r.role, stationId: r.station_id, requestId: r.request_id, action: r.action, target: r.target, status: r.status };
}

export interface AuditFilter {
  keyId?: number | undefined;
  action?: string | undefined;
  /** Entries older than this id (the cursor of the previous page). */
  before?: number | undefined;
  limit: number;
}

/** The append-only audit log: rows are only ever inserted (the database refuses UPDATE, DELETE, TRUNCATE). */
export class AuditStore {
  constructor(private readonly db: Queryable) {}

  async append(entry: NewAuditEntry): Promise<void> {
    await this.db.query(
      'INSERT INTO audit_log (at, key_id, role, station_id, request_id, action, target, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [entry.at.toISOString(), entry.keyId, entry.role, entry.stationId, entry.requestId, entry.action, entry.target, entry.status],
    );
  }

  /** Newest first, keyset-paginated by id. */
  async list(filter: AuditFilter): Promise<AuditEntry[]> {
    const { rows } = await this.db.query<AuditRow>(
      `SELECT id, at, key_id, role, station_id, request_id, action, target, status FROM audit_log
        WHERE ($1::bigint IS NULL OR key_id = $1) AND ($2::text IS NULL OR action = $2) AND ($3::bigint IS NULL OR id < $3)
        ORDER BY id DESC LIMIT $4`,
      [filter.keyId ?? null, filter.action ?? null, filter.before ?? null, filter.limit],
    );
    return rows.map(mapRow);
  }
}
