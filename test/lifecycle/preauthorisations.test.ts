import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { batteryFor, issuePreAuthorisation, preAuthorisationCount, registerBareNevUnit } from './preauthorisation-helpers.js';
import { batteryJob, buildClaim, decide, errorPaths, expectProblem, lampJob, reasonCodes } from '../e2e/fixtures.js';
import { lineOf, review, reviewQueue } from '../settlement/settlement-helpers.js';

/**
 * Pre-authorisation (issue 5 item 4): a NEV job whose claimed parts exceed 20,000.00 (the policy's
 * threshold) needs a valid pre-authorisation, issued by an auditor for the unit and component, with
 * an amount limit and a validity period; without one, or above its amount, the job is pended AC.
 * Every unit here is a NEV sold 2021-03-15; the battery (68,000.00 + a 1,450.00 harness) fails
 * 2026-03-14 and is repaired 2026-03-16; "now" is 2026-03-20.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-20T04:00:00Z' });
});
afterAll(() => t.close());

const freshUnit = () => registerBareNevUnit(t);
const issue = (body: Record<string, unknown>, auth = t.auth.auditor) => issuePreAuthorisation(t, body, auth);
const count = () => preAuthorisationCount(t);

describe('POST /v1/preauthorisations', () => {
  it('issues a numbered pre-authorisation with who issued it, and serves it by number and by unit', async () => {
    const unit = await freshUnit();
    const res = await issue(batteryFor(unit.unitId));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toEqual({
      number: expect.stringMatching(/^PA-\d{6}$/), unitId: unit.unitId, component: 'traction-battery', amountLimitFen: 7_000_000,
      validFrom: '2026-03-14', validTo: '2026-04-13', issuedBy: expect.stringMatching(/:auditor$/), issuedAt: '2026-03-20T04:00:00.000Z', note: 'replacement pack approved by phone',
    });
    expect(res.headers.location).toBe(`/v1/preauthorisations/${res.body.number}`);
    expect((await request(t.app).get(res.headers.location!).set(t.auth.auditor).expect(200)).body).toEqual(res.body);
    expect((await request(t.app).get(`/v1/preauthorisations?unitId=${unit.unitId}`).set(t.auth.auditor).expect(200)).body.items).toEqual([res.body]);
  });

  it('names the unit by its VIN too, and takes the number of the manufacturer\'s own system once', async () => {
    const unit = await freshUnit();
    const res = await issue({ ...batteryFor(unit.unitId), unitId: undefined, unit: { vin: unit.vin }, number: `MFR-${unit.unitId}` });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ number: `MFR-${unit.unitId}`, unitId: unit.unitId });
    const again = await issue({ ...batteryFor(unit.unitId, { amountLimitFen: 9_000_000 }), number: `MFR-${unit.unitId}` });
    expectProblem(again, 409, 'preauthorisation-exists');
    expect((await request(t.app).get(`/v1/preauthorisations/MFR-${unit.unitId}`).set(t.auth.auditor).expect(200)).body.amountLimitFen).toBe(7_000_000);
  });

  it('refuses bad input with each field path, and stores nothing', async () => {
    const unit = await freshUnit();
    const before = await count();
    const res = await issue({ unitId: unit.unitId, component: 'traction-battery', amountLimitFen: -5, validFrom: '2026-04-13', validTo: '2026-03-14' });
    expectProblem(res, 400, 'validation-failed');
    expect(errorPaths(res).sort()).toEqual(['amountLimitFen', 'validTo']);
    expectProblem(await issue({ component: 'traction-battery', amountLimitFen: 100, validFrom: '2026-03-14', validTo: '2026-03-15' }), 400, 'validation-failed');
    const typo = await issue(batteryFor(unit.unitId, { component: 'traction-batery' }));
    expectProblem(typo, 400, 'validation-failed');
    expect(typo.body.errors).toEqual([{ path: 'component', message: expect.stringContaining('did you mean "traction-battery"') }]);
    expectProblem(await issue(batteryFor('NO-SUCH-UNIT')), 404, 'not-found');
    expect(await count()).toBe(before);
  });

  it('is for auditors: a station\'s dealer key may not issue one or read it', async () => {
    const unit = await freshUnit();
    expectProblem(await issue(batteryFor(unit.unitId), t.auth.dealer), 403, 'forbidden');
    expectProblem(await request(t.app).get(`/v1/preauthorisations?unitId=${unit.unitId}`).set(t.auth.dealer), 403, 'forbidden');
  });
});

describe('a battery repair above the 20,000.00 threshold', () => {
  it('is pended AC without a pre-authorisation, nothing paid, and listed for review with why', async () => {
    const unit = await freshUnit();
    const decision = await decide(t, buildClaim(unit, { jobs: [batteryJob()] }));
    expect(decision.status).toBe('pended');
    expect(decision.jobs[0]).toMatchObject({ status: 'pended', covered: false });
    expect(reasonCodes(decision.jobs[0])).toContain('AC');
    expect(decision.totals.approvedFen).toBe(0);
    const item = (await reviewQueue(t)).find((i) => i.claimNumber === decision.claimNumber);
    expect(item?.why).toContainEqual(expect.objectContaining({ jobId: 'J1', code: 'AC' }));
  });

  it('is decided as usual with a valid pre-authorisation named on the job: covered, charged to SUP-BATT-01', async () => {
    const unit = await freshUnit();
    const { number } = (await issue(batteryFor(unit.unitId)).expect(201)).body;
    const decision = await decide(t, buildClaim(unit, { jobs: [batteryJob({ preAuthorisationNumber: number })] }));
    expect(decision.status).toBe('approved');
    expect(decision.jobs[0]).toMatchObject({ covered: true, reasons: [], liableParty: { type: 'supplier', id: 'SUP-BATT-01' } });
    expect(lineOf(decision, 'J1/causal')).toMatchObject({ approvedFen: 6_800_000, hold: 'part-return' });
  });

  it('is pended AC above the pre-authorised amount, after its validity, or with one for another component, unit or number', async () => {
    const scenarios: Array<[string, (unitId: string, otherId: string) => Record<string, unknown> | null]> = [
      ['below the 69,450.00 of parts claimed', (unitId) => batteryFor(unitId, { amountLimitFen: 6_900_000 })],
      ['expired the day before the repair', (unitId) => batteryFor(unitId, { validFrom: '2026-02-01', validTo: '2026-03-15' })],
      ['for the drive motor', (unitId) => batteryFor(unitId, { component: 'drive-motor' })],
      ['for another unit', (_unitId, otherId) => batteryFor(otherId)],
      ['no such number', () => null],
    ];
    for (const [why, body] of scenarios) {
      const unit = await freshUnit();
      const other = await freshUnit();
      const wanted = body(unit.unitId, other.unitId);
      const number = wanted ? (await issue(wanted).expect(201)).body.number : 'PA-NO-SUCH';
      const decision = await decide(t, buildClaim(unit, { preAuthorisationNumber: number, jobs: [batteryJob()] }));
      expect(decision.status, why).toBe('pended');
      expect(reasonCodes(decision.jobs[0]), why).toContain('AC');
    }
  });

  it('covers one repair: a second claim under the same pre-authorisation, after the first was covered, is pended AC', async () => {
    const unit = await freshUnit();
    const { number } = (await issue(batteryFor(unit.unitId)).expect(201)).body;
    const first = await decide(t, buildClaim(unit, { jobs: [batteryJob({ preAuthorisationNumber: number })] }));
    expect(first.status).toBe('approved');
    expect(first.jobs[0].preAuthorisationNumber).toBe(number);
    const second = await decide(t, buildClaim(unit, { failureDate: '2026-03-18', repairDate: '2026-03-19', jobs: [batteryJob({ preAuthorisationNumber: number })] }));
    expect(second.status).toBe('pended');
    expect(reasonCodes(second.jobs[0])).toContain('AC');
  });

  it('needs none for a lamp job of 260.00 on the same claim, decided on its own (its 12 months are over: EW)', async () => {
    const unit = await freshUnit();
    const decision = await decide(t, buildClaim(unit, { jobs: [batteryJob(), lampJob({ jobId: 'J2' })] }));
    expect(decision.jobs.map((j: { jobId: string; status: string }) => [j.jobId, j.status])).toEqual([['J1', 'pended'], ['J2', 'denied']]);
    expect(reasonCodes(decision.jobs[1])).toEqual(['EW']);
  });

  it('is approved by an auditor who checked the authorisation by hand; the battery line stays held for its old part', async () => {
    const unit = await freshUnit();
    const first = await decide(t, buildClaim(unit, { jobs: [batteryJob({ consequentialParts: [], labour: [], auxiliaryFen: 0, travel: null })] }));
    expect(first.status).toBe('pended');
    t.setNow('2026-03-25T04:00:00Z');
    const res = await review(t, first.claimNumber, { note: 'authorised by the regional manager on 2026-03-13, number not entered', lines: [{ lineId: 'J1/causal', action: 'approve', amountFen: 6_800_000 }] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ decisionVersion: 2 });
    expect(lineOf(res.body, 'J1/causal')).toMatchObject({ approvedFen: 6_800_000, hold: 'part-return' });
    expect((await reviewQueue(t)).map((i) => i.claimNumber)).not.toContain(first.claimNumber);
    t.setNow('2026-03-20T04:00:00Z');
  });
});
