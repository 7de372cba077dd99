import type { Queryable } from '../db/db.js';
import { GroupCommit } from '../db/group-commit.js';

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

/** Entries written in one statement at most (a parameter array each; well under any protocol limit). */
const MAX_BATCH = 500;

/**
 * The append-only audit log: rows are only ever inserted (the database refuses UPDATE, DELETE, TRUNCATE).
 * Appends are group-committed (GroupCommit): concurrent writes share a commit instead of each paying its
 * own. Each append still resolves only when its row is committed; a lone write goes at once.
 */
export class AuditStore {
  private readonly appends = new GroupCommit<NewAuditEntry, void>((entries) => this.insert(entries).then(() => entries.map(() => undefined)), { maxBatch: MAX_BATCH });

  constructor(private readonly db: Queryable) {}

  append(entry: NewAuditEntry): Promise<void> {
    return this.appends.submit(entry);
  }

  private async insert(entries: readonly NewAuditEntry[]): Promise<void> {
    const column = <K extends keyof NewAuditEntry>(key: K) => entries.map((e) => e[key]);
    await this.db.query(
      `INSERT INTO audit_log (at, key_id, role, station_id, request_id, action, target, status)
       SELECT * FROM unnest($1::timestamptz[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[])`,
      [entries.map((e) => e.at.toISOString()), column('keyId'), column('role'), column('stationId'), column('requestId'), column('action'), column('target'), column('status')],
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
