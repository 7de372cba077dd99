import { PGlite, types } from '@electric-sql/pglite';
import type { Db, Queryable } from './db.js';

const parsers = { [types.DATE]: (value: string) => value, [types.INT8]: (value: string) => Number(value) };

export function wrapPglite(pglite: PGlite): Db {
  const asQueryable = (q: Pick<PGlite, 'query'>): Queryable => ({
    async query(sql, params = []) {
      const result = await q.query(sql, params as unknown[], { parsers });
      // PGlite reports affectedRows 0 for a SELECT; like pg, count the rows returned then.
      return { rows: result.rows as never[], rowCount: result.affectedRows ? result.affectedRows : result.rows.length };
    },
  });
  return {
    kind: 'embedded',
    ...asQueryable(pglite),
    transaction: (fn) => pglite.transaction((tx) => fn(asQueryable(tx))),
    async exec(sql) {
      await pglite.exec(sql);
    },
    close: () => pglite.close(),
  };
}

/**
 * The embedded PostgreSQL: a data directory on disk, or in memory when none is given. A new database
 * can start from `template` (a dumped data directory, see pglite-template.ts) instead of initdb.
 */
export async function createEmbeddedDb(dataDir?: string, options: { template?: Blob } = {}): Promise<Db & { pglite: PGlite }> {
  const load = options.template ? { loadDataDir: options.template } : {};
  const pglite = dataDir ? await PGlite.create(dataDir, load) : await PGlite.create(load);
  return Object.assign(wrapPglite(pglite), { pglite });
}

/** A copy of an embedded database (e.g. a migrated template), for tests. */
export async function cloneEmbeddedDb(source: PGlite): Promise<Db & { pglite: PGlite }> {
  const pglite = (await source.clone()) as PGlite;
  return Object.assign(wrapPglite(pglite), { pglite });
}
