import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/db/db.js';
import { createPgDb } from '../../src/db/pg-db.js';
import { createEmbeddedDb } from '../../src/db/pglite-db.js';
import { migrate } from '../../src/db/migrate.js';

/**
 * A migrated database for one test file: a fresh schema on the PostgreSQL server named by
 * DATABASE_URL, or an in-memory embedded PostgreSQL. Create it in `beforeAll`, close it in `afterAll`.
 */
export async function createTestDb(): Promise<Db> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = await createEmbeddedDb();
    await migrate(db);
    return db;
  }
  const schema = `test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = createPgDb(url, { max: 1 });
  await admin.exec(`CREATE SCHEMA ${schema}`);
  const db = createPgDb(url, { schema, max: 20 });
  await migrate(db);
  const close = db.close;
  return Object.assign(db, {
    close: async () => {
      await close();
      await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    },
  });
}

export const databaseKind = process.env.DATABASE_URL ? 'postgres' : 'embedded';
