import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { databaseKind } from '../support/test-db.js';
import { buildClaim, buildNevUnit, decide, reasonCodes, registerUnit } from './fixtures.js';

// 2026-03-19 17:00 UTC is already 2026-03-20 01:00 in Asia/Shanghai, the policies' zone.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-19T17:00:00Z' });
});
afterAll(() => t.close());

describe(`"today" is the policy zone's date on the fixed clock (${databaseKind})`, () => {
  it("receives a claim on Shanghai's date, not UTC's", async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const decision = await decide(t, buildClaim(unit), t.auth.dealer);
    expect(decision).toMatchObject({ today: '2026-03-20', receivedDate: '2026-03-20' });
    const listed = await request(t.app).get(`/v1/claims?unitId=${unit.unitId}`).set(t.auth.dealer).expect(200);
    expect(listed.body.items[0].receivedDate).toBe('2026-03-20');
  });

  it('counts the filing window to the Shanghai date: a repair on 2026-02-17 is 31 days old, so SUB', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const decision = await decide(t, buildClaim(unit, { failureDate: '2026-02-16', repairDate: '2026-02-17' }), t.auth.dealer);
    expect(decision.status).toBe('denied');
    expect(reasonCodes(decision.jobs[0])).toEqual(['SUB']);
  });

  it('pre-checks for the Shanghai date when no date is given', async () => {
    const unit = await registerUnit(t, buildNevUnit({ saleDate: '2021-03-20' }));
    const res = await request(t.app).post('/v1/eligibility').set(t.auth.dealer).send({ unit: { vin: unit.vin }, components: [{ component: 'traction-battery' }] }).expect(200);
    expect(res.body.date).toBe('2026-03-20');
    // Sold 2021-03-20: the 60 months end on 2026-03-19, so on Shanghai's today the battery is out of term.
    expect(res.body.components[0]).toMatchObject({ covered: false, lastCoveredDay: '2026-03-19' });
  });
});
