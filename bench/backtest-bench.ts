/**
 * Backtest benchmark: stores N generated claims with their real decisions (bulk inserts, as if the
 * service had decided them over the years), then times `runBacktest` of a draft that extends small
 * three-electric parts from 36 to 48 months — the figure issue 4 asks for (100,000 claims < 30 s).
 *
 *   DATABASE_URL=postgres://… npm run bench:backtest            # 100,000 claims on PostgreSQL
 *   npm run bench:backtest -- --count 20000                      # embedded PostgreSQL, fewer claims
 *   DATABASE_URL=postgres://… npm run bench:backtest -- --reuse  # keep a stored history of the same size
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { adjudicate } from '../src/adjudication/adjudicate.js';
import { defaultPoliciesDir, defaultRulesDir } from '../src/config/paths.js';
import { loadRuleBook, type RuleBook } from '../src/rules/rule-book.js';
import { createPgDb } from '../src/db/pg-db.js';
import { createEmbeddedDb } from '../src/db/pglite-db.js';
import { migrate } from '../src/db/migrate.js';
import type { Db } from '../src/db/db.js';
import { ClaimStore } from '../src/claims/claim-store.js';
import { bodyHash } from '../src/claims/claim-service.js';
import { BacktestSource } from '../src/backtest/backtest-source.js';
import { runBacktest } from '../src/backtest/backtest.js';
import { generateClaims } from './claim-generator.js';

const { values } = parseArgs({ options: { count: { type: 'string', default: '100000' }, seed: { type: 'string', default: '7' }, reuse: { type: 'boolean', default: false } } });
const count = Number(values.count);

/** Opens the bench database; with `--reuse` on PostgreSQL, a stored history of the same size is kept (returns true). */
async function openDb(): Promise<{ db: Db; reused: boolean }> {
  const url = process.env.DATABASE_URL;
  if (url && values.reuse) {
    const scoped = createPgDb(url, { schema: 'backtest_bench', max: 4 });
    const stored = await scoped.query<{ n: string }>('SELECT count(*) AS n FROM claims').catch(() => null);
    if (stored && Number(stored.rows[0]?.n) === count) {
      await migrate(scoped);
      return { db: scoped, reused: true };
    }
    await scoped.close();
  }
  const db = url ? createPgDb(url, { schema: undefined, max: 4 }) : await createEmbeddedDb();
  if (url) {
    await db.exec('DROP SCHEMA IF EXISTS backtest_bench CASCADE; CREATE SCHEMA backtest_bench');
    await db.close();
    const scoped = createPgDb(url, { schema: 'backtest_bench', max: 4 });
    await migrate(scoped);
    return { db: scoped, reused: false };
  }
  await migrate(db);
  return { db, reused: false };
}

async function main(): Promise<void> {
  const book = await loadRuleBook(defaultRulesDir(), defaultPoliciesDir());
  const { db, reused } = await openDb();
  const t0 = performance.now();
  if (!reused) await store(db, book);
  const loaded = performance.now();

  const draftDir = await mkdtemp(path.join(tmpdir(), 'draft-'));
  await cp(defaultRulesDir(), path.join(draftDir, 'rules'), { recursive: true });
  const file = path.join(draftDir, 'rules', 'nev-special-vehicle', '2021-01-01.json');
  const text = await readFile(file, 'utf8');
  await writeFile(file, text.replace('"term": "small-three-electric", "months": 36}', '"term": "small-three-electric", "months": 48}'));
  const draft = await loadRuleBook(path.join(draftDir, 'rules'), defaultPoliciesDir());

  const report = await runBacktest(new BacktestSource(db), draft, {}, book);
  const seconds = report.elapsedMs / 1000;
  process.stdout.write(`\nbacktest benchmark — ${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PostgreSQL (PGlite)'}, node ${process.version}\n`);
  process.stdout.write(`${reused ? 'reused' : 'stored'} ${report.claims.toLocaleString('en')} claims with decisions${reused ? ' (--reuse)' : ` in ${((loaded - t0) / 1000).toFixed(1)} s`}\n`);
  process.stdout.write(`backtest of small-three-electric 36 -> 48 months: ${report.claims.toLocaleString('en')} claims re-decided in ${seconds.toFixed(1)} s (${Math.round(report.claims / seconds).toLocaleString('en')} claims/s); ${report.changed} change: ${JSON.stringify(report.transitions)}\n`);
  process.stdout.write(`target: 100,000 claims in under 30 s — ${report.claims >= 100_000 ? (seconds < 30 ? 'met' : 'NOT met') : 'run with --count 100000 to check'}\n`);
  await rm(draftDir, { recursive: true, force: true });
  await db.close();
}

async function store(db: Db, book: RuleBook): Promise<void> {
  const claims = new ClaimStore(db);
  const generated = generateClaims({ count, seed: Number(values.seed) });
  // Units: one row each, bulk.
  const units = new Map(generated.map((g) => [g.unit.unitId, g.unit]));
  const unitRows = [...units.values()];
  for (let i = 0; i < unitRows.length; i += 1000) {
    const chunk = unitRows.slice(i, i + 1000);
    const params: unknown[] = [];
    const tuples = chunk.map((u, j) => {
      params.push(u.unitId, u.productLine, u.model, u.vin ?? null, u.upfitSerial ?? null, u.frameSerial ?? null, u.warrantyCardNumber ?? null, u.saleDate, u.region);
      const b = j * 9;
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8}, $${b + 9})`;
    });
    await db.query(`INSERT INTO units (unit_id, product_line, model, vin, upfit_serial, frame_serial, warranty_card_number, sale_date, region) VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING`, params);
  }

  // Pre-authorisations of the costly repairs, bulk.
  const issued = generated.flatMap((g) => g.preAuthorisations);
  for (let i = 0; i < issued.length; i += 1000) {
    const chunk = issued.slice(i, i + 1000);
    const params: unknown[] = [];
    const tuples = chunk.map((p, j) => {
      params.push(p.number, p.unitId, p.component, p.amountLimitFen, p.validFrom, p.validTo, p.issuedBy, p.issuedAt);
      const b = j * 8;
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8})`;
    });
    await db.query(`INSERT INTO preauthorisations (number, unit_id, component, limit_fen, valid_from, valid_to, issued_by, issued_at) VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING`, params);
  }

  // Claims and their decisions, in transactions of 500.
  for (let i = 0; i < generated.length; i += 500) {
    const chunk = generated.slice(i, i + 500);
    await db.transaction(async (tx) => {
      for (const g of chunk) {
        const body = { ...g.claim, receivedDate: g.claim.receivedDate ?? g.today };
        const decision = await adjudicate({ claim: body, unit: g.unit, history: [], ruleBook: book, today: g.today, preAuthorisations: g.preAuthorisations });
        const stored = await claims.insertClaim({ stationId: g.claim.stationId, claimNumber: g.claim.claimNumber, revision: 1, unitId: g.unit.unitId, bodyText: JSON.stringify(body), bodyHash: bodyHash(body), failureDate: g.claim.failureDate, repairDate: g.claim.repairDate, receivedDate: body.receivedDate, odometerKm: g.claim.odometerKm, submittedBy: 'bench' }, tx);
        if (stored) await claims.appendDecision(stored.id, decision, 'bench', null, tx, new Date(`${g.today}T04:00:00Z`));
      }
    });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
