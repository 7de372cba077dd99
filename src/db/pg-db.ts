import pg from 'pg';
import type { Logger } from 'pino';
import type { Db, Queryable } from './db.js';
import { isDatabaseUnavailable } from '../errors/database-errors.js';

// DATE columns come back as ISO strings, not JS Dates shifted by the server's zone.
pg.types.setTypeParser(1082, (value: string) => value);
// BIGINT counts and sums as numbers: our fen amounts stay far below 2^53.
pg.types.setTypeParser(20, (value: string) => Number(value));

export interface PgDbOptions {
  schema?: string | undefined;
  max?: number;
  /** Shown in pg_stat_activity: lets an operator (or a test) find this service's backends. */
  applicationName?: string;
  /** How long to wait for a new connection before answering "unavailable" (ms). */
  connectionTimeoutMillis?: number;
  logger?: Logger;
}

/**
 * A pool on PostgreSQL that survives the database going away: an idle client that loses its
 * connection is logged and dropped (without the `error` handler the process would die), a client
 * that fails inside a transaction is destroyed rather than returned, and new connections are made
 * on demand, so the service is back as soon as the database is.
 */
export function createPgDb(connectionString: string, options: PgDbOptions = {}): Db {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 3_000,
    keepAlive: true,
    application_name: options.applicationName ?? 'warranty',
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  const logger = options.logger;
  pool.on('error', (error) => logger?.warn({ err: error }, 'database connection lost (idle client); it is replaced on demand'));
  const asQueryable = (client: pg.Pool | pg.PoolClient): Queryable => ({
    async query(sql, params = [], options) {
      const result = options?.prepare ? await client.query({ name: options.prepare, text: sql, values: params as unknown[] }) : await client.query(sql, params as unknown[]);
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    },
  });
  return {
    kind: 'postgres',
    ...asQueryable(pool),
    async transaction(fn) {
      const client = await pool.connect();
      // A connection that drops between statements is reported here, not as an unhandled 'error'.
      let lost: unknown = null;
      const onError = (error: unknown) => {
        lost = error;
        logger?.warn({ err: error }, 'database connection lost inside a transaction');
      };
      client.on('error', onError);
      let failure: unknown = null;
      try {
        await client.query('BEGIN');
        const result = await fn(asQueryable(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        failure = error;
        if (!lost && !isDatabaseUnavailable(error)) await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.removeListener('error', onError);
        // A broken client is destroyed (release with an error), never handed to the next request.
        const broken = lost ?? (failure !== null && isDatabaseUnavailable(failure) ? failure : null);
        client.release(broken ? (broken instanceof Error ? broken : new Error(String(broken))) : undefined);
      }
    },
    async exec(sql) {
      await pool.query(sql);
    },
    close: () => pool.end(),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
  };
}
