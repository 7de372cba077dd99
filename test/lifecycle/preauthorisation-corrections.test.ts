import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { batteryFor, issuePreAuthorisation, preAuthorisationCount, registerBareNevUnit } from './preauthorisation-helpers.js';
import { batteryJob, buildClaim, buildNevUnit, decide, errorPaths, expectProblem, lampJob, reasonCodes } from '../e2e/fixtures.js';
import { correct, lineOf, readClaim, reviewQueue } from '../settlement/settlement-helpers.js';

/**
 * Pre-authorisation beyond the first filing (issue 5 item 4): the numbers the service gives, who may
 * issue and read them, and the station's way out of an AC pend — the auditor issues the
 * pre-authorisation and the station files a correction that names it. NEV units sold 2021-03-15;
 * the battery (68,000.00 + a 1,450.00 harness) fails 2026-03-14 and is repaired 2026-03-16.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-20T04:00:00Z' });
});
afterAll(() => t.close());

const freshUnit = () => registerBareNevUnit(t);
const issue = (body: Record<string, unknown>, auth = t.auth.auditor) => issuePreAuthorisation(t, body, auth);
const count = () => preAuthorisationCount(t);

describe('issuing', () => {
  it('keeps the PA-<digits> form for the numbers it gives: such a number given by hand is refused at "number", and the next issued number is still free', async () => {
    const unit = await freshUnit();
    const before = await count();
    const taken = await issue(batteryFor(unit.unitId, { number: 'PA-000002' }));
    expectProblem(taken, 400, 'validation-failed');
    expect(errorPaths(taken)).toEqual(['number']);
    expect(await count()).toBe(before);
    const numbers = [];
    for (let i = 0; i < 3; i += 1) numbers.push((await issue(batteryFor(unit.unitId)).expect(201)).body.number);
    expect(new Set(numbers).size).toBe(3);
    for (const n of numbers) expect(n).toMatch(/^PA-\d{6}$/);
  });

  it('lets an admin issue one too, recorded as issued by that key', async () => {
    const unit = await freshUnit();
    const res = await issue(batteryFor(unit.unitId), t.auth.admin);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.issuedBy).toMatch(/admin/);
  });

  it('answers 404 for a VIN the registry does not know, and stores nothing', async () => {
    const before = await count();
    const unknown = buildNevUnit();
    expectProblem(await issue({ ...batteryFor('x'), unitId: undefined, unit: { vin: unknown.vin } }), 404, 'not-found');
    expect(await count()).toBe(before);
  });

  it('does not show a pre-authorisation to a dealer key, nor an unknown number to anyone', async () => {
    const unit = await freshUnit();
    const { number } = (await issue(batteryFor(unit.unitId)).expect(201)).body;
    expectProblem(await request(t.app).get(`/v1/preauthorisations/${number}`).set(t.auth.dealer), 403, 'forbidden');
    expectProblem(await request(t.app).get('/v1/preauthorisations/PA-999999').set(t.auth.auditor), 404, 'not-found');
  });
});

describe('a battery claim pended AC for want of a pre-authorisation', () => {
  it('is decided again, covered, when the station corrects it to name the pre-authorisation the auditor then issued', async () => {
    const unit = await freshUnit();
    const filed = buildClaim(unit, { preAuthorisationNumber: undefined, jobs: [batteryJob()] });
    const first = await decide(t, filed, t.auth.dealer);
    expect(first.status).toBe('pended');
    expect(reasonCodes(first.jobs[0])).toEqual(['AC']);
    expect(first.totals).toMatchObject({ approvedFen: 0, pendingFen: 6_800_000 + 145_000 + 48_000 + 20_000 + 20_000 });

    const { number } = (await issue(batteryFor(unit.unitId, { note: 'issued after the repair: pack replacement confirmed with the supplier' })).expect(201)).body;
    const res = await correct(t, filed.claimNumber, { ...filed, jobs: [batteryJob({ preAuthorisationNumber: number })] }, t.auth.dealer);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ decisionVersion: 2, status: 'approved' });
    expect(res.body.jobs[0]).toMatchObject({ status: 'covered', reasons: [], liableParty: { type: 'supplier', id: 'SUP-BATT-01' } });
    expect(lineOf(res.body, 'J1/causal')).toMatchObject({ approvedFen: 6_800_000, hold: 'part-return' });
    expect(res.body.totals).toMatchObject({ claimedFen: 7_033_000, approvedFen: 7_033_000, pendingFen: 0 });
    expect((await reviewQueue(t)).map((i) => i.claimNumber)).not.toContain(filed.claimNumber);
    expect((await readClaim(t, filed.claimNumber).expect(200)).body).toMatchObject({ revision: 2, decisionVersion: 2, status: 'approved' });
  });

  it('stays pended AC when the correction names a pre-authorisation whose amount is still below the parts claimed', async () => {
    const unit = await freshUnit();
    const filed = buildClaim(unit, { preAuthorisationNumber: undefined, jobs: [batteryJob()] });
    expect((await decide(t, filed)).status).toBe('pended');
    const { number } = (await issue(batteryFor(unit.unitId, { amountLimitFen: 6_800_000 })).expect(201)).body;
    const res = await correct(t, filed.claimNumber, { ...filed, preAuthorisationNumber: number });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.status).toBe('pended');
    expect(reasonCodes(res.body.jobs[0])).toEqual(['AC']);
  });
});

describe('a claim-level pre-authorisation', () => {
  it('covers the battery it was issued for; the claim\'s lamp job is decided on its own (EW after 12 months)', async () => {
    const unit = await freshUnit();
    const { number } = (await issue(batteryFor(unit.unitId)).expect(201)).body;
    const decision = await decide(t, buildClaim(unit, { preAuthorisationNumber: number, jobs: [batteryJob(), lampJob({ jobId: 'J2' })] }));
    expect(decision.jobs.map((j: { jobId: string; status: string }) => [j.jobId, j.status])).toEqual([['J1', 'covered'], ['J2', 'denied']]);
    expect(reasonCodes(decision.jobs[0])).toEqual([]);
    expect(reasonCodes(decision.jobs[1])).toEqual(['EW']);
    expect(decision.status).toBe('partial');
  });
});
