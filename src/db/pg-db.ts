import pg from 'pg';
import type { Db, Queryable } from './db.js';

// DATE columns come back as ISO strings, not JS Dates shifted by the server's zone.
pg.types.setTypeParser(1082, (value: string) => value);
// BIGINT counts and sums as numbers: our fen amounts stay far below 2^53.
pg.types.setTypeParser(20, (value: string) => Number(value));

export function createPgDb(connectionString: string, options: { schema?: string; max?: number } = {}): Db {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  const asQueryable = (client: pg.Pool | pg.PoolClient): Queryable => ({
    async query(sql, params = []) {
      const result = await client.query(sql, params as unknown[]);
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    },
  });
  return {
    kind: 'postgres',
    ...asQueryable(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(asQueryable(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async exec(sql) {
      await pool.query(sql);
    },
    close: () => pool.end(),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
  };
}
