import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { batteryJob, buildClaim, buildEbikeUnit, decide, expectProblem, registerUnit } from '../e2e/fixtures.js';
import { registerBareNevUnit } from '../lifecycle/preauthorisation-helpers.js';

/**
 * The console's queries: GET /v1/reviews filters and cursor pages with counts per reason, and
 * GET /v1/claims searched by claim number prefix, VIN and frame serial. Battery repairs on units with
 * no pre-authorisation are pended AC (69,450.00 of parts above the 20,000.00 threshold).
 */
let t: TestApp;
const pended: string[] = [];
let vinOfFirst = '';
beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-20T04:00:00Z' });
  for (let i = 0; i < 5; i++) {
    t.setNow(`2026-03-${String(16 + i).padStart(2, '0')}T04:00:00Z`);
    const unit = await registerBareNevUnit(t);
    if (i === 0) vinOfFirst = unit.vin!;
    const decision = await decide(t, buildClaim(unit, { claimNumber: `Q-${i}`, stationId: i === 4 ? 'S2' : 'S1', jobs: [batteryJob()], preAuthorisationNumber: undefined }));
    expect(decision.status).toBe('pended');
    pended.push(decision.claimNumber);
  }
  t.setNow('2026-03-21T04:00:00Z');
});
afterAll(() => t.close());

const queue = (query: Record<string, string | number> = {}) => request(t.app).get('/v1/reviews').query(query).set(t.auth.auditor);

describe('GET /v1/reviews for the console', () => {
  it('pages the queue oldest first with a cursor, counting the whole queue per reason code', async () => {
    const first = await queue({ limit: 2 }).expect(200);
    expect(first.body.items.map((i: { claimNumber: string }) => i.claimNumber)).toEqual(['Q-0', 'Q-1']);
    expect(first.body.total).toBe(5);
    expect(first.body.countsByReason).toContainEqual({ code: 'AC', message: { en: expect.any(String), zh: expect.any(String) }, claims: 5 });
    const second = await queue({ limit: 2, cursor: first.body.nextCursor }).expect(200);
    expect(second.body.items.map((i: { claimNumber: string }) => i.claimNumber)).toEqual(['Q-2', 'Q-3']);
    const last = await queue({ limit: 2, cursor: second.body.nextCursor }).expect(200);
    expect(last.body.items.map((i: { claimNumber: string }) => i.claimNumber)).toEqual(['Q-4']);
    expect(last.body.nextCursor).toBeNull();
    expect(first.body.items[0]).toMatchObject({ productLine: 'nev-special-vehicle', claimedFen: expect.any(Number), status: 'pended' });
  });

  it('filters by station, product line, reason code, age in days and claimed amount', async () => {
    const numbers = async (query: Record<string, string | number>) => (await queue(query).expect(200)).body.items.map((i: { claimNumber: string }) => i.claimNumber);
    expect(await numbers({ stationId: 'S2' })).toEqual(['Q-4']);
    expect(await numbers({ productLine: 'e-bike' })).toEqual([]);
    expect(await numbers({ productLine: 'nev-special-vehicle' })).toHaveLength(5);
    expect(await numbers({ reasonCode: 'AC' })).toHaveLength(5);
    expect(await numbers({ reasonCode: 'NO-SUCH' })).toEqual([]);
    expect(await numbers({ minAgeDays: 3 })).toEqual(['Q-0', 'Q-1', 'Q-2']);
    const claimed = (await queue().expect(200)).body.items[0].claimedFen as number;
    expect(await numbers({ minClaimedFen: claimed + 1 })).toEqual([]);
    expect(await numbers({ minClaimedFen: claimed, maxClaimedFen: claimed })).toHaveLength(5);
    expect((await queue({ stationId: 'S2' }).expect(200)).body.total).toBe(1);
  });

  it('refuses a cursor it did not give and an unknown parameter with their paths', async () => {
    expectProblem(await queue({ cursor: 'bm9wZQ' }), 400, 'validation-failed');
    expectProblem(await queue({ minAgeDays: -1 }), 400, 'validation-failed');
    expectProblem(await queue({ colour: 'red' }), 400, 'validation-failed');
  });
});

describe('GET /v1/claims search', () => {
  it('finds claims by claim number prefix, VIN and frame serial', async () => {
    const list = async (query: Record<string, string>) => (await request(t.app).get('/v1/claims').query(query).set(t.auth.auditor).expect(200)).body.items.map((i: { claimNumber: string }) => i.claimNumber).sort();
    expect(await list({ claimNumber: 'Q-' })).toEqual(['Q-0', 'Q-1', 'Q-2', 'Q-3', 'Q-4']);
    expect(await list({ claimNumber: 'Q-3' })).toEqual(['Q-3']);
    expect(await list({ claimNumber: 'Q_' })).toEqual([]);
    expect(await list({ vin: vinOfFirst })).toEqual(['Q-0']);
    expect(await list({ vin: vinOfFirst.toLowerCase() })).toEqual(['Q-0']);
    expect(await list({ claimNumber: 'Q-', stationId: 'S2' })).toEqual(['Q-4']);
    expect(await list({ claimNumber: 'Q-', status: 'approved' })).toEqual([]);
    const bike = await registerUnit(t, buildEbikeUnit({ saleDate: '2025-10-01' }));
    const claim = await decide(t, buildClaim(bike, { claimNumber: 'EB-1' }));
    expect(await list({ frameSerial: bike.frameSerial! })).toEqual([claim.claimNumber]);
  });
});
