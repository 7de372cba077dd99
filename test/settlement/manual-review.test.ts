import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { buildClaim, buildNevUnit, decide, errorPaths, expectProblem, lampJob, reasonCodes, registerUnit } from '../e2e/fixtures.js';
import { appeal, lineOf, linesOfClaim, readClaim, recoveredForClaim, review, reviewQueue, statementOf } from './settlement-helpers.js';

/**
 * Claims a person must decide: a travel line beyond the last band, a consequential part its causal
 * part cannot have damaged, and a denied claim the station appeals. Every unit is a NEV sold 2025-06-01, so its cab
 * lamp (whole-vehicle, 12 months, liable CHS-01) is covered in March 2026; S1 is tier A (80.00/h).
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-20T04:00:00Z' });
});
afterAll(() => t.close());

async function fileLampClaim(job: Parameters<typeof lampJob>[0]) {
  t.setNow('2026-03-20T04:00:00Z');
  const unit = await registerUnit(t, buildNevUnit({ saleDate: '2025-06-01' }));
  return decide(t, buildClaim(unit, { jobs: [lampJob(job)] }));
}

describe('a travel line beyond the last band', () => {
  it('pends the claim, pays the lamp and diagnosis at once, and lists it for review with why', async () => {
    const first = await fileLampClaim({ travel: { km: 350, amountFen: 60_000 } });
    expect(first.status).toBe('pended');
    expect(first.jobs[0]).toMatchObject({ status: 'pended', liableParty: { type: 'chassis-maker', id: 'CHS-01' } });
    expect(lineOf(first, 'J1/travel')).toMatchObject({ status: 'pended', approvedFen: 0 });
    expect(first.totals).toMatchObject({ claimedFen: 26_000 + 4_000 + 60_000, approvedFen: 30_000, pendingFen: 60_000 });

    const item = (await reviewQueue(t)).find((i) => i.claimNumber === first.claimNumber);
    expect(item).toMatchObject({ stationId: 'S1', status: 'pended', decisionVersion: 1, appeal: null });
    expect(item!.why).toEqual([expect.objectContaining({ jobId: 'J1', lineId: 'J1/travel', code: 'WA-TRAVEL-BEYOND' })]);
    expect(linesOfClaim((await statementOf(t, 'S1', '2026-03')).lines, first.claimNumber).map((l) => [l.lineId, l.paidFen])).toEqual([
      ['J1/causal', 26_000],
      ['J1/labour/1', 4_000],
    ]);
  });

  it('is approved by an auditor at a lower amount, with who and why recorded, paid in the month of the review and charged to CHS-01', async () => {
    const first = await fileLampClaim({ travel: { km: 350, amountFen: 60_000 } });
    t.setNow('2026-04-03T04:00:00Z');
    const res = await review(t, first.claimNumber, { note: 'site 350 km out confirmed by dispatch log; paid at 500.00', lines: [{ lineId: 'J1/travel', action: 'approve', amountFen: 50_000 }] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: 'adjusted', decisionVersion: 2, totals: { approvedFen: 80_000, pendingFen: 0, deductedFen: 10_000 } });
    expect(res.body.jobs[0]).toMatchObject({ status: 'covered', covered: true, liableParty: { type: 'chassis-maker', id: 'CHS-01' } });
    expect(lineOf(res.body, 'J1/travel')).toMatchObject({
      status: 'adjusted', approvedFen: 50_000,
      adjustments: [expect.objectContaining({ code: 'WA-MANUAL', amountFen: 10_000 })],
      review: { by: expect.stringMatching(/:auditor$/), note: 'site 350 km out confirmed by dispatch log; paid at 500.00' },
    });

    const read = await readClaim(t, first.claimNumber);
    expect(read.body.versions).toEqual([
      expect.objectContaining({ version: 1, status: 'pended', decidedBy: 'adjudicator' }),
      expect.objectContaining({ version: 2, status: 'adjusted', decidedBy: expect.stringMatching(/:auditor$/), decidedAt: '2026-04-03T04:00:00.000Z', note: 'site 350 km out confirmed by dispatch log; paid at 500.00' }),
    ]);
    expect((await reviewQueue(t)).map((i) => i.claimNumber)).not.toContain(first.claimNumber);

    const april = linesOfClaim((await statementOf(t, 'S1', '2026-04')).lines, first.claimNumber);
    expect(april).toEqual([expect.objectContaining({ lineId: 'J1/travel', decisionVersion: 2, claimedFen: 60_000, approvedFen: 50_000, deductedFen: 10_000, paidFen: 50_000, deductions: [expect.objectContaining({ code: 'WA-MANUAL', amountFen: 10_000 })] })]);
    expect(await recoveredForClaim(t, '2026-03-01', '2026-04-30', first.claimNumber)).toEqual(new Map([['chassis-maker:CHS-01', 80_000]]));
  });

  it('refuses a review without a note, above the claimed amount, or of an unknown line (400), and stores nothing', async () => {
    const first = await fileLampClaim({ travel: { km: 350, amountFen: 60_000 } });
    const approve = { lineId: 'J1/travel', action: 'approve', amountFen: 50_000 };
    const noNote = await review(t, first.claimNumber, { lines: [approve] });
    expectProblem(noNote, 400, 'validation-failed');
    expect(errorPaths(noNote)).toEqual(['note']);
    expect(errorPaths(await review(t, first.claimNumber, { note: '  ', lines: [approve] }))).toEqual(['note']);
    expect(errorPaths(await review(t, first.claimNumber, { note: 'paid in full', lines: [{ ...approve, amountFen: 60_001 }] }))).toEqual(['lines.0.amountFen']);
    expect(errorPaths(await review(t, first.claimNumber, { note: 'paid in full', lines: [{ ...approve, amountFen: undefined }] }))).toEqual(['lines.0.amountFen']);
    expect(errorPaths(await review(t, first.claimNumber, { note: 'paid in full', lines: [{ ...approve, lineId: 'J9/travel' }] }))).toEqual(['lines.0.lineId']);
    expect((await readClaim(t, first.claimNumber)).body.versions).toHaveLength(1);
  });

  it('may not be decided by the station that filed it (403)', async () => {
    const first = await fileLampClaim({ travel: { km: 350, amountFen: 60_000 } });
    const res = await review(t, first.claimNumber, { note: 'approving our own travel', lines: [{ lineId: 'J1/travel', action: 'approve', amountFen: 60_000 }] }, t.auth.dealer);
    expectProblem(res, 403, 'forbidden');
  });
});

describe('a consequential part the causal part cannot have damaged', () => {
  // An unknown operation code is refused (422) since the vocabulary is closed; a harness "burnt by" a lamp still needs a person.
  const consequentialParts = [{ partNumber: 'NEV-HVH-001', quantity: 1, unitPriceFen: 145_000 }];

  it('pends the consequential line and says why in the review list', async () => {
    const first = await fileLampClaim({ consequentialParts });
    expect(first.status).toBe('pended');
    expect(lineOf(first, 'J1/consequential/1')).toMatchObject({ status: 'pended', approvedFen: 0 });
    const item = (await reviewQueue(t)).find((i) => i.claimNumber === first.claimNumber);
    expect(item!.why).toEqual([expect.objectContaining({ jobId: 'J1', lineId: 'J1/consequential/1', code: 'WC' })]);
  });

  it('is denied by an auditor with a known reason code, leaving the claim partly approved (PWA) and the rest paid', async () => {
    const first = await fileLampClaim({ consequentialParts });
    t.setNow('2026-04-03T04:00:00Z');
    const unknownCode = await review(t, first.claimNumber, { note: 'not damaged by the lamp', lines: [{ lineId: 'J1/consequential/1', action: 'deny', code: 'NOT-A-CODE' }] });
    expectProblem(unknownCode, 400, 'validation-failed');
    expect(errorPaths(unknownCode)).toEqual(['lines.0.code']);
    expect(errorPaths(await review(t, first.claimNumber, { note: 'not damaged by the lamp', lines: [{ lineId: 'J1/consequential/1', action: 'deny' }] }))).toEqual(['lines.0.code']);

    const res = await review(t, first.claimNumber, { note: 'a lamp cannot burn the HV harness', lines: [{ lineId: 'J1/consequential/1', action: 'deny', code: 'WC' }] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: 'partial', decisionVersion: 2, totals: { approvedFen: 30_000, pendingFen: 0 } });
    expect(res.body.reasons.map((r: { code: string }) => r.code)).toEqual(['PWA']);
    expect(res.body.jobs[0]).toMatchObject({ status: 'covered', liableParty: { type: 'chassis-maker', id: 'CHS-01' } });
    expect(res.body.jobs[0].reasons).toContainEqual(expect.objectContaining({ code: 'WC', lineId: 'J1/consequential/1' }));
    expect(lineOf(res.body, 'J1/consequential/1')).toMatchObject({ status: 'denied', approvedFen: 0 });
    // The lamp and diagnosis were paid in March; the denied line never paid anything.
    expect(linesOfClaim((await statementOf(t, 'S1', '2026-04')).lines, first.claimNumber)).toEqual([]);
    expect(await recoveredForClaim(t, '2026-03-01', '2026-04-30', first.claimNumber)).toEqual(new Map([['chassis-maker:CHS-01', 30_000]]));
  });
});

describe('an appeal of a denied claim', () => {
  async function deniedLamp() {
    const first = await fileLampClaim({ cause: 'accident' });
    expect(first.status).toBe('denied');
    expect(first.jobs[0]).toMatchObject({ liableParty: { type: 'customer' } });
    expect(reasonCodes(first.jobs[0])).toContain('CDR');
    return first.claimNumber as string;
  }

  it('lands in the review list with the station’s reason, once, and only from the station that filed it', async () => {
    const claimNumber = await deniedLamp();
    expectProblem(await appeal(t, claimNumber, {}), 400, 'validation-failed');
    expectProblem(await appeal(t, claimNumber, { reason: 'the lamp failed on its own' }, t.auth.dealerS2), 404, 'not-found');

    const filed = await appeal(t, claimNumber, { reason: 'the lamp failed on its own; the accident report is for another truck' });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body).toMatchObject({ appealId: expect.any(Number), claimNumber, stationId: 'S1' });
    expectProblem(await appeal(t, claimNumber, { reason: 'asking again' }), 409, 'appeal-open');

    const item = (await reviewQueue(t)).find((i) => i.claimNumber === claimNumber);
    expect(item).toMatchObject({ status: 'denied', decisionVersion: 1, why: [], appeal: { reason: 'the lamp failed on its own; the accident report is for another truck', filedBy: expect.stringMatching(/:dealer:S1$/) } });
  });

  it('is answered by a review that approves the lamp: the chassis maker is liable again, the station paid and the appeal closed', async () => {
    const claimNumber = await deniedLamp();
    expect((await appeal(t, claimNumber, { reason: 'the lamp failed on its own' })).status).toBe(201);
    t.setNow('2026-04-03T04:00:00Z');
    const res = await review(t, claimNumber, {
      note: 'appeal upheld: accident report belongs to another unit',
      lines: [{ lineId: 'J1/causal', action: 'approve', amountFen: 26_000 }, { lineId: 'J1/labour/1', action: 'approve', amountFen: 4_000 }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: 'approved', decisionVersion: 2, totals: { approvedFen: 30_000, byParty: [{ type: 'chassis-maker', id: 'CHS-01', approvedFen: 30_000 }] } });
    expect(res.body.jobs[0]).toMatchObject({ status: 'covered', covered: true, liableParty: { type: 'chassis-maker', id: 'CHS-01' } });
    expect((await reviewQueue(t)).map((i) => i.claimNumber)).not.toContain(claimNumber);
    // A new appeal may be filed once the first is answered.
    expect((await appeal(t, claimNumber, { reason: 'one more question' })).status).toBe(201);

    expect(linesOfClaim((await statementOf(t, 'S1', '2026-04')).lines, claimNumber).map((l) => [l.lineId, l.paidFen])).toEqual([
      ['J1/causal', 26_000],
      ['J1/labour/1', 4_000],
    ]);
    expect(await recoveredForClaim(t, '2026-04-01', '2026-04-30', claimNumber)).toEqual(new Map([['chassis-maker:CHS-01', 30_000]]));
  });
});
