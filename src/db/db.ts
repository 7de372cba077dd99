/** What stores need of a database: parameterised queries and transactions. Both PostgreSQL and PGlite provide it. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<{ rows: T[]; rowCount: number }>;
}

export interface QueryOptions {
  /**
   * A name for a statement run on every request (a claim's history, its insert): PostgreSQL then
   * parses and plans it once per connection instead of each time. One name, one SQL text, always.
   * The embedded database ignores it.
   */
  prepare?: string;
}

export interface Db extends Queryable {
  readonly kind: 'postgres' | 'embedded';
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs several statements at once (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
  /** Connections of the pool: all, idle, and requests waiting for one (PostgreSQL only; for /metrics). */
  poolStats?(): { total: number; idle: number; waiting: number };
}

/** SQLSTATE of a unique-constraint violation, for stores that map it to a domain error. */
export const UNIQUE_VIOLATION = '23505';

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === UNIQUE_VIOLATION;
}
