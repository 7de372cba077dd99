/** What stores need of a database: parameterised queries and transactions. Both PostgreSQL and PGlite provide it. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<{ rows: T[]; rowCount: number }>;
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
