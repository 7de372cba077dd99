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

/** Entries written in one statement at most (a parameter array each; well under any protocol limit). */
const MAX_BATCH = 500;

interface Waiting {
  entry: NewAuditEntry;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * The append-only audit log: rows are only ever inserted (the database refuses UPDATE, DELETE, TRUNCATE).
 * Appends are group-committed: while one INSERT is on its way, the entries that arrive meanwhile wait
 * and go together in the next one, so concurrent writes share a commit instead of each paying its own.
 * Each append still resolves only when its row is committed; a lone write goes at once.
 */
export class AuditStore {
  private waiting: Waiting[] = [];
  private writing = false;

  constructor(private readonly db: Queryable) {}

  append(entry: NewAuditEntry): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ entry, resolve, reject });
      if (!this.writing) void this.writeWaiting();
    });
  }

  private async writeWaiting(): Promise<void> {
    this.writing = true;
    try {
      await this.drain();
    } finally {
      this.writing = false;
      // An entry that came while the last batch's answer was being handed on goes now.
      if (this.waiting.length > 0) void this.writeWaiting();
    }
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, MAX_BATCH);
      try {
        await this.insert(batch.map((w) => w.entry));
        for (const w of batch) w.resolve();
      } catch (error) {
        // One entry the database refuses must not take the others with it: each alone, then.
        if (batch.length === 1) batch[0]!.reject(error);
        else await Promise.all(batch.map((w) => this.insert([w.entry]).then(w.resolve, w.reject)));
      }
    }
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
