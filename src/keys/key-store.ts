import { createHash, randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Queryable } from '../db/db.js';
import type { Principal, Role } from '../auth/principal.js';

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A new random key: `wk_` + 32 random bytes, base64url. Only its hash is stored. */
export function newKey(): string {
  return 'wk_' + randomBytes(32).toString('base64url');
}

export interface CreatedKey {
  id: number;
  key: string;
  role: Role;
  stationId: string | null;
  label: string | null;
}

export class KeyStore {
  /**
   * Recently seen keys, so a request does not wait for the database to authenticate. A revocation
   * through this store takes effect at once; one made elsewhere (another instance) within the TTL.
   */
  private readonly seen = new LRUCache<string, Principal>({ max: 10_000, ttl: 30_000 });

  constructor(private readonly db: Queryable) {}

  async create(role: Role, stationId: string | null, label: string | null, key: string = newKey()): Promise<CreatedKey> {
    const { rows } = await this.db.query<{ id: number }>(
      'INSERT INTO api_keys (key_hash, key_prefix, role, station_id, label) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [hashKey(key), key.slice(0, 8), role, stationId, label],
    );
    return { id: Number(rows[0]!.id), key, role, stationId, label };
  }

  async authenticate(key: string): Promise<Principal | null> {
    const hash = hashKey(key);
    const cached = this.seen.get(hash);
    if (cached) return cached;
    const principal = await this.lookup(hash);
    if (principal) this.seen.set(hash, principal);
    return principal;
  }

  private async lookup(hash: string): Promise<Principal | null> {
    const { rows } = await this.db.query<{ id: number; role: Role; station_id: string | null; label: string | null }>(
      'SELECT id, role, station_id, label FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL',
      [hash],
    );
    const row = rows[0];
    return row ? { keyId: Number(row.id), role: row.role, stationId: row.station_id, label: row.label } : null;
  }

  async count(): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM api_keys');
    return Number(rows[0]!.n);
  }

  /** Keys in id order; a page of `limit` after key `after` when given. */
  async list(page: { after?: number | undefined; limit?: number } = {}) {
    const { rows } = await this.db.query<{ id: number; key_prefix: string; role: Role; station_id: string | null; label: string | null; created_at: Date; revoked_at: Date | null }>(
      'SELECT id, key_prefix, role, station_id, label, created_at, revoked_at FROM api_keys WHERE id > $1 ORDER BY id LIMIT $2',
      [page.after ?? 0, page.limit ?? null],
    );
    return rows.map((r) => ({ id: Number(r.id), prefix: r.key_prefix, role: r.role, stationId: r.station_id, label: r.label, createdAt: new Date(r.created_at).toISOString(), revoked: r.revoked_at !== null }));
  }

  async revoke(id: number): Promise<boolean> {
    const result = await this.db.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id]);
    for (const [hash, principal] of this.seen.entries()) if (principal.keyId === id) this.seen.delete(hash);
    return result.rowCount === 1;
  }
}
