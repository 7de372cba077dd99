import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { buildClaim, buildNevUnit, registerUnit } from '../e2e/fixtures.js';
import { get, post, submitNevClaim } from './after-sales-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-20T04:00:00Z' });
});
afterAll(() => t.close());

const S = 'S8';
const BATTERY_FEN = 6_800_000;

/** A battery claim of station S8 whose old part the store received and whose held line the inspection released; the supplier disputes it. */
async function disputedBattery(): Promise<{ claimNumber: string; id: number }> {
  const { claimNumber } = await submitNevClaim(t, { stationId: S });
  const part = await post(t, '/v1/old-parts', {
    stationId: S, claimNumber, lineId: 'J1/causal', receivedDate: '2026-03-24', location: 'shelf A-3', faultState: 'cell 14 swollen',
    causeTag: true, repairRecord: true, note: 'pack arrived by freight',
  }, 201);
  await post(t, `/v1/claims/${claimNumber}/part-returns`, { stationId: S, lineId: 'J1/causal', receivedDate: '2026-03-24', inspection: 'confirmed', note: 'cell fault confirmed' }, 201);
  await post(t, `/v1/old-parts/${part.id}/supplier-inspections`, { verdict: 'dispute', inspectedBy: 'SUP-BATT-01 QA', note: 'cells within spec' }, 201);
  return { claimNumber, id: part.id };
}

describe('charge-backs and goodwill on the station statement', () => {
  it('debits a rejected line the second inspection returns to the station, keeps one returned to the manufacturer, and shows goodwill apart', async () => {
    const toStation = await disputedBattery();
    const toMaker = await disputedBattery();
    const before = await get(t, `/v1/statements/stations/${S}`, { month: '2026-03' });
    expect(before.totals).toMatchObject({ chargedBackFen: 0, goodwillFen: 0, netFen: before.totals.paidFen });

    await post(t, `/v1/old-parts/${toStation.id}/quality-inspections`, { verdict: 'rejected', chargeTo: 'service-station', note: 'pack damaged by the station in removal' }, 201);
    await post(t, `/v1/old-parts/${toMaker.id}/quality-inspections`, { verdict: 'rejected', chargeTo: 'manufacturer', note: 'no cell defect' }, 201);

    const unit = await registerUnit(t, buildNevUnit({ saleDate: '2021-01-10' }));
    const outOfTerm = buildClaim(unit, { stationId: S });
    expect((await request(t.app).post('/v1/claims').set(t.auth.auditor).send(outOfTerm)).status).toBe(201);
    await post(t, `/v1/claims/${outOfTerm.claimNumber}/goodwill`, { lineId: 'J1/causal', note: 'loyal fleet customer, cell fault' }, 201);

    const statement = await get(t, `/v1/statements/stations/${S}`, { month: '2026-03' });
    expect(statement.chargeBacks).toEqual([{
      chargedOn: '2026-03-20', claimNumber: toStation.claimNumber, lineId: 'J1/causal', partNumber: 'NEV-BAT-001', oldPartId: toStation.id,
      liableParty: { type: 'supplier', id: 'SUP-BATT-01' }, amountFen: BATTERY_FEN, note: 'pack damaged by the station in removal',
    }]);
    expect(statement.goodwill).toEqual([expect.objectContaining({ claimNumber: outOfTerm.claimNumber, lineId: 'J1/causal', manufacturerFen: 3_400_000, supplierFen: 2_040_000, customerFen: 1_360_000, paidFen: 5_440_000 })]);
    // Warranty lines are unchanged by either: the goodwill line is not a warranty line.
    expect(statement.lines.filter((l: { claimNumber: string }) => l.claimNumber === outOfTerm.claimNumber).reduce((n: number, l: { paidFen: number }) => n + l.paidFen, 0))
      .toBe(statement.lines.filter((l: { claimNumber: string; lineId: string }) => l.claimNumber === outOfTerm.claimNumber && l.lineId !== 'J1/causal').reduce((n: number, l: { paidFen: number }) => n + l.paidFen, 0));
    expect(statement.totals).toMatchObject({ chargedBackFen: BATTERY_FEN, goodwillFen: 5_440_000, netFen: statement.totals.paidFen + 5_440_000 - BATTERY_FEN });

    const notice = (await get(t, '/v1/recoveries', { from: '2026-03-01', to: '2026-03-31', party: 'SUP-BATT-01' })).notices[0];
    expect(notice.goodwill).toEqual([expect.objectContaining({ stationId: S, claimNumber: outOfTerm.claimNumber, supplierFen: 2_040_000 })]);
    expect(notice.goodwillFen).toBe(2_040_000);
    expect(notice.recoverableFen).toBe(notice.totalFen - notice.rejectedFen);
  });

  it('sends the net to the station and checks the invoice against the net, not the warranty paid', async () => {
    const statement = await get(t, `/v1/statements/stations/${S}`, { month: '2026-03' });
    const { paidFen, netFen } = statement.totals;
    expect(netFen).not.toBe(paidFen);
    const base = `/v1/statements/stations/${S}/2026-03`;
    const sent = await post(t, `${base}/results`, { note: 'March audit done' }, 201);
    expect(sent).toMatchObject({ status: 'awaiting-invoice', netFen, outstandingFen: netFen });
    expect(sent.steps[0].details).toMatchObject({ paidFen, goodwillFen: 5_440_000, chargedBackFen: BATTERY_FEN });
    const wrong = await post(t, `${base}/invoices`, { invoiceNumber: 'INV-8', amountFen: paidFen, invoiceDate: '2026-04-02', note: 'warranty only' }, 422);
    expect(wrong).toMatchObject({ code: 'invoice-amount-mismatch', netFen, differenceFen: paidFen - netFen });
    await post(t, `${base}/invoices`, { invoiceNumber: 'INV-8', amountFen: netFen, invoiceDate: '2026-04-02', note: 'March net' }, 201);
    expect((await get(t, `/v1/stations/${S}/balance`)).netFen).toBe(netFen);
  });
});
