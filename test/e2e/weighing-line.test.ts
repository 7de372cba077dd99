import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { ClaimInput } from '../../src/claims/claim-schema.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { databaseKind } from '../support/test-db.js';
import { decide, reasonCodes, registerDemoUnits } from './fixtures.js';

// The third product line, shipped as JSON only (rules/weighing-equipment, policies/weighing-equipment):
// weighbridges of seed 003 范文5 例文1 — electrical parts 18 months, steel structure 3 years, counted
// from commissioning acceptance (开通验收合格之日); a unit has neither VIN nor frame serial and is named
// by its serial number. "Now" is the test app's fixed 2026-03-20; every failure here is on 2026-03-10.

let t: TestApp;

/** Units registered through the CSV bulk import, as an operator loads a customer's installation list. */
const CSV = [
  'unitId,productLine,model,serialNumber,saleDate,deliveryDate,commissioningDate,region,dealerId',
  // commissioned 2024-10-20: 2026-03-10 is in the 17th month of the electrical parts' 18
  'WE-E2E-17,weighing-equipment,SCS-100,QH-E2E-0017,2024-09-15,2024-10-08,2024-10-20,CN-SH,S1',
  // commissioned 2024-08-20: 2026-03-10 is in the 19th month
  'WE-E2E-19,weighing-equipment,SCS-100,QH-E2E-0019,2024-07-30,2024-08-10,2024-08-20,CN-SH,S1',
  // commissioned 2023-09-20: 2026-03-10 is in the 30th month of the steel structure's 36
  'WE-E2E-30,weighing-equipment,SCS-120,QH-E2E-0030,2023-08-25,2023-09-05,2023-09-20,CN-JS,S1',
  // delivered, never accepted at commissioning: no date to count from
  'WE-E2E-NC,weighing-equipment,SCS-100,QH-E2E-00NC,2025-11-01,2025-11-20,,CN-ZJ,S1',
].join('\n');

let serial = 0;
function claimFor(serialNumber: string, job: ClaimInput['jobs'][number]): ClaimInput {
  serial += 1;
  return {
    claimNumber: `S1-WE-${databaseKind}-${serial}`,
    stationId: 'S1',
    unit: { serialNumber },
    odometerKm: null,
    failureDate: '2026-03-10',
    repairDate: '2026-03-12',
    reportedFault: 'indicator shows no weight',
    evidence: { photos: 2, faultStatePreserved: true, priorConsent: null, warrantyCardNumber: null },
    jobs: [job],
  };
}

const loadCellJob: ClaimInput['jobs'][number] = {
  jobId: 'J1', component: 'load-cell', failureMode: 'no-signal', cause: 'defect-material',
  causalPart: { partNumber: 'WE-LC-30T', quantity: 1, unitPriceFen: 180000 },
  labour: [{ operationCode: 'WE-OP-LC-RR', hours: 3, rateFen: 10000 }],
  travel: { km: 80, amountFen: 30000 },
};
const platformJob: ClaimInput['jobs'][number] = {
  jobId: 'J1', component: 'load-platform', failureMode: 'weld-fracture', cause: 'defect-manufacturing',
  causalPart: { partNumber: 'WE-PLAT-3X6', quantity: 1, unitPriceFen: 2600000 },
  labour: [{ operationCode: 'WE-OP-WELD-REP', hours: 8, rateFen: 10000 }],
};

beforeAll(async () => {
  t = await createTestApp();
  const res = await request(t.app).post('/v1/units/import').set(t.auth.auditor).set('Content-Type', 'text/csv').send(CSV);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body).toMatchObject({ received: 4, created: 4, rejected: 0 });
});
afterAll(() => t?.close());

describe(`weighing equipment, the third product line (${databaseKind})`, () => {
  it('covers a load cell failing in month 17 after commissioning: part, labour and travel paid in fen, charged to the load-cell supplier', async () => {
    const decision = await decide(t, claimFor('QH-E2E-0017', loadCellJob));

    expect(decision).toMatchObject({ status: 'approved', unitId: 'WE-E2E-17', productLine: 'weighing-equipment', ruleSet: { id: 'weighing-equipment', version: '2020-01-01' } });
    expect(decision.jobs[0]).toMatchObject({
      covered: true,
      remedy: 'repair',
      reasons: [],
      coverage: { term: 'electrical-parts', start: '2024-10-20', lastCoveredDay: '2026-04-19', kmLimit: null, withinTerm: true },
      liableParty: { type: 'supplier', id: 'SUP-LOADCELL-01' },
    });
    expect(decision.jobs[0].lines.map((l: { lineId: string; approvedFen: number; hold?: string }) => [l.lineId, l.approvedFen, l.hold ?? null])).toEqual([
      ['J1/causal', 180000, 'part-return'],
      ['J1/labour/1', 30000, null],
      ['J1/travel', 30000, null],
    ]);
    expect(decision.totals).toMatchObject({ claimedFen: 240000, approvedFen: 240000, deductedFen: 0, byParty: [{ type: 'supplier', id: 'SUP-LOADCELL-01', approvedFen: 240000 }] });
  });

  it('denies a load cell failing in month 19 as EW: the 18 months from commissioning ended 2026-02-19', async () => {
    const decision = await decide(t, claimFor('QH-E2E-0019', loadCellJob));

    expect(decision.status).toBe('denied');
    expect(decision.jobs[0]).toMatchObject({ covered: false, coverage: { term: 'electrical-parts', start: '2024-08-20', lastCoveredDay: '2026-02-19' }, liableParty: { type: 'customer' } });
    expect(reasonCodes(decision.jobs[0])).toEqual(['EW']);
    expect(decision.totals.approvedFen).toBe(0);
  });

  it('covers a load platform weld fracture in month 30 under the steel structure\'s 36 months, liable the manufacturer', async () => {
    const decision = await decide(t, claimFor('QH-E2E-0030', platformJob));

    expect(decision.status).toBe('approved');
    expect(decision.jobs[0]).toMatchObject({
      covered: true,
      coverage: { term: 'steel-structure', start: '2023-09-20', lastCoveredDay: '2026-09-19' },
      liableParty: { type: 'manufacturer' },
    });
    expect(decision.totals).toMatchObject({ claimedFen: 2680000, approvedFen: 2680000 });
  });

  it('pends a claim on a unit with no commissioning date as WA-NO-TERM-START, paying nothing, in both languages', async () => {
    const decision = await decide(t, claimFor('QH-E2E-00NC', loadCellJob));

    expect(decision.status).toBe('pended');
    expect(decision.jobs[0]).toMatchObject({ covered: false, status: 'pended', coverage: null });
    expect(reasonCodes(decision.jobs[0])).toEqual(['WA-NO-TERM-START']);
    expect(decision.jobs[0].reasons[0].message.en).toContain('termStartsAt');
    expect(decision.jobs[0].reasons[0].message.zh).toContain('质保起算日期');
    expect(decision.totals.approvedFen).toBe(0);
  });

  it('refuses a failure before commissioning acceptance as a data error, storing nothing', async () => {
    const claim = { ...claimFor('QH-E2E-0017', loadCellJob), failureDate: '2024-10-15', repairDate: '2024-10-16', receivedDate: '2024-10-17' };
    const res = await request(t.app).post('/v1/claims').set(t.auth.auditor).send(claim);

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'failureDate', message: expect.stringContaining('commissioning date 2024-10-20') })]);
    await request(t.app).get(`/v1/claims/${claim.claimNumber}`).set(t.auth.auditor).expect(404);
  });

  it('shows the unit with its serial number and commissioning and delivery dates', async () => {
    const res = await request(t.app).get('/v1/units/WE-E2E-17').set(t.auth.auditor).expect(200);

    expect(res.body).toMatchObject({ unitId: 'WE-E2E-17', serialNumber: 'QH-E2E-0017', saleDate: '2024-09-15', deliveryDate: '2024-10-08', commissioningDate: '2024-10-20' });
    expect(res.body).not.toHaveProperty('vin');
  });

  it('refuses a second unit with the same serial number with 409, naming the unit that has it', async () => {
    const res = await request(t.app).post('/v1/units').set(t.auth.auditor)
      .send({ unitId: 'WE-E2E-DUP', productLine: 'weighing-equipment', model: 'SCS-100', serialNumber: 'QH-E2E-0017', saleDate: '2024-09-15', region: 'CN-SH' });

    expect(res.status).toBe(409);
    expect(res.body.detail).toBe('serial number QH-E2E-0017 is already registered as WE-E2E-17');
  });

  it('answers a dealer pre-check by serial number with terms counted from commissioning', async () => {
    const res = await request(t.app).post('/v1/eligibility').set(t.auth.dealer)
      .send({ unit: { serialNumber: 'QH-E2E-0017' }, date: '2026-03-10', components: [{ component: 'load-cell' }, { partNumber: 'WE-PLAT-3X6' }] })
      .expect(200);

    expect(res.body.components.map((c: { covered: boolean; term: string; start: string; lastCoveredDay: string }) => [c.covered, c.term, c.start, c.lastCoveredDay])).toEqual([
      [true, 'electrical-parts', '2024-10-20', '2026-04-19'],
      [true, 'steel-structure', '2024-10-20', '2027-10-19'],
    ]);
  });

  it('refuses a pre-check dated before commissioning acceptance at its date, as a claim would be', async () => {
    const res = await request(t.app).post('/v1/eligibility').set(t.auth.dealer)
      .send({ unit: { serialNumber: 'QH-E2E-0017' }, date: '2024-10-01', components: [{ component: 'load-cell' }] });

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'date', message: expect.stringContaining('commissioning date 2024-10-20') }]);
  });

  it('answers the pre-check of a unit with no commissioning date as not covered, WA-NO-TERM-START', async () => {
    const res = await request(t.app).post('/v1/eligibility').set(t.auth.dealer)
      .send({ unit: { serialNumber: 'QH-E2E-00NC' }, date: '2026-03-10', components: [{ component: 'load-cell' }] })
      .expect(200);

    expect(res.body.components[0]).toMatchObject({ covered: false, term: null, start: null });
    expect(reasonCodes(res.body.components[0])).toEqual(['WA-NO-TERM-START']);
  });

  it('publishes where each line counts its terms from and how its units are named', async () => {
    const weighing = await request(t.app).get('/v1/product-lines/weighing-equipment?date=2026-03-10').set(t.auth.dealer).expect(200);
    const nev = await request(t.app).get('/v1/product-lines/nev-special-vehicle?date=2026-03-10').set(t.auth.dealer).expect(200);

    expect(weighing.body).toMatchObject({ termStartsAt: 'commissioningDate', identifiedBy: 'serialNumber' });
    expect(weighing.body.components).toContainEqual(expect.objectContaining({ component: 'load-cell', category: 'electrical-parts', electrical: true }));
    expect(nev.body).toMatchObject({ termStartsAt: 'saleDate', identifiedBy: 'vin' });
  });

  it('registers the demo weighbridge with its commissioning date', async () => {
    await registerDemoUnits(t);
    const res = await request(t.app).get('/v1/units/WE-24-0001').set(t.auth.auditor).expect(200);
    expect(res.body).toMatchObject({ productLine: 'weighing-equipment', serialNumber: 'QH-SCS100-24-0001', commissioningDate: '2024-03-15' });
  });
});
