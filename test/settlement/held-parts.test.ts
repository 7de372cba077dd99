import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { buildClaim, buildNevUnit, decide, reasonCodes, registerUnit } from '../e2e/fixtures.js';
import { expireReturns, lineOf, linesOfClaim, paidForClaim, partReturn, readClaim, recoveredForClaim, recoveriesOf, statementOf } from './settlement-helpers.js';

/**
 * SPEC §13's battery claim at S1 (tier A), filed 2026-03-20: the pack (6,800,000) is held for its
 * old part; the burnt HV harness (145,000), 6 h of labour (48,000), auxiliary (20,000) and
 * travel in the ≤100 km band (20,000) are paid at once. Everything is charged to SUP-BATT-01.
 */
const HELD_FEN = 6_800_000;
const PAID_AT_ONCE_FEN = 145_000 + 48_000 + 20_000 + 20_000;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-20T04:00:00Z' });
});
afterAll(() => t.close());

async function fileBatteryClaim() {
  t.setNow('2026-03-20T04:00:00Z');
  const unit = await registerUnit(t, buildNevUnit());
  const first = await decide(t, buildClaim(unit));
  expect(first.status).toBe('approved');
  expect(lineOf(first, 'J1/causal')).toMatchObject({ hold: 'part-return', approvedFen: HELD_FEN, holdDeadline: '2026-04-19' });
  expect(first.totals).toMatchObject({ approvedFen: HELD_FEN + PAID_AT_ONCE_FEN, heldFen: HELD_FEN });
  return first.claimNumber as string;
}

describe('a battery held for its old part', () => {
  it('is paid on April’s statement of S1 once its part is confirmed on 1 April (Shanghai), the rest of the job on March’s', async () => {
    const claimNumber = await fileBatteryClaim();
    t.setNow('2026-03-31T17:30:00Z'); // 01:30 on 1 April in Asia/Shanghai
    const res = await partReturn(t, claimNumber, { lineId: 'J1/causal', receivedDate: '2026-04-01', inspection: 'confirmed', note: 'pack received, cell fault confirmed' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: 'approved', decisionVersion: 2, totals: { approvedFen: HELD_FEN + PAID_AT_ONCE_FEN, heldFen: 0 } });
    expect(res.body.jobs[0].liableParty).toEqual({ type: 'supplier', id: 'SUP-BATT-01' });
    expect(res.body.totals.byParty).toEqual([{ type: 'supplier', id: 'SUP-BATT-01', approvedFen: HELD_FEN + PAID_AT_ONCE_FEN }]);

    const march = linesOfClaim((await statementOf(t, 'S1', '2026-03', t.auth.dealer)).lines, claimNumber);
    expect(march.map((l) => [l.lineId, l.paidFen, l.decisionVersion])).toEqual([
      ['J1/auxiliary', 20_000, 1],
      ['J1/consequential/1', 145_000, 1],
      ['J1/labour/1', 48_000, 1],
      ['J1/travel', 20_000, 1],
    ]);
    const april = linesOfClaim((await statementOf(t, 'S1', '2026-04', t.auth.dealer)).lines, claimNumber);
    expect(april).toEqual([
      expect.objectContaining({ bookedOn: '2026-04-01', lineId: 'J1/causal', partNumber: 'NEV-BAT-001', decisionVersion: 2, claimedFen: HELD_FEN, approvedFen: HELD_FEN, deductedFen: 0, paidFen: HELD_FEN, liableParty: { type: 'supplier', id: 'SUP-BATT-01' } }),
    ]);
  });

  it('is recovered from SUP-BATT-01 in April with its old part confirmed, after the rest of the job in March', async () => {
    const claimNumber = await fileBatteryClaim();
    t.setNow('2026-04-03T04:00:00Z');
    expect((await partReturn(t, claimNumber, { lineId: 'J1/causal', receivedDate: '2026-04-02', inspection: 'confirmed', note: 'pack received, cell fault confirmed' })).status).toBe(201);

    const april = await recoveriesOf(t, '2026-04-01', '2026-04-30', 'SUP-BATT-01');
    expect(april.notices.map((n) => n.party)).toEqual([{ type: 'supplier', id: 'SUP-BATT-01' }]);
    expect(linesOfClaim(april.notices[0]!.lines, claimNumber)).toEqual([
      { bookedOn: '2026-04-03', claimNumber, stationId: 'S1', unitId: expect.any(String), decisionVersion: 2, lineId: 'J1/causal', kind: 'part', causalPartNumber: 'NEV-BAT-001', partNumber: 'NEV-BAT-001', oldPart: 'confirmed', amountFen: HELD_FEN },
    ]);
    const march = await recoveriesOf(t, '2026-03-01', '2026-03-31', 'SUP-BATT-01');
    const marchLines = linesOfClaim(march.notices[0]!.lines, claimNumber);
    expect(marchLines.map((l) => [l.lineId, l.oldPart, l.amountFen])).toEqual([
      ['J1/auxiliary', 'not-required', 20_000],
      ['J1/consequential/1', 'not-required', 145_000],
      ['J1/labour/1', 'not-required', 48_000],
      ['J1/travel', 'not-required', 20_000],
    ]);
    expect(await recoveredForClaim(t, '2026-03-01', '2026-04-30', claimNumber)).toEqual(new Map([['supplier:SUP-BATT-01', HELD_FEN + PAID_AT_ONCE_FEN]]));
  });

  it('refuses a second inspection of a line already released (409 line-not-held)', async () => {
    const claimNumber = await fileBatteryClaim();
    t.setNow('2026-04-03T04:00:00Z');
    const body = { lineId: 'J1/causal', receivedDate: '2026-04-02', inspection: 'confirmed', note: 'pack received' };
    expect((await partReturn(t, claimNumber, body)).status).toBe(201);
    const again = await partReturn(t, claimNumber, { ...body, inspection: 'no-defect-found' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('line-not-held');
    expect((await readClaim(t, claimNumber)).body.versions).toHaveLength(2);
  });
});

describe('a battery whose inspection finds no defect', () => {
  it('is denied NDF, charged to nobody, and what March paid for the job is clawed back in April', async () => {
    const claimNumber = await fileBatteryClaim();
    t.setNow('2026-04-02T04:00:00Z');
    const res = await partReturn(t, claimNumber, { lineId: 'J1/causal', receivedDate: '2026-04-01', inspection: 'no-defect-found', note: 'pack tested within spec' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: 'denied', decisionVersion: 2, totals: { approvedFen: 0, heldFen: 0, byParty: [] } });
    expect(res.body.jobs[0]).toMatchObject({ status: 'denied', covered: false, liableParty: { type: 'customer' } });
    expect(reasonCodes(res.body.jobs[0])).toContain('NDF');
    expect(lineOf(res.body, 'J1/causal')).toMatchObject({ status: 'denied', approvedFen: 0, partReturn: { status: 'no-defect-found', receivedDate: '2026-04-01' } });

    const april = linesOfClaim((await statementOf(t, 'S1', '2026-04')).lines, claimNumber);
    expect(april.map((l) => [l.lineId, l.paidFen])).toEqual([
      ['J1/auxiliary', -20_000],
      ['J1/consequential/1', -145_000],
      ['J1/labour/1', -48_000],
      ['J1/travel', -20_000],
    ]);
    expect(await paidForClaim(t, 'S1', ['2026-03', '2026-04'], claimNumber)).toBe(0);
  });

  it('leaves nothing recovered from SUP-BATT-01 over March and April', async () => {
    const claimNumber = await fileBatteryClaim();
    t.setNow('2026-04-02T04:00:00Z');
    expect((await partReturn(t, claimNumber, { lineId: 'J1/causal', receivedDate: '2026-04-01', inspection: 'no-defect-found', note: 'pack tested within spec' })).status).toBe(201);
    // Charged in March for the harness, labour, auxiliary and travel, credited back in April.
    expect(await recoveredForClaim(t, '2026-03-01', '2026-03-31', claimNumber)).toEqual(new Map([['supplier:SUP-BATT-01', PAID_AT_ONCE_FEN]]));
    expect(await recoveredForClaim(t, '2026-04-01', '2026-04-30', claimNumber)).toEqual(new Map([['supplier:SUP-BATT-01', -PAID_AT_ONCE_FEN]]));
  });
});

describe('a battery whose inspection finds damage by the customer', () => {
  it('is denied CDR with the customer liable, and only an auditor may record it (403 for the station)', async () => {
    const claimNumber = await fileBatteryClaim();
    t.setNow('2026-04-02T04:00:00Z');
    const body = { lineId: 'J1/causal', receivedDate: '2026-04-01', inspection: 'customer-caused', note: 'casing crushed, impact marks' };
    expect((await partReturn(t, claimNumber, body, t.auth.dealer)).status).toBe(403);
    const res = await partReturn(t, claimNumber, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: 'denied', totals: { approvedFen: 0 } });
    expect(res.body.jobs[0].liableParty).toEqual({ type: 'customer' });
    expect(reasonCodes(res.body.jobs[0])).toContain('CDR');
    expect(lineOf(res.body, 'J1/causal').partReturn).toMatchObject({ status: 'customer-caused', receivedDate: '2026-04-01' });
    expect(await paidForClaim(t, 'S1', ['2026-03', '2026-04'], claimNumber)).toBe(0);
  });
});

describe('a battery whose old part never comes back', () => {
  it('is denied PNR by the first expiry run after its deadline, at the station’s cost, and later runs change nothing', async () => {
    const claimNumber = await fileBatteryClaim();
    t.setNow('2026-04-19T04:00:00Z');
    const onDeadline = await expireReturns(t);
    expect(onDeadline.status).toBe(200);
    expect(onDeadline.body.today).toBe('2026-04-19');
    expect(onDeadline.body.claims.map((c: { claimNumber: string }) => c.claimNumber)).not.toContain(claimNumber);

    t.setNow('2026-04-20T04:00:00Z');
    const after = await expireReturns(t);
    expect(after.body.today).toBe('2026-04-20');
    expect(after.body.claims).toContainEqual({ claimNumber, stationId: 'S1', lines: ['J1/causal'], decisionVersion: 2 });
    const again = await expireReturns(t);
    expect(again.body).toMatchObject({ expired: 0, claims: [] });
    t.setNow('2026-04-25T04:00:00Z');
    expect((await expireReturns(t)).body.expired).toBe(0);

    const read = await readClaim(t, claimNumber);
    expect(read.body).toMatchObject({ status: 'denied', decisionVersion: 2, totals: { approvedFen: 0, heldFen: 0 } });
    expect(read.body.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([[1, 'approved'], [2, 'denied']]);
    expect(reasonCodes(read.body.jobs[0])).toContain('PNR');
    expect(lineOf(read.body, 'J1/causal')).toMatchObject({ status: 'denied', partReturn: { status: 'not-returned' } });
    expect(read.body.jobs[0].liableParty).toEqual({ type: 'service-station', id: 'S1' });

    expect(await paidForClaim(t, 'S1', ['2026-03', '2026-04'], claimNumber)).toBe(0);
    expect(await recoveredForClaim(t, '2026-03-01', '2026-04-30', claimNumber)).toEqual(new Map([['supplier:SUP-BATT-01', 0]]));
  });
});
