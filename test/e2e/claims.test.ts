import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { databaseKind } from '../support/test-db.js';
import {
  batteryJob, buildClaim, buildEbikeUnit, buildNevUnit, decide, errorPaths, expectProblem, frameJob, lampJob, nevVin, reasonCodes, registerDemoUnits,
  registerUnit, rowCounts, submitClaim, issueBatteryPreAuthorisation,
} from './fixtures.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await registerDemoUnits(t);
  await issueBatteryPreAuthorisation(t, 'NEV-0042', NEV_0042.vin);
});
afterAll(() => t.close());

/** The demo unit NEV-0042 of SPEC §12/§13: sold 2021-03-15, battery covered up to 2026-03-14. */
const NEV_0042 = { vin: 'LB9BL518XM0000042', upfitSerial: 'QZ-2021-0042' };

describe(`POST /v1/claims decides a claim (${databaseKind})`, () => {
  it("approves SPEC §13's battery claim, filed by the dealer, in full and charges it to the battery supplier", async () => {
    const claim = buildClaim(NEV_0042, { claimNumber: 'S1-2026-000123' });
    const res = await submitClaim(t, claim, t.auth.dealer).expect(201);
    expect(res.headers.location).toBe('/v1/claims/S1-2026-000123?stationId=S1');
    const decision = res.body;
    expect(decision).toMatchObject({
      claimNumber: 'S1-2026-000123',
      stationId: 'S1',
      unitId: 'NEV-0042',
      status: 'approved',
      decisionVersion: 1,
      today: '2026-03-20',
      receivedDate: '2026-03-20',
      ruleSet: { id: 'nev-special-vehicle', version: '2021-01-01', hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) },
    });
    const [job] = decision.jobs;
    expect(job).toMatchObject({
      jobId: 'J1',
      covered: true,
      remedy: 'repair',
      coverage: { term: 'core-three-electric', start: '2021-03-15', lastCoveredDay: '2026-03-14', kmLimit: 200_000 },
      liableParty: { type: 'supplier', id: 'SUP-BATT-01' },
      reasons: [],
    });
    expect(job.lines.map((l: { lineId: string; approvedFen: number }) => [l.lineId, l.approvedFen])).toEqual([
      ['J1/causal', 6_800_000],
      ['J1/consequential/1', 145_000],
      ['J1/labour/1', 48_000],
      ['J1/auxiliary', 20_000],
      ['J1/travel', 20_000],
    ]);
    expect(job.lines[0]).toMatchObject({ hold: 'part-return', holdDeadline: '2026-04-19' });
    expect(decision.totals).toEqual({
      claimedFen: 7_033_000,
      approvedFen: 7_033_000,
      deductedFen: 0,
      pendingFen: 0,
      heldFen: 6_800_000,
      byParty: [{ type: 'supplier', id: 'SUP-BATT-01', approvedFen: 7_033_000 }],
    });
    expect(decision.trace.length).toBeGreaterThan(0);
  });

  it('cuts 8 claimed labour hours to the standard 6 with ELH and reports the claim as adjusted', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const decision = await decide(t, buildClaim(unit, { jobs: [batteryJob({ labour: [{ operationCode: 'NEV-OP-BAT-RR', hours: 8, rateFen: 8000 }] })] }));
    expect(decision.status).toBe('adjusted');
    const labour = decision.jobs[0].lines.find((l: { kind: string }) => l.kind === 'labour');
    expect(labour).toMatchObject({ claimedFen: 64_000, approvedFen: 48_000, approvedHours: 6, status: 'adjusted', adjustments: [expect.objectContaining({ code: 'ELH', amountFen: 16_000 })] });
    expect(reasonCodes(decision.jobs[0])).toEqual(['ELH']);
    expect(decision.totals).toMatchObject({ claimedFen: 7_049_000, approvedFen: 7_033_000, deductedFen: 16_000 });
  });

  it('denies a battery failing the day after its 60th month with EW and makes the customer liable', async () => {
    const unit = await registerUnit(t, buildNevUnit({ saleDate: '2021-03-14' }));
    const decision = await decide(t, buildClaim(unit));
    expect(decision.status).toBe('denied');
    expect(decision.jobs[0]).toMatchObject({ covered: false, liableParty: { type: 'customer' }, coverage: { lastCoveredDay: '2026-03-13' } });
    expect(reasonCodes(decision.jobs[0])).toEqual(['EW']);
    expect(decision.totals.approvedFen).toBe(0);
  });

  it('denies a motor failure caused by an accident with CDR, liable customer', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const decision = await decide(t, buildClaim(unit, {
      jobs: [{ jobId: 'J1', component: 'drive-motor', failureMode: 'noise', cause: 'accident', causalPart: { partNumber: 'NEV-MOT-001', quantity: 1, unitPriceFen: 1_850_000 } }],
    }));
    expect(decision.status).toBe('denied');
    expect(reasonCodes(decision.jobs[0])).toEqual(['CDR']);
    expect(decision.jobs[0].liableParty).toEqual({ type: 'customer' });
  });

  it('decides an e-bike frame weld crack inside 12 months as covered, liable manufacturer', async () => {
    const unit = await registerUnit(t, buildEbikeUnit({ saleDate: '2025-06-01' }));
    const decision = await decide(t, buildClaim(unit));
    expect(decision).toMatchObject({ status: 'approved', productLine: 'e-bike', ruleSet: { id: 'e-bike' } });
    expect(decision.jobs[0]).toMatchObject({ covered: true, coverage: { term: 'frame-welds', lastCoveredDay: '2026-05-31' }, liableParty: { type: 'manufacturer' } });
    expect(decision.totals).toMatchObject({ approvedFen: 42_000 + 6_000, byParty: [{ type: 'manufacturer', approvedFen: 48_000 }] });
  });

  it('denies an e-bike claim whose warranty card does not match the registry with NWR', async () => {
    const unit = await registerUnit(t, buildEbikeUnit({ saleDate: '2025-06-01' }));
    const claim = buildClaim(unit);
    const decision = await decide(t, { ...claim, evidence: { ...claim.evidence, warrantyCardNumber: 'WC-FORGED' } });
    expect(decision.status).toBe('denied');
    expect(reasonCodes(decision.jobs[0])).toContain('NWR');
  });
});

describe(`POST /v1/claims checks the unit's identity (${databaseKind})`, () => {
  it('denies a claim on a VIN that is not in the registry with IV, storing the claim and its decision', async () => {
    const before = await rowCounts(t.db);
    const claim = buildClaim(buildNevUnit({ vin: nevVin(9_000_001) }));
    const decision = await decide(t, claim);
    expect(decision).toMatchObject({ status: 'denied', unitId: null, ruleSet: null });
    expect(reasonCodes(decision.jobs[0])).toEqual(['IV']);
    expect(decision.jobs[0].liableParty).toEqual({ type: 'customer' });
    expect(await rowCounts(t.db)).toMatchObject({ claims: before.claims + 1, decisions: before.decisions + 1 });
  });

  it('denies a claim whose upfit serial does not match the registered unit with NWR', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const decision = await decide(t, buildClaim({ ...unit, upfitSerial: 'QZ-SOMEONE-ELSE' }));
    expect(decision.status).toBe('denied');
    expect(reasonCodes(decision.jobs[0])).toEqual(['NWR']);
  });

  it('rejects a failure date before the sale date with 400 claim-data-error on failureDate, storing nothing', async () => {
    const unit = await registerUnit(t, buildNevUnit({ saleDate: '2026-03-01' }));
    const before = await rowCounts(t.db);
    const res = await submitClaim(t, buildClaim(unit, { failureDate: '2026-02-28', repairDate: '2026-03-02' }));
    expectProblem(res, 400, 'claim-data-error');
    expect(errorPaths(res)).toEqual(['failureDate']);
    expect(res.body.detail).toContain('2026-03-01');
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('rejects a repair date after today with 400 claim-data-error on repairDate, storing nothing', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const before = await rowCounts(t.db);
    const res = await submitClaim(t, buildClaim(unit, { failureDate: '2026-03-19', repairDate: '2026-03-21' }), t.auth.dealer);
    expectProblem(res, 400, 'claim-data-error');
    expect(errorPaths(res)).toEqual(['repairDate']);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('rejects a failure date after the repair date with 400 on failureDate', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const res = await submitClaim(t, buildClaim(unit, { failureDate: '2026-03-17', repairDate: '2026-03-16' }));
    expectProblem(res, 400, 'validation-failed');
    expect(errorPaths(res)).toEqual(['failureDate']);
  });
});

describe(`POST /v1/claims checks the unit's history (${databaseKind})`, () => {
  const motorJob = { jobId: 'J1', component: 'drive-motor', failureMode: 'noise', cause: 'defect-material' as const, causalPart: { partNumber: 'NEV-MOT-001', quantity: 1, unitPriceFen: 1_850_000 } };

  it('pends a claim whose odometer is lower than an earlier claim on the unit with MRA, paying nothing yet', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    await decide(t, buildClaim(unit, { odometerKm: 150_000, failureDate: '2026-03-04', repairDate: '2026-03-05' }));
    const decision = await decide(t, buildClaim(unit, { odometerKm: 120_000, failureDate: '2026-03-11', repairDate: '2026-03-12', jobs: [motorJob] }));
    expect(decision.status).toBe('pended');
    expect(reasonCodes(decision.jobs[0])).toEqual(['MRA']);
    expect(decision.totals).toMatchObject({ approvedFen: 0, pendingFen: 1_850_000 });
  });

  it('approves a later claim whose odometer is higher than the earlier one', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    await decide(t, buildClaim(unit, { odometerKm: 150_000, failureDate: '2026-03-04', repairDate: '2026-03-05' }));
    const decision = await decide(t, buildClaim(unit, { odometerKm: 150_900, failureDate: '2026-03-11', repairDate: '2026-03-12', jobs: [motorJob] }));
    expect(decision.status).toBe('approved');
  });

  it('denies the same part on the same unit for an overlapping repair at another station with DC', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const first = await decide(t, buildClaim(unit, { failureDate: '2026-03-01', repairDate: '2026-03-05' }));
    expect(first.status).toBe('approved');
    const decision = await decide(t, buildClaim(unit, { stationId: 'S2', failureDate: '2026-03-03', repairDate: '2026-03-06' }), t.auth.dealerS2);
    expect(decision.status).toBe('denied');
    expect(reasonCodes(decision.jobs[0])).toContain('DC');
    expect(decision.jobs[0].covered).toBe(false);
    expect(decision.totals.approvedFen).toBe(0);
  });

  describe('comeback: the same component failing again within 60 days of a warranty repair', () => {
    // Sold 2025-02-01: the cab lamp's 12 months end on 2026-01-31. Its first repair, on 2026-01-21,
    // was keyed in by an auditor from paper; the lamp fails again after the term has run out.
    const firstRepair = (unit: ReturnType<typeof buildNevUnit>) =>
      buildClaim(unit, { stationId: 'S1', odometerKm: 20_000, failureDate: '2026-01-20', repairDate: '2026-01-21', receivedDate: '2026-01-25', jobs: [lampJob()] });

    it('covers it although the term has run out and makes the first station liable', async () => {
      const unit = await registerUnit(t, buildNevUnit({ saleDate: '2025-02-01' }));
      const first = await decide(t, firstRepair(unit));
      expect(first.jobs[0]).toMatchObject({ covered: true, liableParty: { type: 'chassis-maker', id: 'CHS-01' } });

      const again = buildClaim(unit, {
        stationId: 'S2', odometerKm: 21_000, failureDate: '2026-03-10', repairDate: '2026-03-12',
        jobs: [lampJob({ labour: [{ operationCode: 'NEV-OP-DIAG', hours: 0.5, rateFen: 6000 }] })],
      });
      const decision = await decide(t, again, t.auth.dealerS2);
      expect(decision.status).toBe('approved');
      expect(decision.jobs[0]).toMatchObject({
        covered: true,
        coverage: { lastCoveredDay: '2026-01-31', withinTerm: false },
        liableParty: { type: 'service-station', id: 'S1' },
        comeback: { claimNumber: first.claimNumber, stationId: 'S1', repairDate: '2026-01-21' },
      });
      expect(reasonCodes(decision.jobs[0])).toContain('WA-COMEBACK');
      expect(decision.totals.byParty).toEqual([{ type: 'service-station', id: 'S1', approvedFen: 26_000 + 3_000 }]);
    });

    it('does not pay the labour again when the station that did the first repair files the comeback', async () => {
      const unit = await registerUnit(t, buildNevUnit({ saleDate: '2025-02-01' }));
      await decide(t, firstRepair(unit));
      const decision = await decide(t, buildClaim(unit, { odometerKm: 21_000, failureDate: '2026-03-10', repairDate: '2026-03-12', jobs: [lampJob()] }), t.auth.dealer);
      expect(decision.status).toBe('adjusted');
      const labour = decision.jobs[0].lines.find((l: { kind: string }) => l.kind === 'labour');
      expect(labour).toMatchObject({ claimedFen: 4_000, approvedFen: 0, adjustments: [expect.objectContaining({ code: 'WA-COMEBACK', amountFen: 4_000 })] });
      expect(decision.totals.byParty).toEqual([{ type: 'service-station', id: 'S1', approvedFen: 26_000 }]);
    });

    it('is no comeback 61 days after the first repair: the expired term denies it with EW', async () => {
      const unit = await registerUnit(t, buildNevUnit({ saleDate: '2025-02-01' }));
      await decide(t, buildClaim(unit, { odometerKm: 20_000, failureDate: '2026-01-04', repairDate: '2026-01-05', receivedDate: '2026-01-06', jobs: [lampJob()] }));
      const decision = await decide(t, buildClaim(unit, { stationId: 'S2', odometerKm: 21_000, failureDate: '2026-03-07', repairDate: '2026-03-08', jobs: [lampJob()] }));
      expect(decision.status).toBe('denied');
      expect(reasonCodes(decision.jobs[0])).toEqual(['EW']);
    });
  });
});

describe(`POST /v1/claims enforces the filing window and who may file (${databaseKind})`, () => {
  it('accepts a claim received on the 30th day after the repair', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const decision = await decide(t, buildClaim(unit, { failureDate: '2026-02-17', repairDate: '2026-02-18' }));
    expect(decision.status).toBe('approved');
  });

  it('denies a claim received 31 days after the repair with SUB', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const decision = await decide(t, buildClaim(unit, { failureDate: '2026-02-16', repairDate: '2026-02-17' }), t.auth.dealer);
    expect(decision.status).toBe('denied');
    expect(reasonCodes(decision.jobs[0])).toEqual(['SUB']);
  });

  it("lets an auditor key in a paper claim with the date it was received, inside the window", async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const decision = await decide(t, buildClaim(unit, { failureDate: '2026-01-09', repairDate: '2026-01-10', receivedDate: '2026-01-20' }));
    expect(decision).toMatchObject({ status: 'approved', receivedDate: '2026-01-20', today: '2026-03-20' });
  });

  it.each([
    ['receivedDate from a dealer', 403, 'forbidden', { receivedDate: '2026-03-17' }, 'dealer', { detail: 'receivedDate' }],
    ['a receivedDate before the repair date', 400, 'claim-data-error', { receivedDate: '2026-03-15' }, 'auditor', { path: 'receivedDate' }],
    ['a receivedDate after today', 400, 'claim-data-error', { receivedDate: '2026-03-21' }, 'auditor', { path: 'receivedDate' }],
    ["a dealer's claim for another station", 403, 'forbidden', { stationId: 'S2' }, 'dealer', { detail: 'station S1' }],
  ] as const)('refuses %s with %i %s, storing nothing', async (_what, status, code, overrides, role, says) => {
    const unit = await registerUnit(t, buildNevUnit());
    const before = await rowCounts(t.db);
    const res = await submitClaim(t, buildClaim(unit, overrides), t.auth[role]);
    expectProblem(res, status, code);
    if ('path' in says) expect(errorPaths(res)).toEqual([says.path]);
    if ('detail' in says) expect(res.body.detail).toContain(says.detail);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('refuses a policy-owner key with 403: claims are filed by dealers and auditors', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    expectProblem(await submitClaim(t, buildClaim(unit), t.auth.policyOwner), 403, 'forbidden');
  });

  it('lets a dealer file a claim for its own station', async () => {
    const unit = await registerUnit(t, buildEbikeUnit({ saleDate: '2025-06-01' }));
    const decision = await decide(t, buildClaim(unit, { jobs: [frameJob()] }), t.auth.dealer);
    expect(decision.stationId).toBe('S1');
  });
});
