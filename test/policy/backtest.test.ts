import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { parse as parseCsv } from 'csv-parse/sync';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { generateClaims, type GeneratedClaim } from '../../bench/claim-generator.js';
import type { Decision, DecisionJob } from '../../src/adjudication/decision.js';
import type { Principal } from '../../src/auth/principal.js';
import { BacktestSource } from '../../src/backtest/backtest-source.js';
import { OUTCOME_SQL } from '../../src/backtest/outcome.js';
import { decisionOfRow } from '../../src/adjudication/decision-codec.js';
import { runBacktest, type BacktestReport } from '../../src/backtest/backtest.js';
import { ClaimService } from '../../src/claims/claim-service.js';
import { PACKAGE_ROOT } from '../../src/config/paths.js';
import { buildRuleBook, readSourceFiles, type RuleBook } from '../../src/rules/rule-book.js';
import type { SourceFile } from '../../src/rules/validation/validate-files.js';
import { UnitStore } from '../../src/units/unit-store.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { NEV_RULES, SMALL_THREE_36, SMALL_THREE_48, copyShippedRules, replaceOnce, type WorkingCopy } from './rule-files.js';
import { PreAuthorisationStore } from '../../src/preauthorisations/preauthorisation-store.js';

// A history of generated claims of both product lines, decided and stored the way the service does
// it, then backtested against a draft that extends the small-three-electric term from 36 to 48 months.
// What should change is worked out here from the stored decisions alone, with luxon.

const SMALL_THREE = new Set(['electric-steering', 'electric-air-compressor', 'dc-charging-unit']);
const SMALL_THREE_SUPPLIERS = ['SUP-AIR-01', 'SUP-DC-01', 'SUP-EPS-01'];
const ZONE = 'Asia/Shanghai';
const AUDITOR: Principal = { keyId: 1, role: 'auditor', stationId: null, label: null };
const run = promisify(execFile);

let copy: WorkingCopy;
let t: TestApp;
let baseline: RuleBook;
let draftFiles: SourceFile[];
let draftText: string;
let stored: StoredRow[];
let report: BacktestReport;

interface StoredRow {
  key: string;
  stationId: string;
  claimNumber: string;
  repairDate: string;
  productLine: string | null;
  decision: Omit<Decision, 'trace'>;
  /** The jobs the draft should turn: small-three-electric, denied EW, failing before sale + 48 months. */
  extended: DecisionJob[];
}

const keyOf = (c: { stationId: string; claimNumber: string }) => `${c.stationId}/${c.claimNumber}`;
const monthsAfter = (from: string, to: string) => DateTime.fromISO(to, { zone: ZONE }).diff(DateTime.fromISO(from, { zone: ZONE }), 'months').months;

/**
 * About 480 generated claims: every small-three-electric claim failing 30 to 54 months after sale
 * (on both sides of the 36- and 48-month lines) among the first 4,000, then the others in order.
 */
function pickClaims(): GeneratedClaim[] {
  const all = generateClaims({ count: 4000, seed: 2026 });
  const nearTerm = (g: GeneratedClaim) => g.claim.jobs.some((j) => SMALL_THREE.has(j.component)) && monthsAfter(g.unit.saleDate, g.claim.failureDate) >= 30 && monthsAfter(g.unit.saleDate, g.claim.failureDate) < 54;
  const chosen = all.filter(nearTerm);
  for (const g of all) {
    if (chosen.length >= 480) break;
    if (!nearTerm(g)) chosen.push(g);
  }
  return chosen;
}

/** Registers the units and submits every claim through the claim service on its own "today". */
async function storeHistory(claims: GeneratedClaim[]): Promise<void> {
  const units = new UnitStore(t.db);
  for (const { unit } of claims) await units.insert(unit);
  const issued = new PreAuthorisationStore(t.db);
  for (const { preAuthorisations } of claims) for (const p of preAuthorisations) await issued.issue(p, new Date(p.issuedAt));
  let now = new Date();
  const service = new ClaimService({ db: t.db, ruleBook: () => baseline, clock: () => now });
  const inOrder = [...claims].sort((a, b) => (a.today < b.today ? -1 : a.today > b.today ? 1 : 0));
  for (const { claim, today } of inOrder) {
    now = new Date(`${today}T04:00:00Z`); // noon in Shanghai
    // Received on its "today" unless the generator filed it on another (late) day.
    const body = { ...claim, receivedDate: claim.receivedDate ?? today };
    await service.submit(body, body, AUDITOR);
  }
}

async function readStored(): Promise<StoredRow[]> {
  const { rows } = await t.db.query<{ station_id: string; claim_number: string; failure_date: string; repair_date: string; sale_date: string | null; product_line: string | null; decision: Omit<Decision, 'trace'> | string }>(
    `SELECT c.station_id, c.claim_number, c.failure_date, c.repair_date, u.sale_date, u.product_line, d.decision - 'trace' AS decision
       FROM claims c
       LEFT JOIN units u ON u.unit_id = c.unit_id
       JOIN LATERAL (SELECT decision FROM decisions WHERE claim_id = c.id ORDER BY version DESC LIMIT 1) d ON true`,
  );
  return rows.map((r) => {
    const decision = decisionOfRow(r.decision);
    const endOf48 = r.sale_date ? DateTime.fromISO(r.sale_date, { zone: ZONE }).plus({ months: 48 }).toISODate()! : '';
    const extended = decision.jobs.filter((j) => SMALL_THREE.has(j.component) && j.reasons.some((x) => x.code === 'EW') && r.failure_date < endOf48);
    return { key: keyOf({ stationId: r.station_id, claimNumber: r.claim_number }), stationId: r.station_id, claimNumber: r.claim_number, repairDate: r.repair_date, productLine: r.product_line, decision, extended };
  });
}

const expectedKeys = (rows: StoredRow[]) => rows.filter((r) => r.extended.length > 0).map((r) => r.key).sort();
const changedKeys = (r: BacktestReport) => r.changes.map(keyOf).sort();

beforeAll(async () => {
  copy = await copyShippedRules();
  t = await createTestApp({ rulesDir: copy.rulesDir, policiesDir: copy.policiesDir });
  baseline = t.ruleBook;
  const files = await readSourceFiles(copy.rulesDir, copy.policiesDir);
  draftFiles = files.map((f) => (f.file.endsWith(NEV_RULES) ? { ...f, text: replaceOnce(f.text, SMALL_THREE_36, SMALL_THREE_48) } : f));
  draftText = draftFiles.find((f) => f.file.endsWith(NEV_RULES))!.text;
  await storeHistory(pickClaims());
  stored = await readStored();
  report = await runBacktest(new BacktestSource(t.db), buildRuleBook(draftFiles), {}, baseline);
}, 180_000);

afterAll(async () => {
  await t?.close();
  await copy?.remove();
});

describe('backtesting small-three-electric 36 → 48 months on a stored history', () => {
  it('stores a history of both product lines in which the draft has something to change', () => {
    expect(stored.length).toBeGreaterThanOrEqual(450);
    expect([...new Set(stored.map((r) => r.productLine).filter((line) => line !== null))].sort()).toEqual(['e-bike', 'nev-special-vehicle']);
    expect(expectedKeys(stored).length).toBeGreaterThanOrEqual(15);
    expect(report.claims).toBe(stored.length);
  });

  it('changes exactly the claims with a small-three-electric job denied EW that failed before sale + 48 months', () => {
    expect(changedKeys(report)).toEqual(expectedKeys(stored));
    expect(report.changed).toBe(report.changes.length);
  });

  it('turns the expired term of each such job off, and EW goes unless another job of the claim is still EW', () => {
    const byKey = new Map(stored.map((r) => [r.key, r]));
    for (const change of report.changes) {
      const row = byKey.get(keyOf(change))!;
      for (const job of row.extended) {
        expect(change.rules, change.claimNumber).toContainEqual(expect.objectContaining({ rule: 'nev.term.expired', jobId: job.jobId, before: true, after: false }));
      }
      const stillExpired = row.decision.jobs.some((j) => !row.extended.includes(j) && j.reasons.some((x) => x.code === 'EW'));
      expect(change.before.reasons).toContain('EW');
      expect(change.after.reasons.includes('EW'), change.claimNumber).toBe(stillExpired);
      expect(change.deltaFen, change.claimNumber).toBeGreaterThanOrEqual(0);
      if (change.before.reasons.join() === 'EW' && !stillExpired) {
        // Nothing but the expired term stood in the way: now covered and paid, perhaps with cuts, or
        // pended on a check that only a covered job gets (a consequential part it may not claim: WC).
        expect(['approved', 'adjusted', 'pended'], change.claimNumber).toContain(change.after.status);
        expect(change.after.approvedFen, change.claimNumber).toBeGreaterThan(change.before.approvedFen);
      }
    }
    expect(report.byReasonCode.EW).toEqual({ added: 0, removed: report.changes.filter((c) => !c.after.reasons.includes('EW')).length });
  });

  it('names the edited rule and nothing else', () => {
    expect(report.editedRules).toEqual([{ ruleSet: 'nev-special-vehicle@2021-01-01', rule: 'nev.term.small-three-electric', change: 'changed' }]);
    expect(report.draft).toContainEqual(expect.objectContaining({ id: 'nev-special-vehicle', version: '2021-01-01' }));
  });

  it('adds up: transitions, and the payout delta per party and per station, against the stored decisions', () => {
    const transitions: Record<string, number> = {};
    for (const c of report.changes) transitions[`${c.before.status} -> ${c.after.status}`] = (transitions[`${c.before.status} -> ${c.after.status}`] ?? 0) + 1;
    expect(report.transitions).toEqual(transitions);

    const total = report.changes.reduce((s, c) => s + c.deltaFen, 0);
    expect(total).toBeGreaterThan(0);
    expect(report.payoutDelta.totalFen).toBe(total);
    expect(report.payoutDelta.byParty.reduce((s, p) => s + p.deltaFen, 0)).toBe(total);
    expect(report.payoutDelta.byStation.reduce((s, p) => s + p.deltaFen, 0)).toBe(total);

    // Only the small-three-electric suppliers gain, and each "before" is what the stored decisions paid them.
    const changed = new Set(changedKeys(report));
    const paidBefore = new Map<string, number>();
    for (const row of stored.filter((r) => changed.has(r.key))) {
      for (const p of row.decision.totals.byParty) paidBefore.set(`${p.type}:${p.id ?? ''}`, (paidBefore.get(`${p.type}:${p.id ?? ''}`) ?? 0) + p.approvedFen);
    }
    for (const party of report.payoutDelta.byParty) {
      expect(party.type).toBe('supplier');
      expect(SMALL_THREE_SUPPLIERS).toContain(party.id);
      expect(party.deltaFen).toBeGreaterThan(0);
      expect(party.afterFen - party.beforeFen).toBe(party.deltaFen);
      expect(party.beforeFen).toBe(paidBefore.get(`supplier:${party.id}`) ?? 0);
    }
    for (const station of report.payoutDelta.byStation) {
      const before = stored.filter((r) => changed.has(r.key) && r.stationId === station.stationId).reduce((s, r) => s + r.decision.totals.approvedFen, 0);
      expect(station.beforeFen).toBe(before);
      expect(station.afterFen - station.beforeFen).toBe(station.deltaFen);
    }
  });

  it('re-decides claims under the pre-authorisations they name: covered ones stay covered, forgotten ones stay AC', async () => {
    const { rows } = await t.db.query<{ n: number | string }>(`SELECT count(*) AS n FROM claims WHERE body_text LIKE '%preAuthorisationNumber%'`);
    expect(Number(rows[0]!.n)).toBeGreaterThan(50);
    expect(stored.some((r) => r.decision.jobs.some((j) => j.reasons.some((x) => x.code === 'AC')))).toBe(true);
    expect(report.changes.filter((c) => c.before.reasons.includes('AC') !== c.after.reasons.includes('AC'))).toEqual([]);
  });

  it('reports no change for a draft identical to the rules in force', async () => {
    const unchanged = await runBacktest(new BacktestSource(t.db), buildRuleBook(await readSourceFiles(copy.rulesDir, copy.policiesDir)), {}, baseline);

    expect(unchanged.claims).toBe(stored.length);
    expect(unchanged.changes).toEqual([]);
    expect(unchanged.editedRules).toEqual([]);
    expect(unchanged.payoutDelta).toEqual({ totalFen: 0, byParty: [], byStation: [] });
  });

  it('gives the same report when the claims are read in many small pages, changes in repair-date order', async () => {
    const paged = await runBacktest(new BacktestSource(t.db, 7), buildRuleBook(draftFiles), {}, baseline, { workers: 0 });

    expect({ ...paged, elapsedMs: 0 }).toEqual({ ...report, elapsedMs: 0 });
    const repairDates = new Map(stored.map((r) => [r.key, r.repairDate]));
    const order = paged.changes.map((c) => repairDates.get(keyOf(c))!);
    expect(order).toEqual([...order].sort());
  });

  it('stores each decision’s outcome beside it, and derives the same from a decision stored without one', async () => {
    const { rows } = await t.db.query<{ outcome: unknown; decision: unknown }>(`SELECT outcome, decision - 'trace' AS decision FROM decisions ORDER BY id`);
    expect(rows.length).toBe(stored.length);
    // A decision stored without an outcome was stored whole (before the compact form): derived from each one as it would have been.
    const { rows: derived } = await t.db.query<{ derived: unknown }>(
      `SELECT ${OUTCOME_SQL} AS derived FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS old(d, n) ORDER BY n`,
      [JSON.stringify(rows.map((r) => decisionOfRow(r.decision)))],
    );
    const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
    rows.forEach((row, i) => expect(parse(derived[i]!.derived)).toEqual(parse(row.outcome)));
    expect(rows.some((r) => (parse(r.outcome) as { jobs: unknown[] }).jobs.length > 1)).toBe(true);
  });

  it('gives the same report when worker threads re-decide the claims', async () => {
    const threaded = await runBacktest(new BacktestSource(t.db, 50), buildRuleBook(draftFiles), {}, baseline, { workers: 2 });

    expect({ ...threaded, elapsedMs: 0 }).toEqual({ ...report, elapsedMs: 0 });
  });

  it('gives the same report when one worker and this thread share small pages, each claim counted once, pages in order', async () => {
    const progress: number[] = [];
    const shared = await runBacktest(new BacktestSource(t.db, 7), buildRuleBook(draftFiles), {}, baseline, { workers: 1, onProgress: (n) => progress.push(n) });

    expect({ ...shared, elapsedMs: 0 }).toEqual({ ...report, elapsedMs: 0 });
    // Pages are recorded one after another although two are decided at once: 7, 14, … up to every claim.
    expect(progress).toEqual(Array.from({ length: Math.ceil(stored.length / 7) }, (_, i) => Math.min((i + 1) * 7, stored.length)));
  });

  it('limits the claims to a period of repair dates and to a product line', async () => {
    const draft = buildRuleBook(draftFiles);
    const [from, to] = ['2024-01-01', '2025-06-30'];
    const inPeriod = stored.filter((r) => r.repairDate >= from && r.repairDate <= to);

    const period = await runBacktest(new BacktestSource(t.db), draft, { from, to }, baseline);
    expect(period.claims).toBe(inPeriod.length);
    expect(changedKeys(period)).toEqual(expectedKeys(inPeriod));

    const eBikes = await runBacktest(new BacktestSource(t.db), draft, { productLine: 'e-bike' }, baseline);
    expect(eBikes.claims).toBe(stored.filter((r) => r.productLine === 'e-bike').length);
    expect(eBikes.changes).toEqual([]);
  });
});

describe('POST /v1/backtests', () => {
  const body = () => ({ files: [{ path: NEV_RULES, text: draftText }] });

  it('reports the same changes as JSON for a draft laid over the files in force', async () => {
    const res = await request(t.app).post('/v1/backtests').set(t.auth.policyOwner).send(body()).expect(200);

    expect(changedKeys(res.body)).toEqual(expectedKeys(stored));
    expect(res.body).toMatchObject({ claims: stored.length, changed: report.changed, transitions: report.transitions, payoutDelta: report.payoutDelta, editedRules: report.editedRules });
  });

  it('answers CSV, one row per changed claim, with format: "csv"', async () => {
    const res = await request(t.app).post('/v1/backtests').set(t.auth.policyOwner).send({ ...body(), format: 'csv', productLine: 'nev-special-vehicle' }).expect(200);

    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parseCsv(res.text, { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0]!)).toEqual(['claimNumber', 'stationId', 'unitId', 'statusBefore', 'statusAfter', 'approvedFenBefore', 'approvedFenAfter', 'deltaFen', 'reasonsBefore', 'reasonsAfter', 'rules']);
    expect(rows.map((r) => keyOf({ stationId: r.stationId!, claimNumber: r.claimNumber! })).sort()).toEqual(expectedKeys(stored));
    for (const row of rows) {
      expect(Number(row.approvedFenAfter) - Number(row.approvedFenBefore)).toBe(Number(row.deltaFen));
      expect(row.reasonsBefore!.split(' ')).toContain('EW');
      expect(row.rules!.split(' ')).toContain('nev.term.expired');
    }
  });

  it('answers 422 with the problems of a broken draft (months written as a string)', async () => {
    const res = await request(t.app).post('/v1/backtests').set(t.auth.policyOwner).send({ files: [{ path: NEV_RULES, text: replaceOnce(draftText, SMALL_THREE_48, '"params": {"term": "small-three-electric", "months": "48"}') }] });

    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.problems).toEqual([
      expect.objectContaining({ severity: 'error', file: NEV_RULES, path: expect.stringMatching(/^rules\[\d+\]\.event\.params\.months$/), message: 'Invalid input: expected number, received string' }),
    ]);
  });

  it('is for policy owners only: an auditor gets 403', async () => {
    await request(t.app).post('/v1/backtests').set(t.auth.auditor).send(body()).expect(403);
  });
});

describe('warranty rules backtest --draft <dir>', () => {
  it('prints the same report from a database the command opens itself', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'warranty-backtest-'));
    try {
      const draftDir = path.join(work, 'draft');
      await cp(copy.rulesDir, path.join(draftDir, 'rules'), { recursive: true });
      await writeFile(path.join(draftDir, NEV_RULES), draftText);
      const env: NodeJS.ProcessEnv = { ...process.env, RULES_DIR: copy.rulesDir, POLICIES_DIR: copy.policiesDir, LOG_LEVEL: 'silent' };
      if (t.db.kind === 'embedded') {
        // The command opens the embedded database in DATA_DIR: give it a copy of this test's database.
        const dump = await (t.db as unknown as { pglite: PGlite }).pglite.dumpDataDir('none');
        await mkdir(path.join(work, 'data', 'pgdata'), { recursive: true });
        const disk = await PGlite.create(path.join(work, 'data', 'pgdata'), { loadDataDir: dump });
        await disk.close();
        env.DATA_DIR = path.join(work, 'data');
        delete env.DATABASE_URL;
      } else {
        // PostgreSQL: the same server, with this test's schema first on the search path.
        const { rows } = await t.db.query<{ schema: string }>('SELECT current_schema() AS schema');
        const url = new URL(process.env.DATABASE_URL!);
        url.searchParams.set('options', `-c search_path=${rows[0]!.schema}`);
        env.DATABASE_URL = url.toString();
      }

      const { stdout, stderr } = await run(process.execPath, [path.join(PACKAGE_ROOT, 'bin', 'warranty.js'), 'rules', 'backtest', '--draft', draftDir, '--format', 'json'], { env, cwd: work, maxBuffer: 64 * 1024 * 1024 });
      const printed = JSON.parse(stdout) as BacktestReport;

      expect(changedKeys(printed)).toEqual(expectedKeys(stored));
      expect(printed.editedRules).toEqual(report.editedRules);
      expect(printed.payoutDelta).toEqual(report.payoutDelta);
      expect(stderr).toContain(`${stored.length} claims re-decided in`);
      expect(stderr).toContain(`; ${report.changed} would change`);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }, 60_000);
});
