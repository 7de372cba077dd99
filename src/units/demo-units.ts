import { readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { Db } from '../db/db.js';
import { parseUnitImport } from './unit-import.js';
import { UnitStore } from './unit-store.js';

/** Registers the demo units shipped in `demo/units.jsonl` (skipping those already there). */
export async function loadDemoUnits(db: Db, file: string, logger: Logger): Promise<number> {
  const rows = parseUnitImport(await readFile(file, 'utf8'), 'jsonl');
  const store = new UnitStore(db);
  let created = 0;
  for (const row of rows) {
    if (!row.unit) {
      logger.error({ row: row.row, errors: row.errors }, 'demo unit rejected');
      continue;
    }
    if (await store.insert(row.unit)) created += 1;
  }
  if (created > 0) logger.info({ created, file }, 'registered demo units');
  return created;
}
