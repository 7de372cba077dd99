import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/db/db.js';
import { createPgDb, type PgDbOptions } from '../../src/db/pg-db.js';
import { createEmbeddedDb } from '../../src/db/pglite-db.js';
import { migrate } from '../../src/db/migrate.js';
import { migratedTemplate } from '../../src/db/pglite-template.js';

/** A migrated schema of its own on the PostgreSQL server of `url`; `drop` removes it. */
export async function createTestSchema(url: string): Promise<{ schema: string; drop: () => Promise<void> }> {
  const schema = `test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = createPgDb(url, { max: 1 });
  await admin.exec(`CREATE SCHEMA ${schema}`);
  const owner = createPgDb(url, { schema, max: 1 });
  await migrate(owner);
  await owner.close();
  return {
    schema,
    drop: async () => {
      await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    },
  };
}

/**
 * A migrated database for one test file: a fresh schema on the PostgreSQL server named by
 * DATABASE_URL, or an in-memory embedded PostgreSQL. Create it in `beforeAll`, close it in `afterAll`.
 * `pg` connects elsewhere (e.g. through a proxy the test owns) or under another application_name.
 */
export async function createTestDb(pg: { url?: string } & Omit<PgDbOptions, 'schema'> = {}): Promise<Db> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    // A copy of the migrated template (made once per machine and migration set), not initdb + migrations per file.
    const db = await createEmbeddedDb(undefined, { template: await migratedTemplate() });
    await migrate(db);
    return db;
  }
  const { schema, drop } = await createTestSchema(url);
  const { url: connectTo, ...options } = pg;
  const db = createPgDb(connectTo ?? url, { max: 20, ...options, schema });
  const close = db.close;
  return Object.assign(db, {
    close: async () => {
      await close();
      await drop();
    },
  });
}

export const databaseKind = process.env.DATABASE_URL ? 'postgres' : 'embedded';
