import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { withCheckDigit } from '../../src/units/vin.js';
import { batteryPreAuthorisation, issueBatteryPreAuthorisation } from '../e2e/fixtures.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-20T04:00:00Z' });
});
afterAll(() => t.close());

let units = 0;
/** A fresh NEV unit sold 2021-03-15, so each story has its own history. */
async function registerUnit(): Promise<string> {
  units += 1;
  const vin = withCheckDigit(`LB9BL5180M${String(900000 + units).padStart(7, '0')}`);
  await request(t.app).post('/v1/units').set(t.auth.auditor).send({ unitId: `NEV-PR-${units}`, productLine: 'nev-special-vehicle', model: 'BL5180JSQ', vin, saleDate: '2021-03-15', region: 'CN-HB' }).expect(201);
  await issueBatteryPreAuthorisation(t, `NEV-PR-${units}`, vin);
  return vin;
}

async function batteryClaim(claimNumber: string) {
  const vin = await registerUnit();
  return {
    claimNumber, stationId: 'S1', unit: { vin }, odometerKm: 150000, preAuthorisationNumber: batteryPreAuthorisation(vin),
    failureDate: '2026-03-14', repairDate: '2026-03-16', evidence: { photos: 2, faultStatePreserved: true },
    jobs: [{ jobId: 'J1', component: 'traction-battery', failureMode: 'no-charge', cause: 'defect-material',
      causalPart: { partNumber: 'NEV-BAT-001', quantity: 1, unitPriceFen: 6800000 },
      labour: [{ operationCode: 'NEV-OP-BAT-RR', hours: 6, rateFen: 8000 }] }],
  };
}

describe('old-part returns', () => {
  it('holds the battery line until its part comes back, then a confirmed inspection releases it in a new version', async () => {
    const first = await request(t.app).post('/v1/claims').set(t.auth.auditor).send(await batteryClaim('S1-PR-1')).expect(201);
    expect(first.body.jobs[0].lines[0]).toMatchObject({ hold: 'part-return', approvedFen: 6800000, holdDeadline: '2026-04-19' });
    expect(first.body.totals.heldFen).toBe(6800000);

    const released = await request(t.app).post('/v1/claims/S1-PR-1/part-returns').set(t.auth.auditor)
      .send({ lineId: 'J1/causal', receivedDate: '2026-03-25', inspection: 'confirmed', note: 'pack received, cell fault confirmed' }).expect(201);
    expect(released.body.decisionVersion).toBe(2);
    expect(released.body.jobs[0].lines[0].hold).toBeUndefined();
    expect(released.body.jobs[0].lines[0].partReturn).toMatchObject({ status: 'confirmed', receivedDate: '2026-03-25' });
    expect(released.body.totals).toMatchObject({ heldFen: 0, approvedFen: 6848000 });
    expect(released.body.jobs[0].liableParty).toEqual({ type: 'supplier', id: 'SUP-BATT-01' });

    const read = await request(t.app).get('/v1/claims/S1-PR-1').set(t.auth.auditor).expect(200);
    expect(read.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
  });

  it('denies the whole job NDF when inspection finds no defect, and the customer becomes liable', async () => {
    await request(t.app).post('/v1/claims').set(t.auth.auditor).send(await batteryClaim('S1-PR-2')).expect(201);
    const res = await request(t.app).post('/v1/claims/S1-PR-2/part-returns').set(t.auth.auditor)
      .send({ lineId: 'J1/causal', receivedDate: '2026-03-25', inspection: 'no-defect-found', note: 'pack tested within spec' }).expect(201);
    expect(res.body.status).toBe('denied');
    expect(res.body.jobs[0].reasons.map((r: { code: string }) => r.code)).toContain('NDF');
    expect(res.body.jobs[0].liableParty).toEqual({ type: 'customer' });
    expect(res.body.totals.approvedFen).toBe(0);
  });

  it('denies PNR the parts not returned by the deadline, once, however often expiry runs', async () => {
    await request(t.app).post('/v1/claims').set(t.auth.auditor).send(await batteryClaim('S1-PR-3')).expect(201);
    const early = await request(t.app).post('/v1/settlement/expire-returns').set(t.auth.auditor).send({ today: '2026-04-19' }).expect(200);
    expect(early.body.claims.map((c: { claimNumber: string }) => c.claimNumber)).not.toContain('S1-PR-3');
    const late = await request(t.app).post('/v1/settlement/expire-returns').set(t.auth.auditor).send({ today: '2026-04-20' }).expect(200);
    expect(late.body.claims.map((c: { claimNumber: string }) => c.claimNumber)).toContain('S1-PR-3');
    const again = await request(t.app).post('/v1/settlement/expire-returns').set(t.auth.auditor).send({ today: '2026-04-21' }).expect(200);
    expect(again.body.expired).toBe(0);
    const read = await request(t.app).get('/v1/claims/S1-PR-3').set(t.auth.auditor).expect(200);
    expect(read.body.status).toBe('denied');
    expect(read.body.jobs[0].reasons.map((r: { code: string }) => r.code)).toContain('PNR');
    expect(read.body.versions).toHaveLength(2);
  });

  it('keeps a battery line approved by an auditor held until its old part comes back', async () => {
    const claim = await batteryClaim('S1-PR-4');
    claim.jobs[0]!.cause = 'undetermined';
    const first = await request(t.app).post('/v1/claims').set(t.auth.auditor).send(claim).expect(201);
    expect(first.body.status).toBe('pended');
    expect(first.body.jobs[0].reasons.map((r: { code: string }) => r.code)).toEqual(['IIS']);

    const reviewed = await request(t.app).post('/v1/claims/S1-PR-4/reviews').set(t.auth.auditor)
      .send({ note: 'cell fault confirmed on site', lines: [{ lineId: 'J1/causal', action: 'approve', amountFen: 6800000 }, { lineId: 'J1/labour/1', action: 'approve', amountFen: 48000 }] }).expect(201);
    expect(reviewed.body.jobs[0].lines[0]).toMatchObject({ status: 'approved', approvedFen: 6800000, hold: 'part-return', holdDeadline: '2026-04-19' });
    expect(reviewed.body.jobs[0].lines[1].hold).toBeUndefined();
    expect(reviewed.body.totals).toMatchObject({ approvedFen: 6848000, heldFen: 6800000 });
  });
});
