import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { Queryable } from '../db/db.js';

interface FailureRow {
  hits: number;
  reset_at: Date | string;
}

const info = (row: FailureRow | undefined): ClientRateLimitInfo | undefined => (row ? { totalHits: Number(row.hits), resetTime: new Date(row.reset_at) } : undefined);

/**
 * express-rate-limit's counters in PostgreSQL, so every instance on the database counts a client's
 * failed authentications together (one row per client address and window).
 */
export class AuthFailureStore implements Store {
  private windowMs = 60_000;
  readonly localKeys = false;
  readonly prefix = 'auth-failures:';

  constructor(private readonly db: Queryable) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const { rows } = await this.db.query<FailureRow>('SELECT hits, reset_at FROM auth_failures WHERE client = $1 AND reset_at > now()', [key]);
    return info(rows[0]);
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const { rows } = await this.db.query<FailureRow>(
      `INSERT INTO auth_failures (client, hits, reset_at) VALUES ($1, 1, now() + $2 * interval '1 millisecond')
       ON CONFLICT (client) DO UPDATE SET
         hits = CASE WHEN auth_failures.reset_at <= now() THEN 1 ELSE auth_failures.hits + 1 END,
         reset_at = CASE WHEN auth_failures.reset_at <= now() THEN excluded.reset_at ELSE auth_failures.reset_at END
       RETURNING hits, reset_at`,
      [key, this.windowMs],
    );
    return info(rows[0])!;
  }

  async decrement(key: string): Promise<void> {
    await this.db.query('UPDATE auth_failures SET hits = greatest(hits - 1, 0) WHERE client = $1', [key]);
  }

  async resetKey(key: string): Promise<void> {
    await this.db.query('DELETE FROM auth_failures WHERE client = $1', [key]);
  }
}
