import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { PACKAGE_ROOT } from '../../src/config/paths.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { copyShippedRules, type WorkingCopy } from '../policy/rule-files.js';
import { submitNevClaim } from './after-sales-helpers.js';

// The after-sales policies (policies/<line>/after-sales/<from>.json) are checked by `warranty rules
// validate` with the rest, and reloaded with the rule book: a good edit takes effect, a broken one is
// rejected while the last good policy keeps serving. On a working copy of the shipped files.

const run = promisify(execFile);
const WARRANTY = path.join(PACKAGE_ROOT, 'bin', 'warranty.js');
const NEV_AFTER_SALES = 'policies/nev-special-vehicle/after-sales/2021-01-01.json';
const DISPATCH_60 = '"dispatchMinutes": 60';

async function validate(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(process.execPath, [WARRANTY, 'rules', 'validate', ...args], { cwd });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '' };
  }
}

let copy: WorkingCopy;
let t: TestApp;
beforeAll(async () => {
  copy = await copyShippedRules();
  t = await createTestApp({ now: '2026-03-20T04:00:00Z', rulesDir: copy.rulesDir, policiesDir: copy.policiesDir });
});
afterAll(async () => {
  t?.rules.close();
  await t?.close();
  await copy?.remove();
});

const at = (hhmm: string) => `2026-03-15T${hhmm}:00+08:00`;
/** A claim of station S9 dispatched 40 minutes after the report. */
const dispatchedIn40 = () => submitNevClaim(t, { stationId: 'S9', serviceLevel: { reportedAt: at('08:00'), dispatchedAt: at('08:40') } });
const dispatchShare = async () => {
  const res = await request(t.app).get('/v1/stations/S9/service-levels').query({ from: '2026-03-01', to: '2026-03-31' }).set(t.auth.auditor).expect(200);
  return res.body.limits.find((l: { limit: string }) => l.limit === 'dispatch');
};

describe('after-sales policies in rules validate', () => {
  it('counts the shipped after-sales files and finds no error', async () => {
    const out = await validate(copy.dir, '.');
    expect(out.code, out.stdout).toBe(0);
    expect(out.stdout).toMatch(/2 after-sales policy file\(s\): 0 error\(s\)/);
  });

  it('names the file, line and field of a broken after-sales policy: a negative limit, an unknown key, shares not adding to 100, the wrong folder', async () => {
    await copy.edit(NEV_AFTER_SALES, DISPATCH_60, '"dispatchMinutes": -5, "dispatchHours": 1');
    await copy.edit(NEV_AFTER_SALES, '"productLine": "nev-special-vehicle"', '"productLine": "e-bike"');
    const text = await copy.read(NEV_AFTER_SALES);
    const line = text.split('\n').findIndex((l) => l.includes('"dispatchMinutes": -5')) + 1;
    const out = await validate(copy.dir, '.');
    expect(out.code).toBe(1);
    expect(out.stdout).toContain(`${NEV_AFTER_SALES}:${line}:`);
    expect(out.stdout).toMatch(/\(at serviceLevels\.dispatchMinutes\)/);
    expect(out.stdout).toMatch(/unknown key "dispatchHours"/);
    const json = JSON.parse((await validate(copy.dir, '.', '--json')).stdout) as { problems: Array<{ file: string; path: string; message: string }> };
    expect(json.problems.filter((p) => p.file === NEV_AFTER_SALES).map((p) => p.path)).toEqual(expect.arrayContaining(['serviceLevels.dispatchMinutes', 'serviceLevels']));
    await copy.edit(NEV_AFTER_SALES, '"dispatchMinutes": -5, "dispatchHours": 1', DISPATCH_60);
    const folder = await validate(copy.dir, '.', '--json');
    expect(JSON.parse(folder.stdout).problems.filter((p: { severity: string }) => p.severity === 'error')).toEqual([expect.objectContaining({ file: NEV_AFTER_SALES, path: 'productLine', message: expect.stringContaining('is not its folder nev-special-vehicle') })]);
    await copy.edit(NEV_AFTER_SALES, '"productLine": "e-bike"', '"productLine": "nev-special-vehicle"');
    expect((await validate(copy.dir, '.')).code).toBe(0);
  });
});

describe('after-sales policies reload with the rule book', () => {
  it('applies a changed dispatch limit after a reload, and keeps the last good policy when an edit is broken', async () => {
    await dispatchedIn40();
    expect(await dispatchShare()).toMatchObject({ measured: 1, within: 1, late: 0 });

    await copy.edit(NEV_AFTER_SALES, DISPATCH_60, '"dispatchMinutes": 30');
    const reloaded = await request(t.app).post('/v1/rulesets/reload').set(t.auth.policyOwner);
    expect(reloaded.status, JSON.stringify(reloaded.body)).toBe(200);
    expect(reloaded.body.status).toBe('reloaded');
    expect(await dispatchShare()).toMatchObject({ measured: 1, within: 0, late: 1, withinPct: 0 });

    await copy.edit(NEV_AFTER_SALES, '"dispatchMinutes": 30', '"dispatchMinutes": "half an hour"');
    const rejected = await request(t.app).post('/v1/rulesets/reload').set(t.auth.policyOwner);
    expect(rejected.body.status).toBe('rejected');
    expect(rejected.body.errors).toEqual([expect.objectContaining({ file: expect.stringContaining('after-sales/2021-01-01.json'), path: 'serviceLevels.dispatchMinutes' })]);
    expect(await dispatchShare()).toMatchObject({ late: 1 });
  });
});
