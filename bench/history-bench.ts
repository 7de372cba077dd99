/**
 * History-growth benchmark (issue 10): the latency of submitting a claim on a unit with 1 earlier
 * claim and on one with 5,000, through the real ClaimService (store, read history, decide, append).
 * The earlier claims are stored in bulk with a real decision, as if decided over the months before.
 *
 *   npm run bench:history                                  # embedded PostgreSQL
 *   DATABASE_URL=postgres://… npm run bench:history        # PostgreSQL (schema history_bench)
 *   npm run bench:history -- --earlier 5000 --runs 60
 */
import { parseArgs } from 'node:util';
import { defaultPoliciesDir, defaultRulesDir } from '../src/config/paths.js';
import { loadRuleBook } from '../src/rules/rule-book.js';
import { createPgDb } from '../src/db/pg-db.js';
import { createEmbeddedDb } from '../src/db/pglite-db.js';
import { migrate } from '../src/db/migrate.js';
import type { Db } from '../src/db/db.js';
import { ClaimService, bodyHash } from '../src/claims/claim-service.js';
import { ClaimStore } from '../src/claims/claim-store.js';
import { claimSchema, type ClaimInput } from '../src/claims/claim-schema.js';
import { UnitStore } from '../src/units/unit-store.js';
import { unitSchema } from '../src/units/unit-schema.js';
import { withCheckDigit } from '../src/units/vin.js';
import type { Principal } from '../src/auth/principal.js';

const { values } = parseArgs({ options: { earlier: { type: 'string', default: '5000' }, runs: { type: 'string', default: '60' } } });
const EARLIER = Number(values.earlier);
const RUNS = Number(values.runs);
const NOW = new Date('2026-03-20T04:00:00Z');
const auditor: Principal = { keyId: 1, role: 'auditor', stationId: null, label: 'bench' };


async function openDb(): Promise<Db> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = await createEmbeddedDb();
    await migrate(db);
    return db;
  }
  const admin = createPgDb(url, { max: 1 });
  await admin.exec('DROP SCHEMA IF EXISTS history_bench CASCADE; CREATE SCHEMA history_bench');
  await admin.close();
  const db = createPgDb(url, { schema: 'history_bench', max: 4 });
  await migrate(db);
  return db;
}

const vin = (n: number) => withCheckDigit(`LB9BL5180T${String(n).padStart(7, '0')}`);

/** A cab-lamp repair (whole-vehicle term, no pre-authorisation needed) on the unit with `vinOf`. */
function lampClaim(unitVin: string, claimNumber: string, day: string, odometerKm: number): ClaimInput {
  return {
    claimNumber, stationId: 'S1', unit: { vin: unitVin }, odometerKm, failureDate: day, repairDate: day, receivedDate: day,
    reportedFault: 'lamp dark', evidence: { photos: 2, faultStatePreserved: true, priorConsent: null, warrantyCardNumber: null },
    jobs: [{ jobId: 'J1', component: 'cab-lamp', failureMode: 'open-circuit', cause: 'defect-manufacturing', causalPart: { partNumber: 'NEV-LAMP-001', quantity: 1, unitPriceFen: 26_000 }, labour: [{ operationCode: 'NEV-OP-DIAG', hours: 0.5, rateFen: 8000 }] }],
  } as ClaimInput;
}

async function main(): Promise<void> {
  const book = await loadRuleBook(defaultRulesDir(), defaultPoliciesDir());
  const db = await openDb();
  const units = new UnitStore(db);
  const claims = new ClaimStore(db);
  const service = new ClaimService({ db, ruleBook: () => book, clock: () => NOW });
  const quiet = { n: 1, vin: vin(1), id: 'BENCH-QUIET' };
  const busy = { n: 2, vin: vin(2), id: 'BENCH-BUSY' };
  for (const u of [quiet, busy]) {
    await units.insert(unitSchema.parse({ unitId: u.id, productLine: 'nev-special-vehicle', model: 'BL5180JSQ', vin: u.vin, upfitSerial: `QZ-${u.n}`, saleDate: '2025-06-01', region: 'CN-HB', dealerId: 'S1', chassisMaker: 'CHS-01' }));
  }
  // One earlier claim on the quiet unit, decided for real; its decision is the template of the busy unit's.
  const first = await service.submit(claimSchema.parse(lampClaim(quiet.vin, 'Q-0', '2025-07-01', 1_000)), lampClaim(quiet.vin, 'Q-0', '2025-07-01', 1_000), auditor);
  const started = performance.now();
  await db.transaction(async (tx) => {
    for (let i = 0; i < EARLIER; i += 1) {
      const day = new Date(Date.UTC(2025, 5, 2) + Math.floor((i * 270) / EARLIER) * 86_400_000).toISOString().slice(0, 10);
      const body = lampClaim(busy.vin, `B-${i}`, day, 1_000 + i * 10);
      const stored = await claims.insertClaim({ stationId: 'S1', claimNumber: body.claimNumber, revision: 1, unitId: busy.id, bodyText: JSON.stringify(body), bodyHash: bodyHash(body), failureDate: day, repairDate: day, receivedDate: day, odometerKm: body.odometerKm ?? null, submittedBy: 'bench' }, tx);
      await claims.appendDecision(stored!.id, { ...first.decision, claimNumber: body.claimNumber, decisionVersion: 1 } as never, 'adjudicator', null, tx, NOW);
    }
  });
  process.stdout.write(`stored ${EARLIER} earlier claims on ${busy.id} in ${((performance.now() - started) / 1000).toFixed(1)} s (${db.kind})\n`);

  if (process.env.EXPLAIN) {
    const store = claims as unknown as { db: Db };
    const orig = store.db.query.bind(store.db);
    const plan = await db.query<Record<string, string>>('EXPLAIN ANALYZE ' + (process.env.EXPLAIN_SQL ?? 'SELECT 1'));
    void orig;
    console.log(plan.rows.map((r) => Object.values(r)[0]).join('\n'));
  }
  const timings: Record<string, number[]> = { [quiet.id]: [], [busy.id]: [] };
  let odometer = 200_000;
  for (let run = -10; run < RUNS; run += 1) {
    for (const u of run % 2 === 0 ? [quiet, busy] : [busy, quiet]) {
      odometer += 1;
      const body = lampClaim(u.vin, `N-${u.n}-${run + 10}`, '2026-03-16', odometer);
      const t0 = performance.now();
      const result = await service.submit(claimSchema.parse(body), body, auditor);
      const ms = performance.now() - t0;
      if (!result.created) throw new Error('the bench claim was not decided');
      if (run >= 0) timings[u.id]!.push(ms);
    }
  }
  const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
  process.stdout.write('\n| unit | earlier claims | median ms | p90 ms |\n|---|---:|---:|---:|\n');
  for (const [u, earlier] of [[quiet, 1], [busy, EARLIER]] as const) {
    process.stdout.write(`| ${u.id} | ${earlier} | ${quantile(timings[u.id]!, 0.5).toFixed(1)} | ${quantile(timings[u.id]!, 0.9).toFixed(1)} |\n`);
  }
  const ratio = quantile(timings[busy.id]!, 0.5) / quantile(timings[quiet.id]!, 0.5);
  process.stdout.write(`\nmedian ratio (${EARLIER} earlier claims vs 1): ${ratio.toFixed(2)}× over ${RUNS} claims each (${db.kind})\n`);
  await db.close();
}


main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
