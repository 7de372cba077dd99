import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { lampJob } from '../e2e/fixtures.js';
import { fieldPaths, get, post, submitNevClaim } from './after-sales-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-20T04:00:00Z' });
});
afterAll(() => t.close());

const receipt = (claimNumber: string, overrides: Record<string, unknown> = {}) => ({
  stationId: 'S1', claimNumber, lineId: 'J1/causal', receivedDate: '2026-03-24', location: 'shelf A-3', faultState: 'cell 14 swollen, as removed',
  causeTag: true, repairRecord: true, note: 'pack arrived by freight', ...overrides,
});

/** A battery claim whose old part is received and whose held line the inspection released. */
async function receivedBattery(): Promise<{ claimNumber: string; id: number }> {
  const { claimNumber } = await submitNevClaim(t);
  const part = await post(t, '/v1/old-parts', receipt(claimNumber), 201);
  await post(t, `/v1/claims/${claimNumber}/part-returns`, { lineId: 'J1/causal', receivedDate: '2026-03-24', inspection: 'confirmed', note: 'cell fault confirmed' }, 201);
  return { claimNumber, id: part.id };
}

describe('old parts at the central store', () => {
  it('refuses a part without its cause tag (recorded), then receives it complete as a second step, the first unchanged', async () => {
    const { claimNumber } = await submitNevClaim(t);
    const refused = await post(t, '/v1/old-parts', receipt(claimNumber, { causeTag: false }), 201);
    expect(refused.status).toMatchObject({ custody: 'refused', refusedFor: ['cause-tag'], recovery: 'pending' });
    expect(refused.steps).toHaveLength(1);
    expect(refused.steps[0]).toMatchObject({ step: 'refused', details: { reasonCode: 'WA-OLD-PART-INCOMPLETE', missing: ['cause-tag'] } });
    expect(refused.party).toEqual({ type: 'supplier', id: 'SUP-BATT-01' });
    expect(refused.partNumber).toBe('NEV-BAT-001');

    const received = await post(t, '/v1/old-parts', receipt(claimNumber), 201);
    expect(received.id).toBe(refused.id);
    expect(received.status).toMatchObject({ custody: 'in-store', location: 'shelf A-3', faultState: 'cell 14 swollen, as removed', refusedFor: [] });
    expect(received.steps).toHaveLength(2);
    expect(received.steps[0]).toEqual(refused.steps[0]);
    expect(received.steps[1].recordedBy).toMatch(/^key:\d+:auditor$/);

    const again = await post(t, '/v1/old-parts', receipt(claimNumber), 409);
    expect(again.code).toBe('old-part-already-received');
  });

  it('refuses a part missing both the cause tag and the repair record, naming both', async () => {
    const { claimNumber } = await submitNevClaim(t);
    const refused = await post(t, '/v1/old-parts', receipt(claimNumber, { causeTag: false, repairRecord: false }), 201);
    expect(refused.status.refusedFor).toEqual(['cause-tag', 'repair-record']);
  });

  it('keeps a ledger: a move appends where the part is and its fault state', async () => {
    const { id } = await receivedBattery();
    const moved = await post(t, `/v1/old-parts/${id}/moves`, { location: 'cage B-1', faultState: 'sealed for re-inspection', note: 'battery cage' }, 201);
    expect(moved.status).toMatchObject({ custody: 'in-store', location: 'cage B-1', faultState: 'sealed for re-inspection' });
    expect(moved.steps.map((s: { step: string }) => s.step)).toEqual(['received', 'moved']);
    const read = await get(t, `/v1/old-parts/${id}`);
    expect(read).toEqual(moved);
  });

  it('answers 400 with field paths on bad input, and changes nothing', async () => {
    const { claimNumber } = await submitNevClaim(t);
    const bad = await post(t, '/v1/old-parts', { ...receipt(claimNumber), causeTag: 'yes', shelf: 'A' }, 400);
    expect(fieldPaths(bad)).toEqual(expect.arrayContaining(['causeTag', 'shelf']));
    const noNote = await post(t, '/v1/old-parts', receipt(claimNumber, { note: '' }), 400);
    expect(fieldPaths(noNote)).toContain('note');
    expect((await get(t, '/v1/old-parts', { claimNumber })).items).toEqual([]);
    await post(t, '/v1/old-parts', receipt('NO-SUCH-CLAIM'), 404);
    const labour = await post(t, '/v1/old-parts', receipt(claimNumber, { lineId: 'J1/labour/1' }), 422);
    expect(labour.code).toBe('not-a-part-line');
    const badId = await request(t.app).post('/v1/old-parts/abc/moves').set(t.auth.auditor).send({ location: 'x', faultState: 'y', note: 'why not' });
    expect(badId.status).toBe(400);
    expect(fieldPaths(badId.body)).toEqual(['params.oldPartId']);
  });
});

describe('supplier re-inspection and the recovery notice', () => {
  it('a disputed line both inspections reject leaves the supplier claim: its cost returns to the manufacturer on the notice', async () => {
    const { claimNumber, id } = await receivedBattery();
    const disputed = await post(t, `/v1/old-parts/${id}/supplier-inspections`, { verdict: 'dispute', inspectedBy: 'SUP-BATT-01 QA', note: 'supplier says cells within spec' }, 201);
    expect(disputed.status.recovery).toBe('disputed');

    let notice = (await get(t, '/v1/recoveries', { from: '2026-03-20', to: '2026-03-20', party: 'SUP-BATT-01' })).notices[0];
    let line = notice.lines.find((l: { claimNumber: string; lineId: string }) => l.claimNumber === claimNumber && l.lineId === 'J1/causal');
    expect(line).toMatchObject({ amountFen: 6_800_000, reinspection: 'disputed', oldPartId: id, chargedBackTo: null });

    const noChargeTo = await post(t, `/v1/old-parts/${id}/quality-inspections`, { verdict: 'rejected', note: 'quality agrees with supplier' }, 400);
    expect(fieldPaths(noChargeTo)).toEqual(['chargeTo']);
    const rejected = await post(t, `/v1/old-parts/${id}/quality-inspections`, { verdict: 'rejected', chargeTo: 'manufacturer', note: 'quality agrees: no cell defect' }, 201);
    expect(rejected.status).toMatchObject({ recovery: 'rejected', chargedBackTo: 'manufacturer' });
    expect(rejected.steps.map((s: { step: string }) => s.step)).toEqual(['received', 'supplier-inspection', 'quality-inspection']);

    const before = notice;
    notice = (await get(t, '/v1/recoveries', { from: '2026-03-20', to: '2026-03-20', party: 'SUP-BATT-01' })).notices[0];
    line = notice.lines.find((l: { claimNumber: string; lineId: string }) => l.claimNumber === claimNumber && l.lineId === 'J1/causal');
    expect(line).toMatchObject({ reinspection: 'rejected', chargedBackTo: 'manufacturer', amountFen: 6_800_000 });
    expect(notice.totalFen).toBe(before.totalFen);
    expect(notice.rejectedFen - before.rejectedFen).toBe(6_800_000);
    expect(notice.recoverableFen).toBe(notice.totalFen - notice.rejectedFen);

    const csv = await request(t.app).get('/v1/recoveries').query({ from: '2026-03-20', to: '2026-03-20', party: 'SUP-BATT-01', format: 'csv' }).set(t.auth.auditor).expect(200);
    const rows = parse(csv.text, { columns: true }) as Array<Record<string, string>>;
    expect(rows.find((r) => r.claimNumber === claimNumber && r.lineId === 'J1/causal')).toMatchObject({ reinspection: 'rejected', chargedBackTo: 'manufacturer', amountFen: '6800000' });

    const twice = await post(t, `/v1/old-parts/${id}/quality-inspections`, { verdict: 'supplier-liable', note: 'changed mind' }, 409);
    expect(twice.code).toBe('old-part-step-out-of-order');
  });

  it('quality may find the supplier liable after all: the line is accepted', async () => {
    const { id } = await receivedBattery();
    await post(t, `/v1/old-parts/${id}/supplier-inspections`, { verdict: 'dispute', inspectedBy: 'SUP-BATT-01 QA', note: 'disputed' }, 201);
    const upheld = await post(t, `/v1/old-parts/${id}/quality-inspections`, { verdict: 'supplier-liable', note: 'cell separator defect' }, 201);
    expect(upheld.status).toMatchObject({ recovery: 'accepted', chargedBackTo: null });
  });

  it('ships a part the supplier asks back with carrier and date, and does not dispose of it', async () => {
    const { id } = await receivedBattery();
    const accepted = await post(t, `/v1/old-parts/${id}/supplier-inspections`, { verdict: 'accept', inspectedBy: 'SUP-BATT-01 QA', wantsPartBack: true, note: 'accepted, send it back' }, 201);
    expect(accepted.status).toMatchObject({ recovery: 'accepted', supplierWantsPart: true });
    const refuseDisposal = await post(t, `/v1/old-parts/${id}/disposal-approvals`, { approvedBy: 'head of service', note: 'dispose' }, 409);
    expect(refuseDisposal.code).toBe('old-part-step-out-of-order');
    const shipped = await post(t, `/v1/old-parts/${id}/shipments`, { carrier: 'Deppon', shippedDate: '2026-03-28', trackingNumber: 'DP123', note: 'to supplier' }, 201);
    expect(shipped.status.custody).toBe('shipped-to-supplier');
    expect(shipped.steps[2]).toMatchObject({ step: 'shipped', details: { carrier: 'Deppon', shippedDate: '2026-03-28', trackingNumber: 'DP123' } });
  });

  it('disposes of a part only after its disposal is approved', async () => {
    const { id } = await receivedBattery();
    await post(t, `/v1/old-parts/${id}/supplier-inspections`, { verdict: 'accept', inspectedBy: 'SUP-BATT-01 QA', note: 'accepted, keep it' }, 201);
    await post(t, `/v1/old-parts/${id}/disposals`, { disposedDate: '2026-04-01', method: 'licensed recycler', note: 'recycle' }, 409);
    await post(t, `/v1/old-parts/${id}/disposal-approvals`, { approvedBy: 'head of service', note: 'no supplier wants it' }, 201);
    const disposed = await post(t, `/v1/old-parts/${id}/disposals`, { disposedDate: '2026-04-01', method: 'licensed recycler', note: 'recycled per battery recovery agreement' }, 201);
    expect(disposed.status.custody).toBe('disposed');
  });

  it('no supplier re-inspects a line charged to the manufacturer', async () => {
    const { claimNumber } = await submitNevClaim(t, { jobs: [lampJob({ causalPart: { partNumber: 'NEV-BOOM-001', quantity: 1, unitPriceFen: 1_200_000 }, component: 'crane-boom', failureMode: 'crack', labour: [] })] });
    const part = await post(t, '/v1/old-parts', receipt(claimNumber), 201);
    expect(part.status.recovery).toBe('not-applicable');
    const res = await post(t, `/v1/old-parts/${part.id}/supplier-inspections`, { verdict: 'accept', inspectedBy: 'nobody', note: 'not a supplier part' }, 409);
    expect(res.code).toBe('old-part-step-out-of-order');
  });
});

describe('return rate and pass rate per station', () => {
  it('counts due, returned, passed, refused and unrecoverable old parts of a station over a period, beside its accuracy (JSON and CSV)', async () => {
    const s7 = { stationId: 'S7' };
    const a = await submitNevClaim(t, s7);
    const b = await submitNevClaim(t, s7);
    const c = await submitNevClaim(t, s7);
    await post(t, '/v1/old-parts', receipt(a.claimNumber, s7), 201);
    await post(t, `/v1/claims/${a.claimNumber}/part-returns`, { stationId: 'S7', lineId: 'J1/causal', receivedDate: '2026-03-24', inspection: 'confirmed', note: 'confirmed' }, 201);
    const bPart = await post(t, '/v1/old-parts', receipt(b.claimNumber, s7), 201);
    await post(t, `/v1/claims/${b.claimNumber}/part-returns`, { stationId: 'S7', lineId: 'J1/causal', receivedDate: '2026-03-24', inspection: 'no-defect-found', note: 'tested fine' }, 201);
    await post(t, `/v1/old-parts/${bPart.id}/unrecoverable`, { reason: 'supplier-refuses', note: 'no defect: nothing to recover' }, 201);
    await post(t, '/v1/old-parts', receipt(c.claimNumber, { ...s7, repairRecord: false }), 201);

    const report = await get(t, '/v1/stations/S7/old-part-returns', { from: '2026-03-01', to: '2026-03-31' });
    expect(report).toMatchObject({ stationId: 'S7', dueParts: 3, returnedParts: 2, passedParts: 1, refusedParts: 1, unrecoverableParts: 1, returnRatePct: 66.67, passRatePct: 50 });
    expect(report.notReturned).toEqual([{ claimNumber: c.claimNumber, lineId: 'J1/causal' }]);
    expect(typeof report.accuracyPct).toBe('number');

    const csv = await request(t.app).get('/v1/stations/S7/old-part-returns').query({ from: '2026-03-01', to: '2026-03-31', format: 'csv' }).set(t.auth.auditor).expect(200);
    expect(parse(csv.text, { columns: true })[0]).toMatchObject({ stationId: 'S7', returnRatePct: '66.67', passRatePct: '50', unrecoverableParts: '1' });
    await get(t, '/v1/stations/S7/old-part-returns', { from: '2026-03-01', to: '2026-03-31' }, 403, t.auth.dealer);
  });
});

describe('old-part records are append-only', () => {
  it('the database refuses changing or deleting a step', async () => {
    await receivedBattery();
    await expect(t.db.query("UPDATE old_part_steps SET note = 'changed'")).rejects.toThrow(/append-only/);
    await expect(t.db.query('DELETE FROM old_parts')).rejects.toThrow(/append-only/);
  });
});
