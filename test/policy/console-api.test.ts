import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { databaseKind } from '../support/test-db.js';
import { runRuleCases } from '../../src/rules/cases/run-cases.js';
import { defaultRulesDir } from '../../src/config/paths.js';
import { NEV_RULES, SMALL_THREE_36, SMALL_THREE_48, replaceOnce } from './rule-files.js';
import { expectedChanges, pickSmallThreeClaims, storeHistory } from './small-three-history.js';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../src/config/paths.js';

// What the policy owner's console pages read: a rule set's cases and their results, rule coverage
// over cases and stored decisions, and a backtest run in the background with its progress.

let t: TestApp;
let expected: string[];
let draftText: string;

beforeAll(async () => {
  t = await createTestApp();
  await storeHistory(t.db, t.ruleBook, pickSmallThreeClaims(24, 16));
  expected = await expectedChanges(t.db);
  draftText = replaceOnce(await readFile(path.join(PACKAGE_ROOT, NEV_RULES), 'utf8'), SMALL_THREE_36, SMALL_THREE_48);
}, 120_000);
afterAll(() => t?.close());

const get = (url: string, auth = t.auth.policyOwner) => request(t.app).get(url).set(auth);

describe(`GET /v1/rulesets/{id}/{version}/cases (${databaseKind})`, () => {
  it("runs the rule set's shipped cases: every one passes, each with the rules it fired", async () => {
    const nev = t.ruleBook.ruleSets.find((r) => r.file.productLine === 'nev-special-vehicle')!;
    const res = await get(`/v1/rulesets/${nev.file.id}/${nev.file.version}/cases`).expect(200);
    const direct = (await runRuleCases(defaultRulesDir(), t.ruleBook)).results.filter((r) => r.ruleSet === `${nev.file.id}@${nev.file.version}`);
    expect(res.body).toMatchObject({ id: nev.file.id, version: nev.file.version, hash: nev.hash, passed: direct.length, failed: 0 });
    expect(res.body.cases.map((c: { name: string }) => c.name)).toEqual(direct.map((r) => r.name));
    const battery = res.body.cases.find((c: { firedRules: string[] }) => c.firedRules.some((r) => r.includes('core-three')));
    expect(battery).toMatchObject({ passed: true, failures: [], file: expect.stringMatching(/^rules\/nev-special-vehicle\/cases\/.+\.json$/) });
  });

  it('answers 404 for a rule set not in force, and is open to auditors but not to dealers', async () => {
    const nev = t.ruleBook.ruleSets[0]!;
    await get(`/v1/rulesets/${nev.file.id}/1999-01-01/cases`).expect(404);
    await get(`/v1/rulesets/${nev.file.id}/${nev.file.version}/cases`, t.auth.auditor).expect(200);
    await get(`/v1/rulesets/${nev.file.id}/${nev.file.version}/cases`, t.auth.dealer).expect(403);
  });
});

describe(`GET /v1/rulesets/{id}/{version}/coverage (${databaseKind})`, () => {
  it('counts per rule the cases and the stored decisions it fired in: the small-three expiry fired in the stored EW denials', async () => {
    const nev = t.ruleBook.ruleSets.find((r) => r.file.productLine === 'nev-special-vehicle')!;
    const res = await get(`/v1/rulesets/${nev.file.id}/${nev.file.version}/coverage`).expect(200);
    expect(res.body.rules.map((r: { rule: string }) => r.rule)).toEqual(nev.file.rules.map((r) => r.name));
    expect(res.body.cases).toBeGreaterThan(0);
    // Every rule fires in some shipped case (test/rules/rule-cases.test.ts keeps it so).
    expect(res.body.rules.filter((r: { firedInCases: number }) => r.firedInCases === 0)).toEqual([]);
    const { rows } = await t.db.query<{ n: number | string }>(
      `SELECT count(*) AS n FROM claims c JOIN units u ON u.unit_id = c.unit_id WHERE u.product_line = 'nev-special-vehicle'`,
    );
    expect(res.body.decisions).toBe(Number(rows[0]!.n));
    const expired = res.body.rules.find((r: { rule: string }) => r.rule === 'nev.term.expired');
    expect(expired.firedInDecisions).toBeGreaterThanOrEqual(expected.length);
    expect(expired.firedInDecisions).toBeLessThanOrEqual(res.body.decisions);
  });
});

describe(`POST /v1/backtests with Prefer: respond-async (${databaseKind})`, () => {
  it('answers 202 with the run at once; GET on its Location gives its progress and then the report with the expected changed claims', async () => {
    const started = await request(t.app).post('/v1/backtests').set(t.auth.policyOwner).set('Prefer', 'respond-async').send({ files: [{ path: NEV_RULES, text: draftText }] }).expect(202);
    expect(started.headers['preference-applied']).toBe('respond-async');
    expect(started.headers.location).toBe(`/v1/backtests/${started.body.id}`);
    expect(started.body).toMatchObject({ status: 'running', report: null, progress: { claims: 0 } });

    let run = started.body;
    for (let i = 0; i < 600 && run.status === 'running'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      run = (await get(String(started.headers.location)).expect(200)).body;
    }
    expect(run.status).toBe('done');
    expect(run.progress).toEqual({ claims: 40, total: 40 });
    expect(run.report.changes.map((c: { stationId: string; claimNumber: string }) => `${c.stationId}/${c.claimNumber}`).sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    for (const change of run.report.changes) expect(change.rules.map((r: { rule: string }) => r.rule)).toContain('nev.term.expired');

    const sync = await request(t.app).post('/v1/backtests').set(t.auth.policyOwner).send({ files: [{ path: NEV_RULES, text: draftText }] }).expect(200);
    expect({ ...run.report, elapsedMs: 0 }).toEqual({ ...sync.body, elapsedMs: 0 });
  });

  it('refuses a broken draft with 422 before starting, and a run id it never gave with 404; an auditor may not read a run', async () => {
    const broken = replaceOnce(draftText, SMALL_THREE_48, '"params": {"term": "small-three-electric", "months": "48"}');
    const res = await request(t.app).post('/v1/backtests').set(t.auth.policyOwner).set('Prefer', 'respond-async').send({ files: [{ path: NEV_RULES, text: broken }] });
    expect(res.status).toBe(422);
    await get('/v1/backtests/00000000-0000-4000-8000-000000000000').expect(404);
    await get('/v1/backtests/00000000-0000-4000-8000-000000000000', t.auth.auditor).expect(403);
  });
});
