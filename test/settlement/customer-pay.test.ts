import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { buildClaim, buildEbikeUnit, buildNevUnit, decide, reasonCodes, registerUnit } from '../e2e/fixtures.js';
import { lineOf, linesOfClaim, recoveredForClaim, statementOf } from './settlement-helpers.js';

/**
 * SPEC §5 and example 8: a line that is not covered is the customer's, and the station may charge
 * at most the catalogue price plus 20 % for its part. EB-BAT-4820 lists at 1,299.00 (cap
 * 1,558.80); NEV-MOT-001 at 18,500.00 (cap 22,200.00).
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-02-20T04:00:00Z' });
});
afterAll(() => t.close());

/** An e-bike sold 2024-01-10 whose battery measures 40 % after 25 months: EW. */
async function expiredBatteryClaim(unitPriceFen: number) {
  t.setNow('2026-02-20T04:00:00Z');
  const unit = await registerUnit(t, buildEbikeUnit({ saleDate: '2024-01-10' }));
  return decide(t, buildClaim(unit, {
    failureDate: '2026-02-12', repairDate: '2026-02-14',
    jobs: [{ jobId: 'J1', component: 'li-ion-battery', failureMode: 'capacity-low', cause: 'defect-material',
      causalPart: { partNumber: 'EB-BAT-4820', quantity: 1, unitPriceFen }, labour: [{ operationCode: 'EB-OP-BAT-RR', hours: 0.3, rateFen: 3000 }],
      measurements: { capacityPct: 40 } }],
  }));
}

describe('the customer-pay check on a denied line', () => {
  it('flags an expired battery charged above catalogue + 20 % (WA-CUSTOMER-OVERCHARGE) and pays and recovers nothing', async () => {
    const res = await expiredBatteryClaim(170_000);
    expect(res).toMatchObject({ status: 'denied', totals: { claimedFen: 170_000 + 900, approvedFen: 0, byParty: [] } });
    expect(res.jobs[0]).toMatchObject({
      covered: false, liableParty: { type: 'customer' },
      customerPay: { maxPartsFen: 155_880, claimedPartsFen: 170_000, overcharged: true },
    });
    expect(reasonCodes(res.jobs[0])).toEqual(expect.arrayContaining(['EW', 'WA-CUSTOMER-OVERCHARGE']));
    expect(res.jobs[0].reasons).toContainEqual(expect.objectContaining({ code: 'WA-CUSTOMER-OVERCHARGE', lineId: 'J1/causal' }));
    expect(lineOf(res, 'J1/causal')).toMatchObject({ status: 'denied', approvedFen: 0, customerPayMaxFen: 155_880 });
    expect(lineOf(res, 'J1/causal').hold).toBeUndefined();

    expect(linesOfClaim((await statementOf(t, 'S1', '2026-02')).lines, res.claimNumber)).toEqual([]);
    expect(await recoveredForClaim(t, '2026-02-01', '2026-02-28', res.claimNumber)).toEqual(new Map());
  });

  it('does not flag a part charged exactly at catalogue + 20 %', async () => {
    const res = await expiredBatteryClaim(155_880);
    expect(res.jobs[0].customerPay).toEqual({ maxPartsFen: 155_880, claimedPartsFen: 155_880, overcharged: false });
    expect(reasonCodes(res.jobs[0])).not.toContain('WA-CUSTOMER-OVERCHARGE');
  });

  it('caps a NEV drive motor damaged in an accident (CDR) at 22,200.00 and flags one fen more', async () => {
    t.setNow('2026-03-20T04:00:00Z');
    const unit = await registerUnit(t, buildNevUnit());
    const res = await decide(t, buildClaim(unit, {
      jobs: [{ jobId: 'J1', component: 'drive-motor', failureMode: 'burnout', cause: 'accident',
        causalPart: { partNumber: 'NEV-MOT-001', quantity: 1, unitPriceFen: 2_220_001 }, labour: [{ operationCode: 'NEV-OP-MOT-RR', hours: 4.5, rateFen: 8000 }] }],
    }));
    expect(res.jobs[0]).toMatchObject({ liableParty: { type: 'customer' }, customerPay: { maxPartsFen: 2_220_000, claimedPartsFen: 2_220_001, overcharged: true } });
    expect(reasonCodes(res.jobs[0])).toEqual(expect.arrayContaining(['CDR', 'WA-CUSTOMER-OVERCHARGE']));
    expect(lineOf(res, 'J1/causal')).toMatchObject({ customerPayMaxFen: 2_220_000 });
    expect(linesOfClaim((await statementOf(t, 'S1', '2026-03')).lines, res.claimNumber)).toEqual([]);
  });
});
