import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { databaseKind } from '../support/test-db.js';
import { batteryJob, buildClaim, buildNevUnit, decide, expectProblem, registerUnit, rowCounts, submitClaim } from './fixtures.js';
import { CLAIM_BOUNDS } from '../../src/money/bounds.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe(`numbers beyond what is computed exactly or stored (${databaseKind})`, () => {
  it('refuses an odometer of 3,000,000,000 km with 422 at odometerKm (it once answered 500) and stores nothing', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const before = await rowCounts(t.db);
    const res = await submitClaim(t, buildClaim(unit, { odometerKm: 3_000_000_000 }));
    expectProblem(res, 422, 'number-out-of-bounds');
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'odometerKm', value: 3_000_000_000, max: CLAIM_BOUNDS.odometerKm })]);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('refuses a quantity and unit price of 9,007,199,254,740,991 at their paths, whose total would not be an exact integer', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const huge = Number.MAX_SAFE_INTEGER;
    const res = await submitClaim(t, buildClaim(unit, { jobs: [batteryJob({ causalPart: { partNumber: 'NEV-BAT-001', quantity: huge, unitPriceFen: huge } })] }));
    expectProblem(res, 422, 'number-out-of-bounds');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['jobs.0.causalPart.quantity', 'jobs.0.causalPart.unitPriceFen']);
  });

  it('refuses 1,001 labour hours and an hourly rate above 100,000.00 at their paths', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const res = await submitClaim(t, buildClaim(unit, { jobs: [batteryJob({ labour: [{ operationCode: 'NEV-OP-BAT-RR', hours: 1001, rateFen: 10_000_001 }] })] }));
    expectProblem(res, 422, 'number-out-of-bounds');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['jobs.0.labour.0.hours', 'jobs.0.labour.0.rateFen']);
  });

  it('decides a claim at every bound exactly, in integer fen', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const b = CLAIM_BOUNDS;
    const decision = await decide(t, buildClaim(unit, {
      odometerKm: 150_000,
      jobs: [batteryJob({ causalPart: { partNumber: 'NEV-BAT-001', quantity: b.quantity, unitPriceFen: b.unitPriceFen }, consequentialParts: [], travel: null, auxiliaryFen: b.amountFen, labour: [{ operationCode: 'NEV-OP-BAT-RR', hours: b.hours, rateFen: b.rateFen }] })],
    }));
    expect(decision.totals.claimedFen).toBe(b.quantity * b.unitPriceFen + b.amountFen + b.hours * b.rateFen);
    expect(Number.isSafeInteger(decision.totals.claimedFen)).toBe(true);
    expect(decision.totals.claimedFen).toBe(decision.totals.approvedFen + decision.totals.deductedFen + decision.totals.pendingFen);
  });

  it('refuses a pre-check odometer of 3,000,000,000 km with 422 at odometerKm', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const res = await request(t.app).post('/v1/eligibility').set(t.auth.dealer).send({ unit: { vin: unit.vin }, date: '2026-03-14', odometerKm: 3_000_000_000, components: [{ component: 'traction-battery' }] });
    expectProblem(res, 422, 'number-out-of-bounds');
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'odometerKm' })]);
  });
});
