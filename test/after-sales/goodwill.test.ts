import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { buildClaim, buildNevUnit, lampJob, registerUnit } from '../e2e/fixtures.js';
import type { ClaimInput } from '../../src/claims/claim-schema.js';
import { fieldPaths, get, post } from './after-sales-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-20T04:00:00Z' });
});
afterAll(() => t.close());

async function claimOn(saleDate: string, overrides: Partial<ClaimInput>): Promise<{ claimNumber: string; decision: Record<string, any> }> {
  const unit = await registerUnit(t, buildNevUnit({ saleDate }));
  const claim = buildClaim(unit, { stationId: 'S6', ...overrides });
  const res = await request(t.app).post('/v1/claims').set(t.auth.auditor).send(claim);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { claimNumber: claim.claimNumber, decision: res.body };
}

describe('goodwill on out-of-term lines', () => {
  it('splits a battery denied in the third month past its 60 months by the policy table: manufacturer, supplier SUP-BATT-01 and customer, in fen', async () => {
    const { claimNumber, decision } = await claimOn('2021-01-10', {});
    expect(decision.jobs[0].lines[0]).toMatchObject({ lineId: 'J1/causal', status: 'denied' });
    expect(decision.jobs[0].reasons.map((r: { code: string }) => r.code)).toContain('EW');
    const grant = await post(t, `/v1/claims/${claimNumber}/goodwill`, { lineId: 'J1/causal', note: 'loyal fleet customer, cell fault' }, 201);
    expect(grant).toMatchObject({ stationId: 'S6', baseFen: 6_800_000, monthsPast: 3, kmPast: 0, manufacturerFen: 3_400_000, supplierFen: 2_040_000, supplierId: 'SUP-BATT-01', customerFen: 1_360_000, grantedOn: '2026-03-20' });
    expect(grant.grantedBy).toMatch(/:auditor$/);
    const twice = await post(t, `/v1/claims/${claimNumber}/goodwill`, { lineId: 'J1/causal', note: 'again' }, 409);
    expect(twice.code).toBe('goodwill-already-granted');
    const listed = await get(t, `/v1/claims/${claimNumber}/goodwill`, { stationId: 'S6' });
    expect(listed.items).toEqual([grant]);
    expect((await get(t, `/v1/claims/${claimNumber}/goodwill`, { stationId: 'S1' })).items).toEqual([]);
    await get(t, `/v1/claims/${claimNumber}/goodwill`, {}, 403, t.auth.dealer);
    expect(fieldPaths(await get(t, `/v1/claims/${claimNumber}/goodwill`, { station: 'S6' }, 400))).toEqual(['query.station']);
  });

  it('gives a non-supplier part\'s supplier share to the manufacturer (cab lamp, chassis maker liable under warranty)', async () => {
    const { claimNumber } = await claimOn('2025-01-10', { odometerKm: 5_000, jobs: [lampJob()], preAuthorisationNumber: undefined });
    const grant = await post(t, `/v1/claims/${claimNumber}/goodwill`, { lineId: 'J1/causal', note: 'lamp failed just after its year' }, 201);
    expect(grant).toMatchObject({ baseFen: 26_000, manufacturerFen: 20_800, supplierFen: 0, supplierId: null, customerFen: 5_200 });
  });

  it('refuses goodwill without a note (400 with its path), on a paid line (409), and beyond the table (422)', async () => {
    const { claimNumber } = await claimOn('2021-01-10', {});
    const noNote = await post(t, `/v1/claims/${claimNumber}/goodwill`, { lineId: 'J1/causal', note: ' ' }, 400);
    expect(fieldPaths(noNote)).toEqual(['note']);
    const paid = await claimOn('2021-03-15', {});
    expect((await post(t, `/v1/claims/${paid.claimNumber}/goodwill`, { lineId: 'J1/consequential/1', note: 'paid already' }, 409)).code).toBe('goodwill-needs-denied-line');
    const old = await claimOn('2021-03-15', { odometerKm: 5_000, jobs: [lampJob()], preAuthorisationNumber: undefined });
    const beyond = await post(t, `/v1/claims/${old.claimNumber}/goodwill`, { lineId: 'J1/causal', note: 'four years past' }, 422);
    expect(beyond.code).toBe('goodwill-beyond-table');
  });

  it('refuses goodwill (409) on a line denied for a duplicate charge: only out of term and the exclusions qualify (policy goodwill.eligibleReasons)', async () => {
    const unit = await registerUnit(t, buildNevUnit({ saleDate: '2025-06-01' }));
    await request(t.app).post('/v1/claims').set(t.auth.auditor).send(buildClaim(unit, { stationId: 'S6', failureDate: '2026-03-01', repairDate: '2026-03-05' })).expect(201);
    const again = buildClaim(unit, { stationId: 'S7', failureDate: '2026-03-03', repairDate: '2026-03-06' });
    const denied = await request(t.app).post('/v1/claims').set(t.auth.auditor).send(again).expect(201);
    expect(denied.body.jobs[0].reasons.map((r: { code: string }) => r.code)).toContain('DC');
    const line = denied.body.jobs[0].lines.find((l: { status: string }) => l.status === 'denied');
    const refused = await post(t, `/v1/claims/${again.claimNumber}/goodwill`, { lineId: line.lineId, note: 'the station asks for goodwill' }, 409);
    expect(refused.code).toBe('goodwill-not-eligible');
    expect(refused.detail).toContain('DC');
    expect((await get(t, `/v1/claims/${again.claimNumber}/goodwill`, { stationId: 'S7' })).items).toEqual([]);
  });

  it('reports goodwill apart from warranty, per station and per supplier', async () => {
    const report = await get(t, '/v1/goodwill', { from: '2026-03-01', to: '2026-03-31' });
    expect(report.grants).toHaveLength(2);
    expect(report.stations).toEqual([{ stationId: 'S6', goodwillPaidFen: 3_400_000 + 2_040_000 + 20_800, customerFen: 1_360_000 + 5_200 }]);
    expect(report.suppliers).toEqual([{ supplierId: 'SUP-BATT-01', supplierFen: 2_040_000 }]);
    const statement = await get(t, '/v1/statements/stations/S6', { month: '2026-03' });
    expect(statement.lines.map((l: { lineId: string; claimNumber: string }) => l.lineId)).not.toContain('J1/causal');
    await expect(t.db.query('UPDATE goodwill_grants SET customer_fen = 0')).rejects.toThrow(/append-only/);
  });
});
