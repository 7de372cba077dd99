import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PACKAGE_ROOT } from '../config/paths.js';
import { migrate, MIGRATIONS_DIR } from './migrate.js';
import { wrapPglite } from './pglite-db.js';

/**
 * A migrated embedded database, dumped once (PGlite's `dumpDataDir`) and kept as a tar file: a new
 * embedded database is loaded from it (`loadDataDir`) instead of running initdb and every migration,
 * which took most of a first start (initdb alone 15–25 s on this machine). The file is named after
 * the migrations and the PGlite version, so a changed migration makes a new template.
 */
const cacheDir = (env: NodeJS.ProcessEnv = process.env) => path.resolve(env.PGLITE_TEMPLATE_DIR ?? path.join(PACKAGE_ROOT, 'node_modules', '.cache', 'warranty-pglite'));

async function templateKey(): Promise<string> {
  const hash = createHash('sha256');
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{3}_.+\.sql$/.test(f)).sort();
  for (const file of files) hash.update(file).update('\0').update(await readFile(path.join(MIGRATIONS_DIR, file))).update('\0');
  hash.update(await pgliteVersion());
  const version = 'pglite';
  return `template-${version}-${hash.digest('hex').slice(0, 16)}.tar`;
}

/** The installed PGlite's version (its package.json, found up from its entry point: the subpath is not exported). */
async function pgliteVersion(): Promise<string> {
  for (let at = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')); path.dirname(at) !== at; at = path.dirname(at)) {
    const manifest = path.join(at, 'package.json');
    if (!existsSync(manifest)) continue;
    const parsed = JSON.parse(await readFile(manifest, 'utf8')) as { name?: string; version?: string };
    if (parsed.name === '@electric-sql/pglite') return parsed.version ?? '';
  }
  return '';
}

let inProcess: Promise<Blob> | null = null;

const templateFile = async () => path.join(cacheDir(), await templateKey());

/** The cached template, or null when this machine has none for these migrations yet. */
export async function cachedTemplate(): Promise<Blob | null> {
  const file = await templateFile();
  return existsSync(file) ? new Blob([await readFile(file)]) : null;
}

/** Keeps a just-migrated database (nothing else in it) as the template; returns it. */
export async function saveTemplate(pglite: PGlite): Promise<Blob> {
  const file = await templateFile();
  const bytes = new Uint8Array(await (await pglite.dumpDataDir('none')).arrayBuffer());
  // Written aside and renamed: a concurrent reader sees the whole file or none. A cache that cannot
  // be written (a read-only install) only costs the next first start its time.
  const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(partial, bytes);
    await rename(partial, file);
  } catch {
    await rm(partial, { force: true }).catch(() => undefined);
  }
  return new Blob([bytes]);
}

/** The migrated template as a tar blob: from the cache file, or made now in memory (and cached) when there is none. */
export function migratedTemplate(): Promise<Blob> {
  inProcess ??= (async () => {
    const cached = await cachedTemplate();
    if (cached) return cached;
    const pglite = await PGlite.create();
    try {
      await migrate(wrapPglite(pglite));
      return await saveTemplate(pglite);
    } finally {
      await pglite.close();
    }
  })();
  inProcess.catch(() => (inProcess = null));
  return inProcess;
}

/** Whether `dataDir` holds no embedded database yet (a first start). */
export function isNewDataDir(dataDir: string): boolean {
  return !existsSync(path.join(dataDir, 'PG_VERSION'));
}
