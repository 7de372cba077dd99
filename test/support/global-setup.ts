import { migratedTemplate } from '../../src/db/pglite-template.js';

/**
 * Makes the migrated embedded template once, before any test file starts: else the first files of a
 * run on a machine without one would each build it at the same time (initdb, 15–30 s under load).
 */
export default async function setup(): Promise<void> {
  if (!process.env.DATABASE_URL) await migratedTemplate();
}
