import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { buildClaim, buildNevUnit, decide, expectProblem, lampJob, reasonCodes, registerUnit } from '../e2e/fixtures.js';
import { correct, linesOfClaim, paidForClaim, readClaim, recoveredForClaim, statementOf } from './settlement-helpers.js';

/**
 * Corrections of pended, denied or partly denied claims: the corrected body is the next revision,
 * decided again as the next version. NEV units sold 2025-06-01; the cab lamp (26,000 + 0.5 h at
 * 80.00) is covered and charged to CHS-01; a brake pad is a wear part (NEW).
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-20T04:00:00Z' });
});
afterAll(() => t.close());

const brakePadJob = { jobId: 'J2', component: 'brake-pad', failureMode: 'wear', cause: 'wear' as const, causalPart: { partNumber: 'NEV-PAD-001', quantity: 1, unitPriceFen: 42_000 } };

async function deniedLampClaim() {
  t.setNow('2026-03-20T04:00:00Z');
  const unit = await registerUnit(t, buildNevUnit({ saleDate: '2025-06-01' }));
  const claim = buildClaim(unit, { jobs: [lampJob({ cause: 'accident' })] });
  const first = await decide(t, claim, t.auth.dealer);
  expect(first.status).toBe('denied');
  expect(reasonCodes(first.jobs[0])).toContain('CDR');
  return claim;
}

describe('a correction of a denied claim', () => {
  it('is decided again as version 2 of revision 2, and the claim shows the versions of both revisions', async () => {
    const claim = await deniedLampClaim();
    t.setNow('2026-04-02T04:00:00Z');
    const res = await correct(t, claim.claimNumber, { ...claim, jobs: [lampJob()] }, t.auth.dealer);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: 'approved', decisionVersion: 2, totals: { approvedFen: 30_000, byParty: [{ type: 'chassis-maker', id: 'CHS-01', approvedFen: 30_000 }] } });
    expect(res.body.jobs[0]).toMatchObject({ covered: true, liableParty: { type: 'chassis-maker', id: 'CHS-01' } });

    const read = await readClaim(t, claim.claimNumber, t.auth.dealer);
    expect(read.body).toMatchObject({ status: 'approved', decisionVersion: 2, revision: 2 });
    expect(read.body.versions).toEqual([
      expect.objectContaining({ version: 1, revision: 1, status: 'denied', decidedBy: 'adjudicator', decidedAt: '2026-03-20T04:00:00.000Z' }),
      expect.objectContaining({ version: 2, revision: 2, status: 'approved', decidedBy: expect.stringMatching(/^adjudicator \(correction by key:\d+:dealer:S1\)$/), decidedAt: '2026-04-02T04:00:00.000Z', note: 'correction: revision 2' }),
    ]);
  });

  it('keeps the date the claim was first received, so a correction filed 40 days after the repair is not SUB', async () => {
    const claim = await deniedLampClaim();
    t.setNow('2026-04-28T04:00:00Z');
    const res = await correct(t, claim.claimNumber, { ...claim, jobs: [lampJob()] }, t.auth.dealer);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: 'approved', receivedDate: '2026-03-20' });
    expect(reasonCodes(res.body.jobs[0])).not.toContain('SUB');
  });

  it('is paid in the month of the correction and recovered from the chassis maker', async () => {
    const claim = await deniedLampClaim();
    t.setNow('2026-04-02T04:00:00Z');
    expect((await correct(t, claim.claimNumber, { ...claim, jobs: [lampJob()] }, t.auth.dealer)).status).toBe(201);
    expect(linesOfClaim((await statementOf(t, 'S1', '2026-03')).lines, claim.claimNumber)).toEqual([]);
    expect(linesOfClaim((await statementOf(t, 'S1', '2026-04')).lines, claim.claimNumber).map((l) => [l.lineId, l.decisionVersion, l.paidFen])).toEqual([
      ['J1/causal', 2, 26_000],
      ['J1/labour/1', 2, 4_000],
    ]);
    expect(await recoveredForClaim(t, '2026-03-01', '2026-04-30', claim.claimNumber)).toEqual(new Map([['chassis-maker:CHS-01', 30_000]]));
  });

  it('returns the stored decision for the same corrected body, and refuses to correct the claim once it is approved (409)', async () => {
    const claim = await deniedLampClaim();
    t.setNow('2026-04-02T04:00:00Z');
    const corrected = { ...claim, jobs: [lampJob()] };
    const first = await correct(t, claim.claimNumber, corrected, t.auth.dealer);
    const again = await correct(t, claim.claimNumber, corrected, t.auth.dealer);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'approved', decisionVersion: 2, totals: first.body.totals });
    expectProblem(await correct(t, claim.claimNumber, { ...corrected, odometerKm: 150_100 }, t.auth.dealer), 409, 'not-correctable');
    expect((await readClaim(t, claim.claimNumber)).body.versions).toHaveLength(2);
  });

  it('must keep its claim number (400), exist (404) and come from its own station (403)', async () => {
    const claim = await deniedLampClaim();
    const corrected = { ...claim, jobs: [lampJob()] };
    expectProblem(await correct(t, claim.claimNumber, { ...corrected, claimNumber: 'CLM-OTHER' }), 400, 'validation-failed');
    expectProblem(await correct(t, 'CLM-NEVER-FILED', { ...corrected, claimNumber: 'CLM-NEVER-FILED' }), 404, 'not-found');
    expectProblem(await correct(t, claim.claimNumber, corrected, t.auth.dealerS2), 403, 'forbidden');
    expect((await readClaim(t, claim.claimNumber)).body.versions).toHaveLength(1);
  });
});

describe('a correction of a partly denied claim', () => {
  it('that drops the paid job claws its payment back in the month of the correction', async () => {
    t.setNow('2026-03-20T04:00:00Z');
    const unit = await registerUnit(t, buildNevUnit({ saleDate: '2025-06-01' }));
    const claim = buildClaim(unit, { jobs: [lampJob(), brakePadJob] });
    const first = await decide(t, claim);
    expect(first.status).toBe('partial');
    expect(first.reasons.map((r: { code: string }) => r.code)).toEqual(['PWA']);
    expect(reasonCodes(first.jobs[1])).toContain('NEW');

    t.setNow('2026-04-02T04:00:00Z');
    // The lamp was replaced under another claim: the station files the brake pad alone.
    const res = await correct(t, claim.claimNumber, { ...claim, jobs: [{ ...brakePadJob, jobId: 'J1' }] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: 'denied', decisionVersion: 2, totals: { approvedFen: 0 } });

    expect(linesOfClaim((await statementOf(t, 'S1', '2026-04')).lines, claim.claimNumber).map((l) => [l.lineId, l.decisionVersion, l.paidFen])).toEqual([
      ['J1/causal', 2, -26_000],
      ['J1/labour/1', 2, -4_000],
    ]);
    expect(await paidForClaim(t, 'S1', ['2026-03', '2026-04'], claim.claimNumber)).toBe(0);
    expect(await recoveredForClaim(t, '2026-04-01', '2026-04-30', claim.claimNumber)).toEqual(new Map([['chassis-maker:CHS-01', -30_000]]));
  });
});
