import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { buildClaim, buildEbikeUnit, buildNevUnit, registerUnit } from '../e2e/fixtures.js';
import { fieldPaths, get, submitNevClaim } from './after-sales-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-20T04:00:00Z' });
});
afterAll(() => t.close());

const at = (day: number, hhmm: string) => `2026-03-${String(day).padStart(2, '0')}T${hhmm}:00+08:00`;

describe('service levels per station and period (000 §四.4–5)', () => {
  it('gives the share within each limit from the policy, counts exemptions apart, and names the late cases (JSON and CSV)', async () => {
    const S8 = { stationId: 'S8' };
    const a = await submitNevClaim(t, { ...S8, serviceLevel: { reportedAt: at(15, '08:00'), contactedAt: at(15, '08:05'), dispatchedAt: at(15, '08:40'), arrivedAt: at(15, '11:30'), distanceBand: 'city', workStartedAt: at(15, '11:40'), completedAt: at(15, '13:00'), difficulty: 'simple' } });
    const b = await submitNevClaim(t, { ...S8, serviceLevel: { reportedAt: at(15, '08:00'), contactedAt: at(15, '08:25'), dispatchedAt: at(15, '09:30'), arrivedAt: at(15, '15:00'), distanceBand: 'within-100km', workStartedAt: at(15, '15:00'), completedAt: at(15, '20:00'), difficulty: 'general' } });
    await submitNevClaim(t, { ...S8, serviceLevel: { reportedAt: at(14, '08:00'), dispatchedAt: at(14, '08:10'), arrivedAt: at(15, '14:00'), distanceBand: 'within-300km', workStartedAt: at(15, '14:00'), completedAt: at(16, '14:00'), difficulty: 'simple', exemptions: ['remote-area', 'customer-not-cooperating'] } });
    const d = await submitNevClaim(t, { ...S8, serviceLevel: { customerArrivedAt: at(16, '09:00'), workStartedAt: at(16, '09:45'), completedAt: at(16, '10:30'), difficulty: 'simple' } });
    await submitNevClaim(t, S8);

    const report = await get(t, '/v1/stations/S8/service-levels', { from: '2026-03-01', to: '2026-03-31' });
    expect(report).toMatchObject({ stationId: 'S8', claims: 5, claimsWithTimes: 4 });
    expect(report.limits).toEqual([
      { limit: 'contact', measured: 2, within: 1, late: 1, exempt: 0, withinPct: 50 },
      { limit: 'dispatch', measured: 3, within: 2, late: 1, exempt: 0, withinPct: 66.67 },
      { limit: 'on-site', measured: 2, within: 1, late: 1, exempt: 1, withinPct: 50 },
      { limit: 'wait', measured: 1, within: 0, late: 1, exempt: 0, withinPct: 0 },
      { limit: 'fix', measured: 3, within: 3, late: 0, exempt: 1, withinPct: 100 },
    ]);
    expect(report.late).toHaveLength(4);
    expect(report.late).toEqual(expect.arrayContaining([
      { claimNumber: b.claimNumber, limit: 'contact', minutes: 25, limitMinutes: 10, overMinutes: 15 },
      { claimNumber: b.claimNumber, limit: 'dispatch', minutes: 90, limitMinutes: 60, overMinutes: 30 },
      { claimNumber: b.claimNumber, limit: 'on-site', minutes: 420, limitMinutes: 360, overMinutes: 60 },
      { claimNumber: d.claimNumber, limit: 'wait', minutes: 45, limitMinutes: 30, overMinutes: 15 },
    ]));
    expect(report.late.map((l: { claimNumber: string }) => l.claimNumber)).not.toContain(a.claimNumber);

    const csv = await request(t.app).get('/v1/stations/S8/service-levels').query({ from: '2026-03-01', to: '2026-03-31', format: 'csv' }).set(t.auth.auditor).expect(200);
    const rows = parse(csv.text, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => [r.limit, r.withinPct])).toEqual([['contact', '50'], ['dispatch', '66.67'], ['on-site', '50'], ['wait', '0'], ['fix', '100']]);
    expect(rows[3]!.lateClaims).toBe(`${d.claimNumber} 45/30 min`);

    await get(t, '/v1/stations/S8/service-levels', { from: '2026-03-01', to: '2026-03-31' }, 403, t.auth.dealer);
    const empty = await get(t, '/v1/stations/S1/service-levels', { from: '2026-03-01', to: '2026-03-31' }, 200, t.auth.dealer);
    expect(empty.limits[0]).toMatchObject({ measured: 0, withinPct: null });
  });

  it("holds each product line to its own policy: an e-bike on site in 20 h is within 004 §6.5's 24 h, a truck 200 km out is late after its 6 h", async () => {
    const facts = { reportedAt: at(17, '08:00'), contactedAt: at(17, '08:08'), dispatchedAt: at(17, '12:00'), arrivedAt: at(18, '04:00'), distanceBand: 'within-100km' };
    const ebike = await registerUnit(t, buildEbikeUnit());
    const bike = buildClaim(ebike, { stationId: 'S9', serviceLevel: facts } as never);
    await request(t.app).post('/v1/claims').set(t.auth.auditor).send(bike).expect(201);
    const truck = await submitNevClaim(t, { stationId: 'S9', serviceLevel: facts } as never);
    const report = await get(t, '/v1/stations/S9/service-levels', { from: '2026-03-01', to: '2026-03-31' });
    const row = (limit: string) => report.limits.find((l: { limit: string }) => l.limit === limit);
    expect(row('contact')).toMatchObject({ measured: 2, within: 2, late: 0 });
    expect(row('dispatch')).toMatchObject({ measured: 2, within: 1, late: 1 });
    expect(row('on-site')).toMatchObject({ measured: 2, within: 1, late: 1 });
    expect(report.late).toEqual([
      { claimNumber: truck.claimNumber, limit: 'dispatch', minutes: 240, limitMinutes: 60, overMinutes: 180 },
      { claimNumber: truck.claimNumber, limit: 'on-site', minutes: 1200, limitMinutes: 360, overMinutes: 840 },
    ]);
  });

  it('refuses a claim with a malformed or unknown service-level field (400 with its path), storing nothing', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const claim = buildClaim(unit, { serviceLevel: { reportedAt: 'yesterday morning', arrivedAt: at(15, '09:00') } } as never);
    const bad = await request(t.app).post('/v1/claims').set(t.auth.auditor).send({ ...claim, serviceLevel: { ...claim.serviceLevel, arivedAt: at(15, '09:00') } });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(fieldPaths(bad.body)).toEqual(expect.arrayContaining(['serviceLevel.reportedAt', 'serviceLevel.arivedAt']));
    await request(t.app).get(`/v1/claims/${claim.claimNumber}`).set(t.auth.auditor).expect(404);
    const period = await get(t, '/v1/stations/S8/service-levels', { from: '2026-03-31', to: '2026-03-01' }, 400);
    expect(fieldPaths(period)).toEqual(['query.from']);
  });
});
