import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { databaseKind } from '../support/test-db.js';
import { registerDemoUnits } from './fixtures.js';

/**
 * The README's worked example, run as the README says: the demo units, the pre-authorisation of
 * `demo/preauthorisation-battery.json`, then `demo/claim-battery.json`. The response must be the one
 * the README shows (its `today` is the day it was captured, 2026-11-22; the trace is left out there).
 */
const readJson = async (file: string) => JSON.parse(await readFile(new URL(`../../${file}`, import.meta.url), 'utf8'));

/** The first JSON block of the README after `marker`. */
async function readmeJson(marker: string): Promise<unknown> {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const after = readme.slice(readme.indexOf(marker));
  const block = /```json\n([\s\S]*?)\n```/.exec(after);
  if (!block) throw new Error(`no JSON block after "${marker}" in README.md`);
  return JSON.parse(block[1]!);
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-22T04:00:00Z' });
  await registerDemoUnits(t);
});
afterAll(() => t.close());

describe(`the README's worked example (${databaseKind})`, () => {
  it('issues the pre-authorisation and decides the battery claim exactly as the README shows', async () => {
    await request(t.app).post('/v1/preauthorisations').set(t.auth.auditor).send(await readJson('demo/preauthorisation-battery.json')).expect(201);
    const res = await request(t.app).post('/v1/claims').set(t.auth.auditor).send(await readJson('demo/claim-battery.json'));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { trace, ...shown } = res.body;
    expect(trace.length).toBeGreaterThan(0);
    expect(shown).toEqual(await readmeJson('The response (201'));
  });

  it('answers the pre-check the README shows', async () => {
    const res = await request(t.app).post('/v1/eligibility').set(t.auth.auditor)
      .send({ unit: { vin: 'LB9BL518XM0000042' }, date: '2026-03-14', odometerKm: 150000, components: [{ component: 'traction-battery' }, { partNumber: 'NEV-EPS-001' }] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual(await readmeJson("A dealer system's pre-check"));
  });
});
