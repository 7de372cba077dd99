import { hash, randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Queryable } from '../db/db.js';
import type { Principal, Role } from '../auth/principal.js';

/** Hashed on every authenticated request: the one-shot hash costs a third of a Hash object's. */
export function hashKey(key: string): string {
  return hash('sha256', key, 'hex');
}

/** A new random key: `wk_` + 32 random bytes, base64url. Only its hash is stored. */
export function newKey(): string {
  return 'wk_' + randomBytes(32).toString('base64url');
}

/** What a key list shows to tell keys apart: the start of the key's hash, never a piece of the key. */
export function fingerprintOf(key: string): string {
  return hashKey(key).slice(0, 12);
}

export interface CreatedKey {
  id: number;
  key: string;
  role: Role;
  stationId: string | null;
  label: string | null;
  expiresAt: string | null;
}

export interface KeyOptions {
  expiresAt?: Date | null;
  replaces?: number | null;
}

interface KeyRow {
  id: number;
  role: Role;
  station_id: string | null;
  label: string | null;
  expires_at: Date | string | null;
}

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

/**
 * How long a valid key is remembered before the database is asked again. Revocation and expiry made
 * on another instance take effect within this time; an unknown, revoked or expired key is never cached.
 */
export const KEY_CACHE_MS = 500;

export class KeyStore {
  private readonly seen = new LRUCache<string, Principal & { expiresAt: number | null }, Date>({
    max: 10_000,
    ttl: KEY_CACHE_MS,
    // One lookup of a key at a time: when its entry lapses, every request then in flight with it
    // waits for the same query (32 connections asked 32, twice a second, and queued for the pool).
    // A key it does not find (undefined) is not kept; a lookup under way when its entry is dropped
    // still answers the requests waiting for it.
    ignoreFetchAbort: true,
    fetchMethod: async (hash, _stale, { context }) => (await this.lookup(hash, context)) ?? undefined,
  });

  constructor(private readonly db: Queryable) {}

  async create(role: Role, stationId: string | null, label: string | null, key: string = newKey(), options: KeyOptions = {}, db: Queryable = this.db): Promise<CreatedKey> {
    const { rows } = await db.query<{ id: number }>(
      'INSERT INTO api_keys (key_hash, fingerprint, role, station_id, label, expires_at, replaces) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
      [hashKey(key), fingerprintOf(key), role, stationId, label, options.expiresAt?.toISOString() ?? null, options.replaces ?? null],
    );
    return { id: Number(rows[0]!.id), key, role, stationId, label, expiresAt: options.expiresAt?.toISOString() ?? null };
  }

  async authenticate(key: string, now: Date = new Date()): Promise<Principal | null> {
    const hash = hashKey(key);
    const cached = this.seen.get(hash);
    if (cached && (cached.expiresAt === null || cached.expiresAt > now.getTime())) return withoutExpiry(cached);
    // An expired entry is asked again at once, not when its time in the cache is up.
    const found = await this.seen.fetch(hash, { context: now, forceRefresh: cached !== undefined });
    return found && (found.expiresAt === null || found.expiresAt > now.getTime()) ? withoutExpiry(found) : null;
  }

  private async lookup(hash: string, now: Date): Promise<(Principal & { expiresAt: number | null }) | null> {
    const { rows } = await this.db.query<KeyRow>(
      'SELECT id, role, station_id, label, expires_at FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)',
      [hash, now.toISOString()],
    );
    const row = rows[0];
    return row ? { keyId: Number(row.id), role: row.role, stationId: row.station_id, label: row.label, expiresAt: row.expires_at === null ? null : new Date(row.expires_at).getTime() } : null;
  }

  async count(): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM api_keys');
    return Number(rows[0]!.n);
  }

  /** Keys in id order; a page of `limit` after key `after` when given. */
  async list(page: { after?: number | undefined; limit?: number } = {}, now: Date = new Date()) {
    const { rows } = await this.db.query<KeyRow & { fingerprint: string; created_at: Date; revoked_at: Date | null; replaces: number | null }>(
      'SELECT id, fingerprint, role, station_id, label, created_at, revoked_at, expires_at, replaces FROM api_keys WHERE id > $1 ORDER BY id LIMIT $2',
      [page.after ?? 0, page.limit ?? null],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      fingerprint: r.fingerprint,
      role: r.role,
      stationId: r.station_id,
      label: r.label,
      createdAt: iso(r.created_at)!,
      expiresAt: iso(r.expires_at),
      replaces: r.replaces === null ? null : Number(r.replaces),
      revoked: r.revoked_at !== null,
      expired: r.expires_at !== null && new Date(r.expires_at).getTime() <= now.getTime(),
    }));
  }

  async revoke(id: number): Promise<boolean> {
    const result = await this.db.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id]);
    this.forget(id);
    return result.rowCount === 1;
  }

  /**
   * Rotation: a new key with the same role, station and label; the old one stays valid for
   * `overlapSeconds` (so dealer systems can switch without an outage), then expires.
   */
  async rotate(id: number, overlapSeconds: number, now: Date, db: Queryable = this.db): Promise<CreatedKey | null> {
    const { rows } = await db.query<KeyRow>(
      `UPDATE api_keys SET expires_at = LEAST(COALESCE(expires_at, $2::timestamptz), $2::timestamptz)
        WHERE id = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $3)
        RETURNING id, role, station_id, label, expires_at`,
      [id, new Date(now.getTime() + overlapSeconds * 1000).toISOString(), now.toISOString()],
    );
    const old = rows[0];
    this.forget(id);
    if (!old) return null;
    return this.create(old.role, old.station_id, old.label, newKey(), { replaces: id }, db);
  }

  private forget(id: number): void {
    for (const [hash, principal] of this.seen.entries()) if (principal.keyId === id) this.seen.delete(hash);
  }
}

function withoutExpiry(p: Principal & { expiresAt: number | null }): Principal {
  return { keyId: p.keyId, role: p.role, stationId: p.stationId, label: p.label };
}
