import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Db } from './db.js';
import { createPgDb } from './pg-db.js';
import { createEmbeddedDb } from './pglite-db.js';
import { migrate } from './migrate.js';
import { cachedTemplate, isNewDataDir, saveTemplate } from './pglite-template.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The embedded database has a single writer: a pid lock file in the data directory keeps a second process out. */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'warranty.lock');
  const holder = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
  if (holder && holder !== process.pid && isAlive(holder)) {
    throw new Error(`the embedded database in ${dataDir} is in use by process ${holder} (it has a single writer): stop the service first, or use PostgreSQL (DATABASE_URL)`);
  }
  const handle = await open(lockFile, 'w');
  await handle.writeFile(String(process.pid));
  await handle.close();
  return () => rm(lockFile, { force: true });
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
  const unlock = await lockDataDir(options.dataDir);
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
