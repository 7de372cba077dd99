/**
 * Start-up of the service on the embedded database: the migrated template made once (initdb and
 * every migration, then PGlite's dumpDataDir), a first start on a new data directory (the template
 * loaded), and a restart on the data it left. Each start is a new process, timed from spawn to the
 * first 200 of /readyz.
 *
 * The service runs as deployed, compiled (`node dist/server.js`, built first from these sources);
 * `--source` starts it from the TypeScript under tsx instead (as `npm start` does), for comparison.
 *
 *   npm run bench:start                 # --cold-first: also a first start without any template (the old way)
 *   BENCH_PORT=3917 npm run bench:start -- --cold-first
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const port = Number(process.env.BENCH_PORT ?? 3918);
const coldFirst = process.argv.includes('--cold-first');
const fromSource = process.argv.includes('--source');
const serverArgs = fromSource ? ['--import', 'tsx', 'src/server.ts'] : ['dist/server.js'];
const adminKey = 'bench-admin-key-0123456789abcdefghijkl';

async function timedStart(dataDir: string, templateDir: string): Promise<number> {
  const started = performance.now();
  const server = spawn(process.execPath, serverArgs, {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, PGLITE_TEMPLATE_DIR: templateDir, BOOTSTRAP_ADMIN_KEY: adminKey, LOG_LEVEL: 'warn', WATCH_RULES: 'false', DEMO_UNITS: 'false' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    for (;;) {
      if (server.exitCode !== null) throw new Error(`the service exited (${server.exitCode})`);
      const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
      if (ok) return (performance.now() - started) / 1000;
      if (performance.now() - started > 300_000) throw new Error('not ready in 300 s');
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
}

async function main(): Promise<void> {
  if (!fromSource) execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  const work = await mkdtemp(path.join(tmpdir(), 'warranty-start-'));
  const templateDir = path.join(work, 'template');
  try {
    const rows: Array<[string, number]> = [];
    if (coldFirst) rows.push(['first start, no template (initdb + migrations)', await timedStart(path.join(work, 'cold'), path.join(work, 'no-template-cache-' + Date.now()))]);
    const { migratedTemplate } = await import('../src/db/pglite-template.js');
    process.env.PGLITE_TEMPLATE_DIR = templateDir;
    const made = performance.now();
    await migratedTemplate();
    rows.push(['template made once (initdb + migrations + dump)', (performance.now() - made) / 1000]);
    rows.push(['first start, template loaded', await timedStart(path.join(work, 'data'), templateDir)]);
    rows.push(['restart on the data it left', await timedStart(path.join(work, 'data'), templateDir)]);
    console.log(`\nstart-up, embedded database, node ${process.version}, ${fromSource ? 'src/server.ts under tsx' : 'dist/server.js'} (spawn → first /readyz 200)`);
    for (const [what, s] of rows) console.log(`${what.padEnd(50)} ${s.toFixed(1).padStart(6)} s`);
    console.log('targets: first start ≤ 10 s, restart ≤ 3 s (quiet machine)');
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
