import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/db.js';
import type { Principal, Role } from '../auth/principal.js';

/** A console session as the middleware needs it: who, and the token writes must echo. */
export interface ConsoleSession {
  id: number;
  principal: Principal;
  csrfToken: string;
  expiresAt: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface SessionRow {
  id: number;
  csrf_token: string;
  expires_at: Date | string;
  key_id: number;
  role: Role;
  station_id: string | null;
  label: string | null;
}

/** Console sessions: only the sha256 of the cookie's token is stored. */
export class ConsoleSessionStore {
  constructor(private readonly db: Queryable) {}

  async open(keyId: number, now: Date, lifetimeMinutes: number): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = new Date(now.getTime() + lifetimeMinutes * 60_000);
    await this.db.query('INSERT INTO console_sessions (token_hash, key_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
      sha256(token),
      keyId,
      csrfToken,
      now.toISOString(),
      expiresAt.toISOString(),
    ]);
    return { token, csrfToken, expiresAt };
  }

  /** The live session of a token: not ended, not expired, its key neither revoked nor expired. */
  async find(token: string, now: Date): Promise<ConsoleSession | null> {
    const { rows } = await this.db.query<SessionRow>(
      `SELECT s.id, s.csrf_token, s.expires_at, k.id AS key_id, k.role, k.station_id, k.label
         FROM console_sessions s JOIN api_keys k ON k.id = s.key_id
        WHERE s.token_hash = $1 AND s.ended_at IS NULL AND s.expires_at > $2
          AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > $2)`,
      [sha256(token), now.toISOString()],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: Number(row.id),
      principal: { keyId: Number(row.key_id), role: row.role, stationId: row.station_id, label: row.label },
      csrfToken: row.csrf_token,
      expiresAt: new Date(row.expires_at).toISOString(),
    };
  }

  async end(id: number, now: Date): Promise<void> {
    await this.db.query('UPDATE console_sessions SET ended_at = $2 WHERE id = $1 AND ended_at IS NULL', [id, now.toISOString()]);
  }
}
