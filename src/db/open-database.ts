import { mkdir, rm, stat } from 'node:fs/promises';
import lockfile from 'proper-lockfile';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Db } from './db.js';
import { createPgDb } from './pg-db.js';
import { migrate } from './migrate.js';

/** How long a lock whose holder stopped refreshing it (a crash, `kill -9`) keeps a restart waiting. */
const LOCK_STALE_MS = 10_000;

/**
 * The embedded database has a single writer. The lock is proper-lockfile's: an atomic `mkdir` whose
 * mtime the holder refreshes every few seconds, so no pid is trusted (a reused pid cannot keep it) and
 * the lock of a process that died goes stale by itself; a restart right after a crash waits for that.
 */
async function lockDataDir(dataDir: string, logger?: Logger): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'warranty.lock');
  // Earlier versions kept a pid in a plain file of that name; it holds nothing now.
  if ((await stat(lockPath).catch(() => null))?.isFile()) await rm(lockPath, { force: true });
  try {
    return await lockfile.lock(dataDir, {
      lockfilePath: lockPath,
      stale: LOCK_STALE_MS,
      update: LOCK_STALE_MS / 4,
      retries: { retries: Math.ceil(LOCK_STALE_MS / 1000) + 2, minTimeout: 1000, maxTimeout: 1000, factor: 1 },
      onCompromised: (error) => {
        // Another process took the data directory over: writing on would corrupt it.
        logger?.fatal({ err: error }, 'the embedded database lock was lost; stopping');
        throw error;
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    throw new Error(`the embedded database in ${dataDir} is in use by another process (it has a single writer): stop the service first, or use PostgreSQL (DATABASE_URL)`);
  }
}

/** PostgreSQL when a URL is given, else the embedded PostgreSQL in `dataDir`; migrated either way. */
export async function openDatabase(options: { databaseUrl?: string | undefined; migrationDatabaseUrl?: string | undefined; dataDir: string; migrate?: boolean; logger?: Logger }): Promise<Db> {
  const migrating = options.migrate ?? true;
  if (options.databaseUrl) {
    // Migrations run as the owner when MIGRATION_DATABASE_URL names one; the service then queries as
    // the restricted role of DATABASE_URL (see 022_append_only_records.sql).
    if (migrating && options.migrationDatabaseUrl) {
      const owner = createPgDb(options.migrationDatabaseUrl, { max: 1, applicationName: 'warranty-migrate', ...(options.logger ? { logger: options.logger } : {}) });
      try {
        await migrate(owner);
      } finally {
        await owner.close();
      }
    }
    const db = createPgDb(options.databaseUrl, options.logger ? { logger: options.logger } : {});
    if (migrating && !options.migrationDatabaseUrl) await migrate(db);
    return db;
  }
  // Imported only here: PGlite and its WebAssembly add ~10 MB to a process that runs on PostgreSQL.
  const [{ createEmbeddedDb }, { cachedTemplate, isNewDataDir, saveTemplate }] = await Promise.all([import('./pglite-db.js'), import('./pglite-template.js')]);
  const unlock = await lockDataDir(options.dataDir, options.logger);
  const pgdata = path.join(options.dataDir, 'pgdata');
  // A first start loads the migrated template instead of running initdb and every migration; the
  // first one on a machine (no template yet) keeps its freshly migrated database as the template.
  const first = migrating && isNewDataDir(pgdata);
  const template = first ? await cachedTemplate() : null;
  const db = await createEmbeddedDb(pgdata, template ? { template } : {});
  if (migrating) await migrate(db);
  if (first && !template) await saveTemplate(db.pglite);
  const close = db.close;
  return Object.assign(db, {
    close: async () => {
      await close();
      await unlock();
    },
  });
}
