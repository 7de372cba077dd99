import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { buildEbikeUnit, registerUnit } from '../e2e/fixtures.js';
import { get, post, submitNevClaim } from './after-sales-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-20T04:00:00Z' });
});
afterAll(() => t.close());

const DEALER = 'S31';
const REPAIRER = 'S32';
const accessories = { present: ['charger', 'battery-key', 'rear-mirror', 'toolkit', 'owner-manual'], missing: [] as string[] };

/** Files a return of a fresh unit sold on saleDate, inspects it (the given accessories missing) and approves it on decidedDate. */
async function approvedReturn(o: { kind: string; reason: string; saleDate: string; requestedDate: string; decidedDate: string; repairCostFen?: number; missing?: string[] }) {
  const unit = await registerUnit(t, buildEbikeUnit({ saleDate: o.saleDate }));
  const filed = await post(t, '/v1/returns', {
    stationId: DEALER, repairerId: REPAIRER, unitId: unit.unitId, kind: o.kind, reason: o.reason, requestedDate: o.requestedDate,
    ...(o.kind === 'repair' ? {} : { invoice: { number: `INV-${unit.unitId}`, date: o.saleDate, amountFen: 259_900 } }),
    accessories, documentsComplete: true, note: 'filed by the dealer',
  }, 201);
  expect(filed.state.status).toBe('requested');
  const step = (body: Record<string, unknown>) => post(t, `/v1/returns/${filed.id}/steps`, { note: 'after-sales office', ...body }, 201);
  await step({ step: 'inspection-scheduled', arrivedDate: o.requestedDate, inspectionDate: o.requestedDate });
  await step({ step: 'inspected', inspectedDate: o.requestedDate, dealerAttended: true, factoryInspector: 'QC Wang', dealerInspector: 'Li', defectConfirmed: true, accessoriesMissing: o.missing ?? [] });
  const approved = await step({ step: 'approved', decidedDate: o.decidedDate, ...(o.repairCostFen === undefined ? {} : { repairCostFen: o.repairCostFen }) });
  return { id: approved.id as number, unitId: unit.unitId };
}

describe('what approved returns cost a station, on its monthly statement (004 §9)', () => {
  it('debits the dealer its share and the repairer the missing accessories in the month approved, and takes them off the net', async () => {
    const { claimNumber } = await submitNevClaim(t, { stationId: DEALER });
    const before = await get(t, `/v1/statements/stations/${DEALER}`, { month: '2026-03' });
    expect(before.returnDebits).toEqual([]);
    expect(before.totals).toMatchObject({ returnDebitedFen: 0, netFen: before.totals.paidFen });
    expect(before.totals.paidFen).toBeGreaterThan(0);
    expect(before.lines.every((l: { claimNumber: string }) => l.claimNumber === claimNumber)).toBe(true);

    const refund = await approvedReturn({ kind: 'refund', reason: 'serious-quality-defect', saleDate: '2026-03-10', requestedDate: '2026-03-12', decidedDate: '2026-03-13', missing: ['charger'] });
    const shared = await approvedReturn({ kind: 'repair', reason: 'customer-changed-mind', saleDate: '2026-03-01', requestedDate: '2026-03-14', decidedDate: '2026-03-15', repairCostFen: 30_000 });
    const dealerAll = await approvedReturn({ kind: 'repair', reason: 'serious-quality-defect', saleDate: '2026-01-05', requestedDate: '2026-03-16', decidedDate: '2026-03-17', repairCostFen: 38_000, missing: ['toolkit', 'owner-manual'] });
    await approvedReturn({ kind: 'repair', reason: 'human-damage', saleDate: '2026-03-01', requestedDate: '2026-03-18', decidedDate: '2026-03-18', repairCostFen: 45_000 });
    await approvedReturn({ kind: 'repair', reason: 'colour-or-model-preference', saleDate: '2026-02-01', requestedDate: '2026-02-25', decidedDate: '2026-02-27', repairCostFen: 10_000 });

    const dealer = await get(t, `/v1/statements/stations/${DEALER}`, { month: '2026-03' });
    expect(dealer.returnDebits).toEqual([
      { returnId: shared.id, decidedOn: '2026-03-15', unitId: shared.unitId, kind: 'repair', what: 'dealer-share', why: expect.any(String), amountFen: 9_000 },
      { returnId: dealerAll.id, decidedOn: '2026-03-17', unitId: dealerAll.unitId, kind: 'repair', what: 'dealer-share', why: expect.stringContaining('§9.5'), amountFen: 38_000 },
    ]);
    expect(dealer.totals).toMatchObject({ paidFen: before.totals.paidFen, returnDebitedFen: 47_000, netFen: before.totals.paidFen - 47_000 });

    const repairer = await get(t, `/v1/statements/stations/${REPAIRER}`, { month: '2026-03' });
    expect(repairer.returnDebits.map((d: Record<string, unknown>) => [d.returnId, d.what, d.amountFen])).toEqual([
      [refund.id, 'missing-accessories', 12_000], [dealerAll.id, 'missing-accessories', 1_800 + 500],
    ]);
    expect(repairer.totals).toMatchObject({ paidFen: 0, returnDebitedFen: 14_300, netFen: -14_300 });

    const february = await get(t, `/v1/statements/stations/${DEALER}`, { month: '2026-02' });
    expect(february.returnDebits.map((d: Record<string, unknown>) => [d.decidedOn, d.amountFen])).toEqual([['2026-02-27', 3_000]]);
    expect(february.totals).toMatchObject({ returnDebitedFen: 3_000, netFen: february.totals.paidFen - 3_000 });
  });
});
