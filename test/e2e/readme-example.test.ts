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

async function readmeResponse(): Promise<unknown> {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const after = readme.slice(readme.indexOf('The response (201'));
  const block = /```json\n([\s\S]*?)\n```/.exec(after);
  if (!block) throw new Error('no JSON response block after "The response (201" in README.md');
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
    expect(shown).toEqual(await readmeResponse());
  });
});
