/**
 * Builds the web console: the API's TypeScript types from the OpenAPI document
 * (console/src/api/schema.d.ts), then Vite into console/dist. `--if-stale` skips the build when
 * dist is newer than every console source and every OpenAPI source (what `npm start` and the browser
 * tests' globalSetup use).
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { build } from 'vite';
import { buildOpenApiDocument } from '../src/app/openapi.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const consoleDir = path.join(root, 'console');
const builtIndex = path.join(consoleDir, 'dist', 'index.html');
const schemaFile = path.join(consoleDir, 'src', 'api', 'schema.d.ts');

function newestIn(dir: string, skip: (p: string) => boolean): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const at = path.join(dir, entry.name);
    if (skip(at)) continue;
    newest = Math.max(newest, entry.isDirectory() ? newestIn(at, skip) : statSync(at).mtimeMs);
  }
  return newest;
}

export function consoleIsStale(): boolean {
  if (!existsSync(builtIndex)) return true;
  const built = statSync(builtIndex).mtimeMs;
  const consoleSources = newestIn(consoleDir, (p) => p.startsWith(path.join(consoleDir, 'dist')) || p === schemaFile || p.includes('node_modules'));
  const apiSources = newestIn(path.join(root, 'src'), () => false);
  return Math.max(consoleSources, apiSources) > built;
}

export async function buildConsole(): Promise<void> {
  const document = buildOpenApiDocument();
  const ast = await openapiTS(document as unknown as Parameters<typeof openapiTS>[0]);
  mkdirSync(path.dirname(schemaFile), { recursive: true });
  writeFileSync(schemaFile, '// Generated from the OpenAPI document by scripts/build-console.ts; do not edit.\n' + astToString(ast));
  await build({ configFile: path.join(consoleDir, 'vite.config.ts') });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ifStale = process.argv.includes('--if-stale');
  if (ifStale && !consoleIsStale()) {
    console.log('console: up to date');
  } else {
    const started = Date.now();
    await buildConsole();
    console.log(`console: built into console/dist in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
