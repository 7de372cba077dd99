import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { buildEbikeUnit, registerUnit } from '../e2e/fixtures.js';
import { fieldPaths, get, post } from './after-sales-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-20T04:00:00Z' });
});
afterAll(() => t.close());

const accessories = { present: ['charger', 'battery-key', 'rear-mirror', 'toolkit', 'owner-manual'], missing: [] as string[] };

async function fileReturn(overrides: Record<string, unknown> = {}, saleDate = '2026-03-10', status = 201, auth = t.auth.auditor) {
  const unit = await registerUnit(t, buildEbikeUnit({ saleDate }));
  const body = {
    stationId: 'S1', unitId: unit.unitId, kind: 'refund', reason: 'serious-quality-defect', requestedDate: '2026-03-14',
    invoice: { number: 'INV-330100-0001', date: saleDate, amountFen: 259_900 }, accessories, documentsComplete: true,
    note: 'frame weld cracked, cannot be repaired', ...overrides,
  };
  return post(t, '/v1/returns', body, status, auth);
}

const step = (id: number, body: Record<string, unknown>, status = 201) => post(t, `/v1/returns/${id}/steps`, { note: 'recorded by the after-sales office', ...body }, status);
const fenOf = (r: Record<string, any>, party: string) => r.state.payers.find((p: { party: string }) => p.party === party).fen;

describe('exchange and refund of a sold e-bike (004 §9)', () => {
  it('approves a refund with a valid invoice after a joint inspection, the whole loss the manufacturer\'s (§9.1), in fen', async () => {
    const filed = await fileReturn();
    expect(filed.state).toMatchObject({ status: 'requested', reasonCodes: [] });
    const scheduled = await step(filed.id, { step: 'inspection-scheduled', arrivedDate: '2026-03-15', inspectionDate: '2026-03-16' });
    expect(scheduled.state).toMatchObject({ status: 'inspection-scheduled', arrivedDate: '2026-03-15', jointInspectionLastDay: '2026-03-22' });
    const inspected = await step(filed.id, { step: 'inspected', inspectedDate: '2026-03-16', dealerAttended: true, factoryInspector: 'QC Wang', dealerInspector: 'Li (S1)', defectConfirmed: true, accessoriesMissing: [] });
    expect(inspected.state).toMatchObject({ status: 'inspected', binding: 'joint-record', defectConfirmed: true });
    const approved = await step(filed.id, { step: 'approved', decidedDate: '2026-03-17' });
    expect(approved.state.status).toBe('approved');
    expect(approved.state.payers.map((p: { party: string; fen: number }) => [p.party, p.fen])).toEqual([['manufacturer', 259_900], ['dealer', 0], ['repairer', 0], ['customer', 0]]);
    expect(approved.steps.map((s: { step: string }) => s.step)).toEqual(['requested', 'inspection-scheduled', 'inspected', 'approved']);
    expect(approved.steps[3].details).toMatchObject({ lossFen: 259_900, refundToCustomerFen: 259_900 });
    const again = await step(filed.id, { step: 'refused', decidedDate: '2026-03-18', reasonCode: 'NDF' }, 409);
    expect(again.code).toBe('return-step-out-of-order');
  });

  it('refuses an exchange or refund without an invoice (422, nothing stored), with one not dated on the sale, and after the 7-day window (kept, refused)', async () => {
    const before = (await get(t, '/v1/returns')).items.length;
    const none = await fileReturn({ invoice: undefined }, '2026-03-10', 422);
    expect(none.code).toBe('return-needs-invoice');
    expect(fieldPaths(none)).toEqual(['invoice']);
    expect((await get(t, '/v1/returns')).items).toHaveLength(before);
    const wrongDate = await fileReturn({ invoice: { number: 'INV-X', date: '2026-03-11', amountFen: 259_900 } });
    expect(wrongDate.state).toMatchObject({ status: 'refused', reasonCodes: ['WA-RETURN-INVOICE'] });
    const late = await fileReturn({ requestedDate: '2026-03-17' });
    expect(late.state).toMatchObject({ status: 'refused', reasonCodes: ['WA-RETURN-WINDOW'] });
    const lastDay = await fileReturn({ requestedDate: '2026-03-16' });
    expect(lastDay.state.status).toBe('requested');
    const incomplete = await fileReturn({ accessories: { present: ['battery-key'], missing: ['charger'] } });
    expect(incomplete.state).toMatchObject({ status: 'refused', reasonCodes: ['WA-RETURN-INCOMPLETE'] });
  });

  it('refuses an exchange for a non-performance reason; the same unit sent back for repair is approved with the dealer\'s 30 % of the priced repair', async () => {
    const exchange = await fileReturn({ kind: 'exchange', reason: 'customer-changed-mind' });
    expect(exchange.state).toMatchObject({ status: 'refused', reasonCodes: ['WA-RETURN-NOT-PERFORMANCE'] });
    const repair = await post(t, '/v1/returns', { stationId: 'S1', unitId: exchange.unitId, kind: 'repair', reason: 'customer-changed-mind', requestedDate: '2026-03-15', accessories, documentsComplete: true, note: 'approved by the sales company (§9.2)' }, 201);
    expect(repair.state.status).toBe('requested');
    await step(repair.id, { step: 'inspection-scheduled', arrivedDate: '2026-03-16', inspectionDate: '2026-03-16' });
    await step(repair.id, { step: 'inspected', inspectedDate: '2026-03-16', dealerAttended: true, factoryInspector: 'QC Wang', dealerInspector: 'Li (S1)', defectConfirmed: false, accessoriesMissing: [] });
    const noCost = await step(repair.id, { step: 'approved', decidedDate: '2026-03-18' }, 422);
    expect(fieldPaths(noCost)).toEqual(['repairCostFen']);
    const approved = await step(repair.id, { step: 'approved', decidedDate: '2026-03-18', repairCostFen: 30_000 });
    expect([fenOf(approved, 'manufacturer'), fenOf(approved, 'dealer'), fenOf(approved, 'customer')]).toEqual([21_000, 9_000, 0]);
  });

  it('repairs a unit refused an exchange after the 7-day window at the dealer\'s request, the whole cost the dealer\'s (§9.5)', async () => {
    const late = await fileReturn({ kind: 'exchange', requestedDate: '2026-03-19' });
    expect(late.state).toMatchObject({ status: 'refused', reasonCodes: ['WA-RETURN-WINDOW'] });
    const repair = await post(t, '/v1/returns', { stationId: 'S1', unitId: late.unitId, kind: 'repair', reason: 'serious-quality-defect', requestedDate: '2026-03-19', accessories, documentsComplete: true, note: 'the dealer asks for a factory repair (§9.5)' }, 201);
    await step(repair.id, { step: 'inspection-scheduled', arrivedDate: '2026-03-19', inspectionDate: '2026-03-19' });
    await step(repair.id, { step: 'inspected', inspectedDate: '2026-03-19', dealerAttended: true, factoryInspector: 'QC Wang', dealerInspector: 'Li (S1)', defectConfirmed: true, accessoriesMissing: [] });
    const approved = await step(repair.id, { step: 'approved', decidedDate: '2026-03-19', repairCostFen: 38_000 });
    expect([fenOf(approved, 'manufacturer'), fenOf(approved, 'dealer'), fenOf(approved, 'customer')]).toEqual([0, 38_000, 0]);
  });

  it('refuses a second exchange or refund of a unit while one is open or after one was approved (409, nothing stored); a refused one or a repair does not block', async () => {
    const first = await fileReturn({ requestedDate: '2026-03-12' });
    const unitId = first.unitId as string;
    const again = (kind: string, status: number) => post(t, '/v1/returns', {
      stationId: 'S1', unitId, kind, reason: 'serious-quality-defect', requestedDate: '2026-03-13',
      invoice: { number: 'INV-330100-0001', date: '2026-03-10', amountFen: 259_900 }, accessories, documentsComplete: true, note: 'filed twice',
    }, status);
    const before = (await get(t, '/v1/returns', { unitId })).items.length;
    expect(await again('exchange', 409)).toMatchObject({ code: 'return-exchange-or-refund-exists', existingReturnId: first.id, existingKind: 'refund', existingStatus: 'requested' });
    await step(first.id, { step: 'inspection-scheduled', arrivedDate: '2026-03-13', inspectionDate: '2026-03-13' });
    await step(first.id, { step: 'inspected', inspectedDate: '2026-03-13', dealerAttended: true, factoryInspector: 'QC Wang', dealerInspector: 'Li (S1)', defectConfirmed: true, accessoriesMissing: [] });
    expect((await again('refund', 409)).existingStatus).toBe('inspected');
    await step(first.id, { step: 'approved', decidedDate: '2026-03-13' });
    expect(await again('refund', 409)).toMatchObject({ code: 'return-exchange-or-refund-exists', existingStatus: 'approved' });
    expect((await get(t, '/v1/returns', { unitId })).items).toHaveLength(before);

    const refused = await fileReturn({ kind: 'exchange', requestedDate: '2026-03-19' });
    expect(refused.state.status).toBe('refused');
    const second = await post(t, '/v1/returns', {
      stationId: 'S1', unitId: refused.unitId, kind: 'refund', reason: 'serious-quality-defect', requestedDate: '2026-03-12',
      invoice: { number: 'INV-330100-0001', date: '2026-03-10', amountFen: 259_900 }, accessories, documentsComplete: true, note: 'within the week after all',
    }, 201);
    expect(second.state.status).toBe('requested');
    await step(second.id, { step: 'refused', decidedDate: '2026-03-13', reasonCode: 'NDF' });
  });

  it('lets the factory\'s record bind when the dealer missed the 7-day joint inspection, and charges missing accessories to the repairer', async () => {
    const filed = await fileReturn({ kind: 'exchange', repairerId: 'R-9', requestedDate: '2026-03-05', invoice: { number: 'INV-2', date: '2026-03-01', amountFen: 199_900 } }, '2026-03-01');
    const scheduled = await step(filed.id, { step: 'inspection-scheduled', arrivedDate: '2026-03-06', inspectionDate: '2026-03-09' });
    expect(scheduled.state.jointInspectionLastDay).toBe('2026-03-13');
    const factoryOnly = { step: 'inspected', dealerAttended: false, factoryInspector: 'QC Wang', defectConfirmed: true, accessoriesMissing: ['charger', 'battery-key'] };
    const early = await step(filed.id, { ...factoryOnly, inspectedDate: '2026-03-13' }, 409);
    expect(early).toMatchObject({ code: 'joint-inspection-open', jointInspectionLastDay: '2026-03-13' });
    const inspected = await step(filed.id, { ...factoryOnly, inspectedDate: '2026-03-14' });
    expect(inspected.state).toMatchObject({ binding: 'factory-record', accessoriesMissingAtInspection: ['charger', 'battery-key'] });
    expect(inspected.steps[2].details.dealerMissedDeadline).toBe(true);
    const approved = await step(filed.id, { step: 'approved', decidedDate: '2026-03-15' });
    expect(approved.state.payers).toEqual([
      { party: 'manufacturer', id: null, fen: 199_900, why: expect.any(String) },
      { party: 'dealer', id: 'S1', fen: 0, why: expect.any(String) },
      { party: 'repairer', id: 'R-9', fen: 13_500, why: 'missing at the inspection: charger, battery-key' },
      { party: 'customer', id: null, fen: 0, why: 'nothing' },
    ]);
  });

  it('refuses approval when the inspection found no defect; the refusal is appended with NDF', async () => {
    const filed = await fileReturn();
    await step(filed.id, { step: 'inspection-scheduled', arrivedDate: '2026-03-15', inspectionDate: '2026-03-15' });
    await step(filed.id, { step: 'inspected', inspectedDate: '2026-03-15', dealerAttended: true, factoryInspector: 'QC Wang', dealerInspector: 'Li (S1)', defectConfirmed: false, accessoriesMissing: [] });
    expect((await step(filed.id, { step: 'approved', decidedDate: '2026-03-16' }, 409)).code).toBe('return-defect-not-confirmed');
    const early = await step(filed.id, { step: 'refused', decidedDate: '2026-03-13', reasonCode: 'NDF' }, 422);
    expect(early).toMatchObject({ code: 'before-request' });
    expect(fieldPaths(early)).toEqual(['decidedDate']);
    const refused = await step(filed.id, { step: 'refused', decidedDate: '2026-03-16', reasonCode: 'NDF' });
    expect(refused.state).toMatchObject({ status: 'refused', reasonCodes: ['NDF'] });
  });

  it('answers bad input with problem+json field paths and changes nothing; dealers file and read their own station only', async () => {
    const unit = await registerUnit(t, buildEbikeUnit({ saleDate: '2026-03-10' }));
    const before = (await get(t, '/v1/returns')).items.length;
    const bad = await post(t, '/v1/returns', { stationId: 'S1', unitId: unit.unitId, kind: 'swap', reason: 'serious-quality-defect', requestedDate: '2026-02-30', invoice: { number: 'I', date: '2026-03-10', amountFen: -5 }, accessories, documentsComplete: true, note: 'x', colour: 'red' }, 400);
    expect(fieldPaths(bad).sort()).toEqual(['colour', 'invoice.amountFen', 'kind', 'note', 'requestedDate']);
    const accessory = await post(t, '/v1/returns', { stationId: 'S1', unitId: unit.unitId, kind: 'refund', reason: 'serious-quality-defect', requestedDate: '2026-03-12', invoice: { number: 'I', date: '2026-03-10', amountFen: 100 }, accessories: { present: [], missing: ['helmet'] }, documentsComplete: true, note: 'a helmet' }, 422);
    expect(fieldPaths(accessory)).toEqual(['accessories.missing.0']);
    const reason = await post(t, '/v1/returns', { stationId: 'S1', unitId: unit.unitId, kind: 'refund', reason: 'too-slow', requestedDate: '2026-03-12', invoice: { number: 'I', date: '2026-03-10', amountFen: 100 }, accessories, documentsComplete: true, note: 'too slow' }, 422);
    expect(fieldPaths(reason)).toEqual(['reason']);
    const future = await post(t, '/v1/returns', { stationId: 'S1', unitId: unit.unitId, kind: 'refund', reason: 'serious-quality-defect', requestedDate: '2026-03-21', invoice: { number: 'I', date: '2026-03-10', amountFen: 100 }, accessories, documentsComplete: true, note: 'tomorrow' }, 422);
    expect(fieldPaths(future)).toEqual(['requestedDate']);
    expect((await get(t, '/v1/returns')).items).toHaveLength(before);

    const filed = await fileReturn({}, '2026-03-10', 201, t.auth.dealer);
    expect(filed.createdBy).toMatch(/dealer/);
    expect(fieldPaths(await step(filed.id, { step: 'reinspected' }, 400))).toEqual(['step']);
    expect(fieldPaths(await step(filed.id, { step: 'inspection-scheduled', arrivedDate: '2026-03-15', inspectionDate: '2026-03-15', extra: 1 }, 400))).toEqual(['extra']);
    await step(filed.id, { step: 'inspection-scheduled', arrivedDate: '2026-03-15', inspectionDate: '2026-03-15' });
    expect(fieldPaths(await step(filed.id, { step: 'inspected', inspectedDate: '2026-03-15', dealerAttended: true, factoryInspector: 'QC', defectConfirmed: true, accessoriesMissing: [] }, 400))).toEqual(['dealerInspector']);
    await post(t, `/v1/returns/${filed.id}/steps`, { step: 'refused', decidedDate: '2026-03-16', reasonCode: 'NDF', note: 'dealers cannot decide' }, 403, t.auth.dealer);
    expect(fieldPaths(await get(t, '/v1/returns', { statoin: 'S1' }, 400))).toEqual(['query.statoin']);
    await get(t, `/v1/returns/${filed.id}`, {}, 403, t.auth.dealerS2);
    await post(t, '/v1/returns', { stationId: 'S1', unitId: unit.unitId, kind: 'repair', reason: 'human-damage', requestedDate: '2026-03-12', accessories, documentsComplete: true, note: 'not my station' }, 403, t.auth.dealerS2);
    expect((await get(t, '/v1/returns', {}, 200, t.auth.dealerS2)).items).toEqual([]);
    expect((await get(t, '/v1/returns', {}, 200, t.auth.dealer)).items.every((r: { stationId: string }) => r.stationId === 'S1')).toBe(true);
    expect((await get(t, '/v1/returns/999999', {}, 404)).code).toBe('not-found');
  });

  it('lists by the latest step\'s status', async () => {
    const approved = (await get(t, '/v1/returns', { status: 'approved' })).items;
    expect(approved.map((r: { kind: string }) => r.kind)).toEqual(['refund', 'repair', 'repair', 'refund', 'exchange']);
    expect(approved.every((r: Record<string, any>) => r.state.status === 'approved')).toBe(true);
    const refused = (await get(t, '/v1/returns', { status: 'refused', limit: '2' })).items;
    expect(refused.map((r: Record<string, any>) => r.state.reasonCodes[0])).toEqual(['WA-RETURN-INVOICE', 'WA-RETURN-WINDOW']);
  });

  it('keeps requests and steps append-only', async () => {
    await expect(t.db.query("UPDATE return_steps SET status = 'approved'")).rejects.toThrow(/append-only/);
    await expect(t.db.query('DELETE FROM return_requests')).rejects.toThrow(/append-only/);
  });

  it('reports the returns decided in a period with who pays what, as JSON and CSV', async () => {
    const report = await get(t, '/v1/returns/report', { from: '2026-03-15', to: '2026-03-18' });
    expect(report.totals).toMatchObject({ approved: 3, manufacturerFen: 259_900 + 21_000 + 199_900, dealerFen: 9_000, repairerFen: 13_500, customerFen: 0, refundToCustomerFen: 259_900 });
    expect(report.totals.refused).toBe(2); // NDF after inspection, and the late request refused at filing on 2026-03-17
    const csv = await request(t.app).get('/v1/returns/report').query({ from: '2026-03-15', to: '2026-03-18', format: 'csv' }).set(t.auth.auditor);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const [header, ...rows] = csv.text.trim().split(/\r?\n/);
    expect(header).toContain('returnId,decidedOn,status,reasonCodes,stationId,repairerId');
    expect(rows).toHaveLength(5);
    expect(rows.find((r) => r.includes(',R-9,'))).toMatch(/,exchange,serious-quality-defect,INV-2,199900,factory-record,199900,199900,0,13500,0,0,charger; battery-key$/);
    expect(fieldPaths(await get(t, '/v1/returns/report', { from: '2026-03-18', to: '2026-03-01' }, 400))).toEqual(['query.from']);
  });
});
