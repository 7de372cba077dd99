/**
 * Backtest benchmark: stores N generated claims with their real decisions (COPY, as if the service had
 * decided them over the years), then times `runBacktest` of a draft that extends small three-electric
 * parts from 36 to 48 months, beside its floor measured in the same run: reading the same pages with
 * no re-decision. Prints peak RSS and a digest of the report (a change in what it reports shows).
 * Issue 13 asks for 1,000,000 claims in ≤ 120 s, RSS ≤ 500 MB, the history stored in ≤ 5 min.
 *
 *   DATABASE_URL=postgres://… npm run bench:backtest                          # 100,000 claims on PostgreSQL
 *   DATABASE_URL=postgres://… npm run bench:backtest -- --count 1000000 --reuse # keep a stored history of that size
 *   npm run bench:backtest -- --count 20000                                   # embedded PostgreSQL (PGlite)
 *   … -- --no-build                                                           # dist/ as it is (built already from these sources)
 *
 * The backtest runs the compiled service (dist/), as deployed: its worker threads start as plain node,
 * without the loader thread and transforms tsx gives each worker (under tsx a worker cost ~90 MB more).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import canonicalize from 'canonicalize';
import { loadConfig } from '../src/config/config.js';
import { boundHeapGrowth } from '../src/config/heap-growth.js';
import { defaultPoliciesDir, defaultRulesDir } from '../src/config/paths.js';
import type { loadRuleBook, RuleBook } from '../src/rules/rule-book.js';
import { createPgDb } from '../src/db/pg-db.js';
import { createEmbeddedDb } from '../src/db/pglite-db.js';
import { migrate } from '../src/db/migrate.js';
import type { Db } from '../src/db/db.js';
import { RuleSetStore } from '../src/rulesets/rule-set-store.js';
import type { BacktestReport } from '../src/backtest/backtest.js';
import { pgCopySink, pgliteCopySink, storeHistory, type CopySink, type StoredHistory } from './history/store-history.js';

const { values } = parseArgs({ options: { count: { type: 'string', default: '100000' }, seed: { type: 'string', default: '7' }, reuse: { type: 'boolean', default: false }, workers: { type: 'string' }, 'no-build': { type: 'boolean', default: false } } });
const count = Number(values.count);
const SCHEMA = 'backtest_bench';

/** Opens the bench database; with `--reuse` on PostgreSQL, a stored history of the same size is kept. */
async function openDb(): Promise<{ db: Db; sink: (() => Promise<CopySink>) | null }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = await createEmbeddedDb();
    await migrate(db);
    return { db, sink: async () => pgliteCopySink(db.pglite) };
  }
  if (values.reuse) {
    const scoped = createPgDb(url, { schema: SCHEMA, max: 4 });
    const stored = await scoped.query<{ n: string }>('SELECT count(*) AS n FROM claims').catch(() => null);
    if (stored && Number(stored.rows[0]?.n) === count) {
      await migrate(scoped);
      return { db: scoped, sink: null };
    }
    await scoped.close();
  }
  const admin = createPgDb(url, { max: 1 });
  await admin.exec(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE; CREATE SCHEMA ${SCHEMA}`);
  await admin.close();
  const scoped = createPgDb(url, { schema: SCHEMA, max: 4 });
  await migrate(scoped);
  return { db: scoped, sink: () => pgCopySink(url, SCHEMA) };
}

/** Peak resident set size while `fn` runs, sampled every 50 ms (worker threads are in this process). */
async function withPeakRss<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number; cpuSeconds: number; peakMb: number }> {
  let peak = process.memoryUsage.rss();
  const cpu0 = process.cpuUsage();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
  const t0 = performance.now();
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage.rss());
    const cpu = process.cpuUsage(cpu0);
    return { value, seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakMb: peak / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The backtest's modules as built in dist/ (built first from these sources unless `--no-build`). */
async function compiledBacktest() {
  if (!values['no-build']) execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  const load = <T>(file: string) => import(pathToFileURL(path.join(root, 'dist', file)).href) as Promise<T>;
  const [backtest, source, ruleBook] = await Promise.all([
    load<typeof import('../src/backtest/backtest.js')>('backtest/backtest.js'),
    load<typeof import('../src/backtest/backtest-source.js')>('backtest/backtest-source.js'),
    load<typeof import('../src/rules/rule-book.js')>('rules/rule-book.js'),
  ]);
  return { runBacktest: backtest.runBacktest, BacktestSource: source.BacktestSource, loadRuleBook: ruleBook.loadRuleBook };
}

async function draftBook(loadBook: typeof loadRuleBook): Promise<{ draft: RuleBook; dir: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'draft-'));
  await cp(defaultRulesDir(), path.join(dir, 'rules'), { recursive: true });
  const file = path.join(dir, 'rules', 'nev-special-vehicle', '2021-01-01.json');
  const text = await readFile(file, 'utf8');
  await writeFile(file, text.replace('"term": "small-three-electric", "months": 36}', '"term": "small-three-electric", "months": 48}'));
  return { draft: await loadBook(path.join(dir, 'rules'), defaultPoliciesDir()), dir };
}

/** What the report says, without its timing: the same history and draft give the same digest. */
function digest(report: BacktestReport): string {
  const { elapsedMs: _elapsed, ...rest } = report;
  return `sha256:${createHash('sha256').update(canonicalize(rest) ?? '').digest('hex').slice(0, 16)}…`;
}

const fmt = (n: number, digits = 1) => n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  const { runBacktest, BacktestSource, loadRuleBook: loadCompiledBook } = await compiledBacktest();
  const book = await loadCompiledBook(defaultRulesDir(), defaultPoliciesDir());
  const { db, sink } = await openDb();
  // Compact stored traces are rebuilt from the files on record.
  await new RuleSetStore(db).record(book);
  const load = loadavg()[0]!;
  let stored: (StoredHistory & { peakMb: number; cpuSeconds: number }) | null = null;
  if (sink) {
    const s = await withPeakRss(async () => storeHistory(await sink(), book, count, Number(values.seed)));
    stored = { ...s.value, peakMb: s.peakMb, cpuSeconds: s.cpuSeconds };
  }
  // From here V8's heap grows as the service lets it (HEAP_GROWING_PERCENT, see startServer), where a backtest runs in process.
  boundHeapGrowth(loadConfig().heapGrowingPercent);
  const { draft, dir } = await draftBook(loadCompiledBook);
  const source = new BacktestSource(db);

  // The floor: the same pages read, nothing decided.
  const floor = await withPeakRss(async () => {
    let n = 0;
    for await (const page of source.pages({})) n += page.claims.length;
    return n;
  });
  const workers = values.workers === undefined ? {} : { workers: Number(values.workers) };
  const run = await withPeakRss(() => runBacktest(source, draft, {}, book, workers));
  const report = run.value;
  const loadAfter = loadavg()[0]!;

  const rows: Array<[string, string, string, string]> = [
    ['claims', report.claims.toLocaleString('en'), `${floor.value.toLocaleString('en')} read by the floor`, report.claims === floor.value ? 'same' : 'DIFFERENT'],
    [
      'store the history (COPY, decided on worker threads)',
      stored ? `${fmt(stored.seconds)} s, ${Math.round(stored.claims / stored.seconds).toLocaleString('en')} claims/s, ${fmt(stored.cpuSeconds)} s CPU in node, ${fmt(stored.bytes / 2 ** 20, 0)} MB of COPY text, peak RSS ${fmt(stored.peakMb, 0)} MB` : 'reused (--reuse)',
      'target ≤ 300 s for 1,000,000',
      stored ? `${fmt((stored.seconds * (1_000_000 / stored.claims)) / 300, 2)}× the target, scaled to 1,000,000` : '—',
    ],
    ['floor: read the same pages, no re-decision', `${fmt(floor.seconds)} s, ${Math.round(floor.value / floor.seconds).toLocaleString('en')} claims/s, ${fmt(floor.cpuSeconds)} s CPU in node`, '—', '1.00×'],
    ['backtest: small-three-electric 36 → 48 months', `${fmt(run.seconds)} s, ${Math.round(report.claims / run.seconds).toLocaleString('en')} claims/s, ${fmt(run.cpuSeconds)} s CPU in node (all threads)`, 'the floor', `${fmt(run.seconds / floor.seconds, 2)}× the floor's time, ${fmt(run.cpuSeconds / Math.max(floor.cpuSeconds, 0.001), 2)}× its CPU`],
    ['backtest scaled to 1,000,000 claims', `${fmt((run.seconds * 1_000_000) / Math.max(report.claims, 1))} s`, 'target ≤ 120 s', `${fmt((run.seconds * 1_000_000) / Math.max(report.claims, 1) / 120, 2)}× the target`],
    ['peak RSS during the backtest', `${fmt(run.peakMb, 0)} MB`, `floor ${fmt(floor.peakMb, 0)} MB; target ≤ 500 MB`, `${fmt(run.peakMb / 500, 2)}× the target`],
    ['changed claims', `${report.changed.toLocaleString('en')}: ${JSON.stringify(report.transitions)}`, '—', '—'],
    ['report digest (without timing)', digest(report), '—', '—'],
  ];
  const out = [
    `\nbacktest benchmark — ${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PostgreSQL (PGlite)'}, node ${process.version}, load average ${fmt(load, 1)} → ${fmt(loadAfter, 1)} (2 cores, shared)`,
    '',
    '| figure | measured | floor / target | ratio |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
  ];
  process.stdout.write(out.join('\n'));
  await rm(dir, { recursive: true, force: true });
  await db.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
