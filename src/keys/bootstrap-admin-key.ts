import { chmod, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Db } from '../db/db.js';
import { KeyStore } from './key-store.js';

/**
 * On first start with no keys, creates an admin key: the one given in BOOTSTRAP_ADMIN_KEY, or a new
 * one written to `$DATA_DIR/initial-admin-key` (mode 0600), the way Jenkins hands out its first password.
 */
export async function bootstrapAdminKey(db: Db, dataDir: string, givenKey: string | undefined, logger: Logger): Promise<void> {
  const keys = new KeyStore(db);
  if ((await keys.count()) > 0) return;
  if (givenKey) {
    await keys.create('admin', null, 'bootstrap (BOOTSTRAP_ADMIN_KEY)', givenKey);
    logger.info('created the admin key given in BOOTSTRAP_ADMIN_KEY');
    return;
  }
  const created = await keys.create('admin', null, 'initial admin key');
  await mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, 'initial-admin-key');
  await writeFile(file, created.key + '\n', { mode: 0o600 });
  await chmod(file, 0o600);
  logger.warn({ file }, `first start: an admin key was created and written to ${file}; use it as "Authorization: Bearer <key>" to create other keys (POST /v1/keys)`);
}
