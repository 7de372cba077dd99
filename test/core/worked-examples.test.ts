import { describe, expect, it } from 'vitest';
import {
  buildClaim, buildEbikeClaim, buildEbikeJob, buildEbikeUnit, buildHistoryEntry, buildJob, buildNevUnit,
} from '../support/builders.js';
import { codesOf, decide, jobOf, lineOf } from '../support/decide.js';

// SPEC §12, one test per worked example, checked the way a settlement auditor reads a decision:
// status, covered, reason codes, liable party, last covered day, amounts in fen, remedy.

const nevUnit = buildNevUnit({ saleDate: '2021-03-15' });
const battery = (overrides = {}) => buildJob({ component: 'traction-battery', failureMode: 'no-charge', cause: 'defect-material', ...overrides });

describe('SPEC §12 example 1: a battery on its last covered day', () => {
  it('covers a battery failing on 2026-03-14, the last day of its 60 months, and charges SUP-BATT-01', async () => {
    const decision = await decide({
      unit: nevUnit,
      claim: buildClaim({ odometerKm: 150_000, failureDate: '2026-03-14', repairDate: '2026-03-16', jobs: [battery()] }),
      today: '2026-03-20',
    });
    const job = jobOf(decision);
    expect(decision.status).toBe('approved');
    expect(job.covered).toBe(true);
    expect(job.remedy).toBe('repair');
    expect(codesOf(job)).toEqual([]);
    expect(job.liableParty).toEqual({ type: 'supplier', id: 'SUP-BATT-01' });
    expect(job.coverage).toMatchObject({ term: 'core-three-electric', start: '2021-03-15', lastCoveredDay: '2026-03-14', kmLimit: 200_000 });
    expect(lineOf(job, 'J1/causal')).toMatchObject({ claimedFen: 6_800_000, approvedFen: 6_800_000, hold: 'part-return' });
    expect(decision.totals).toMatchObject({ claimedFen: 6_800_000, approvedFen: 6_800_000, deductedFen: 0 });
    expect(decision.totals.byParty).toEqual([{ type: 'supplier', id: 'SUP-BATT-01', approvedFen: 6_800_000 }]);
  });
});

describe('SPEC §12 example 2: the day after the term, and the km limit', () => {
  it('denies the same battery failing on 2026-03-15, one day after the 60th month, EW for the customer', async () => {
    const decision = await decide({
      unit: nevUnit,
      claim: buildClaim({ failureDate: '2026-03-15', repairDate: '2026-03-16', jobs: [battery()] }),
      today: '2026-03-20',
    });
    const job = jobOf(decision);
    expect(decision.status).toBe('denied');
    expect(job.covered).toBe(false);
    expect(codesOf(job)).toEqual(['EW']);
    expect(job.liableParty).toEqual({ type: 'customer' });
    expect(job.coverage?.lastCoveredDay).toBe('2026-03-14');
    expect(decision.totals).toMatchObject({ claimedFen: 6_800_000, approvedFen: 0, deductedFen: 6_800_000 });
  });

  it('denies the battery at 200,001 km on 2025-01-01 although inside 60 months: whichever comes first', async () => {
    const decision = await decide({
      unit: nevUnit,
      claim: buildClaim({ odometerKm: 200_001, failureDate: '2025-01-01', repairDate: '2025-01-02', jobs: [battery()] }),
      today: '2025-01-10',
    });
    const job = jobOf(decision);
    expect(decision.status).toBe('denied');
    expect(codesOf(job)).toEqual(['EW']);
    expect(job.liableParty).toEqual({ type: 'customer' });
    expect(job.coverage).toMatchObject({ withinTerm: false, kmLimit: 200_000 });
  });

  it('covers the battery at exactly 200,000 km on 2025-01-01', async () => {
    const decision = await decide({
      unit: nevUnit,
      claim: buildClaim({ odometerKm: 200_000, failureDate: '2025-01-01', repairDate: '2025-01-02', jobs: [battery()] }),
      today: '2025-01-10',
    });
    const job = jobOf(decision);
    expect(decision.status).toBe('approved');
    expect(job.covered).toBe(true);
    expect(job.liableParty).toEqual({ type: 'supplier', id: 'SUP-BATT-01' });
    expect(decision.totals.approvedFen).toBe(6_800_000);
  });
});

describe('SPEC §12 example 3: electric steering, 36 months', () => {
  const unit = buildNevUnit({ saleDate: '2024-06-01' });
  const steering = buildJob({ component: 'electric-steering', failureMode: 'malfunction', cause: 'defect-manufacturing', causalPart: { partNumber: 'NEV-EPS-001', quantity: 1, unitPriceFen: 340_000 } });

  it('covers electric steering failing on 2027-05-31, its last covered day, charged to SUP-EPS-01', async () => {
    const decision = await decide({ unit, claim: buildClaim({ odometerKm: 90_000, failureDate: '2027-05-31', repairDate: '2027-06-01', jobs: [steering] }), today: '2027-06-05' });
    const job = jobOf(decision);
    expect(decision.status).toBe('approved');
    expect(job.covered).toBe(true);
    expect(job.liableParty).toEqual({ type: 'supplier', id: 'SUP-EPS-01' });
    expect(job.coverage).toMatchObject({ term: 'small-three-electric', lastCoveredDay: '2027-05-31', kmLimit: null });
    expect(decision.totals.approvedFen).toBe(340_000);
  });

  it('denies electric steering failing on 2027-06-01, the 36-month anniversary: EW', async () => {
    const decision = await decide({ unit, claim: buildClaim({ odometerKm: 90_000, failureDate: '2027-06-01', repairDate: '2027-06-02', jobs: [steering] }), today: '2027-06-05' });
    const job = jobOf(decision);
    expect(decision.status).toBe('denied');
    expect(codesOf(job)).toEqual(['EW']);
    expect(job.liableParty).toEqual({ type: 'customer' });
    expect(job.coverage?.lastCoveredDay).toBe('2027-05-31');
  });
});

describe('SPEC §12 example 4: upfit structure 24 months, whole vehicle 12 months', () => {
  const unit = buildNevUnit({ saleDate: '2024-06-01' });

  it('covers a crane boom cracking on 2026-05-31, charged to the manufacturer', async () => {
    const boom = buildJob({ component: 'crane-boom', failureMode: 'crack', cause: 'defect-manufacturing', causalPart: { partNumber: 'NEV-BOOM-001', quantity: 1, unitPriceFen: 1_200_000 } });
    const decision = await decide({ unit, claim: buildClaim({ odometerKm: 60_000, failureDate: '2026-05-31', repairDate: '2026-06-01', jobs: [boom] }), today: '2026-06-05' });
    const job = jobOf(decision);
    expect(decision.status).toBe('approved');
    expect(job.covered).toBe(true);
    expect(job.liableParty).toEqual({ type: 'manufacturer' });
    expect(job.coverage).toMatchObject({ term: 'upfit-structure', lastCoveredDay: '2026-05-31' });
    expect(decision.totals.byParty).toEqual([{ type: 'manufacturer', approvedFen: 1_200_000 }]);
  });

  it('denies a cab lamp failing on 2025-06-01: its 12 months ran out on 2025-05-31', async () => {
    const lamp = buildJob({ component: 'cab-lamp', failureMode: 'open-circuit', cause: 'defect-material', causalPart: { partNumber: 'NEV-LAMP-001', quantity: 1, unitPriceFen: 26_000 } });
    const decision = await decide({ unit, claim: buildClaim({ odometerKm: 30_000, failureDate: '2025-06-01', repairDate: '2025-06-02', jobs: [lamp] }), today: '2025-06-05' });
    const job = jobOf(decision);
    expect(decision.status).toBe('denied');
    expect(codesOf(job)).toEqual(['EW']);
    expect(job.liableParty).toEqual({ type: 'customer' });
    expect(job.coverage).toMatchObject({ term: 'whole-vehicle', lastCoveredDay: '2025-05-31' });
  });
});

describe('SPEC §12 example 5: a consequential part follows its causal part', () => {
  it('covers an HV harness burnt by a covered battery 4 years after sale and charges it to SUP-BATT-01', async () => {
    const decision = await decide({
      unit: nevUnit,
      claim: buildClaim({
        odometerKm: 160_000, failureDate: '2025-03-20', repairDate: '2025-03-21',
        jobs: [battery({ consequentialParts: [{ partNumber: 'NEV-HVH-001', quantity: 1, unitPriceFen: 145_000 }] })],
      }),
      today: '2025-03-25',
    });
    const job = jobOf(decision);
    expect(decision.status).toBe('approved');
    expect(job.covered).toBe(true);
    expect(job.liableParty).toEqual({ type: 'supplier', id: 'SUP-BATT-01' });
    expect(lineOf(job, 'J1/consequential/1')).toMatchObject({ partNumber: 'NEV-HVH-001', status: 'approved', approvedFen: 145_000 });
    expect(decision.totals.byParty).toEqual([{ type: 'supplier', id: 'SUP-BATT-01', approvedFen: 6_945_000 }]);
  });
});

describe('SPEC §12 example 6: an accident', () => {
  it('denies a drive motor failure caused by an accident, CDR, liable customer', async () => {
    const motor = buildJob({ component: 'drive-motor', failureMode: 'burnout', cause: 'accident', causalPart: { partNumber: 'NEV-MOT-001', quantity: 1, unitPriceFen: 1_850_000 } });
    const decision = await decide({ unit: nevUnit, claim: buildClaim({ jobs: [motor] }), today: '2025-06-05' });
    const job = jobOf(decision);
    expect(decision.status).toBe('denied');
    expect(job.covered).toBe(false);
    expect(codesOf(job)).toEqual(['CDR']);
    expect(job.liableParty).toEqual({ type: 'customer' });
    expect(job.customerPay).toEqual({ maxPartsFen: 2_220_000, claimedPartsFen: 1_850_000, overcharged: false });
    expect(decision.totals).toMatchObject({ approvedFen: 0, deductedFen: 1_850_000, byParty: [] });
  });
});

describe('SPEC §12 example 7: the same handlebar under two terms', () => {
  const unit = buildEbikeUnit({ saleDate: '2025-01-10' });
  const handlebar = (failureMode: string) =>
    buildEbikeJob({ component: 'handlebar', failureMode, cause: 'defect-manufacturing', causalPart: { partNumber: 'EB-BAR-01', quantity: 1, unitPriceFen: 6_000 } });

  it('denies handlebar plating blistering on 2025-05-01: its 3 months ended 2025-04-09', async () => {
    const decision = await decide({ unit, claim: buildEbikeClaim({ failureDate: '2025-05-01', repairDate: '2025-05-02', jobs: [handlebar('plating-blister')] }), today: '2025-05-05' });
    const job = jobOf(decision);
    expect(decision.status).toBe('denied');
    expect(codesOf(job)).toEqual(['EW']);
    expect(job.liableParty).toEqual({ type: 'customer' });
    expect(job.coverage).toMatchObject({ term: 'plated-parts', lastCoveredDay: '2025-04-09' });
  });

  it('covers a handlebar weld cracking on 2025-05-01: 12 months for weld failures', async () => {
    const decision = await decide({ unit, claim: buildEbikeClaim({ failureDate: '2025-05-01', repairDate: '2025-05-02', jobs: [handlebar('weld-fracture')] }), today: '2025-05-05' });
    const job = jobOf(decision);
    expect(decision.status).toBe('approved');
    expect(job.covered).toBe(true);
    expect(job.liableParty).toEqual({ type: 'manufacturer' });
    expect(job.coverage).toMatchObject({ term: 'frame-welds', lastCoveredDay: '2026-01-09' });
    expect(decision.totals.approvedFen).toBe(6_000);
  });
});

describe('SPEC §12 example 8: e-bike battery capacity', () => {
  const unit = buildEbikeUnit({ saleDate: '2025-01-10' });
  const lowCapacity = (capacityPct: number, unitPriceFen = 129_900) =>
    buildEbikeJob({ component: 'li-ion-battery', failureMode: 'capacity-low', cause: 'defect-material', measurements: { capacityPct }, causalPart: { partNumber: 'EB-BAT-4820', quantity: 1, unitPriceFen } });

  it('covers a battery measured at 58 % after 20 months, charged to SUP-EBBAT-01', async () => {
    const decision = await decide({ unit, claim: buildEbikeClaim({ failureDate: '2026-09-15', repairDate: '2026-09-16', jobs: [lowCapacity(58)] }), today: '2026-09-20' });
    const job = jobOf(decision);
    expect(decision.status).toBe('approved');
    expect(job.covered).toBe(true);
    expect(job.liableParty).toEqual({ type: 'supplier', id: 'SUP-EBBAT-01' });
    expect(job.coverage).toMatchObject({ term: 'li-ion-battery', lastCoveredDay: '2027-01-09' });
    expect(lineOf(job, 'J1/causal')).toMatchObject({ approvedFen: 129_900, hold: 'part-return' });
  });

  it('denies a battery measured at 61 % after 20 months: no defect found (NDF)', async () => {
    const decision = await decide({ unit, claim: buildEbikeClaim({ failureDate: '2026-09-15', repairDate: '2026-09-16', jobs: [lowCapacity(61)] }), today: '2026-09-20' });
    const job = jobOf(decision);
    expect(decision.status).toBe('denied');
    expect(codesOf(job)).toEqual(['NDF']);
    expect(job.liableParty).toEqual({ type: 'customer' });
  });

  it('denies a battery at 40 % after 25 months (EW); the customer pays at most catalogue + 20 %', async () => {
    const decision = await decide({ unit, claim: buildEbikeClaim({ failureDate: '2027-02-15', repairDate: '2027-02-16', jobs: [lowCapacity(40, 155_880)] }), today: '2027-02-20' });
    const job = jobOf(decision);
    expect(decision.status).toBe('denied');
    expect(codesOf(job)).toEqual(['EW']);
    expect(job.liableParty).toEqual({ type: 'customer' });
    expect(job.customerPay).toEqual({ maxPartsFen: 155_880, claimedPartsFen: 155_880, overcharged: false });
    expect(lineOf(job, 'J1/causal').customerPayMaxFen).toBe(155_880);
  });

  it('flags a battery out of warranty charged to the customer above catalogue + 20 %', async () => {
    const decision = await decide({ unit, claim: buildEbikeClaim({ failureDate: '2027-02-15', repairDate: '2027-02-16', jobs: [lowCapacity(40, 155_881)] }), today: '2027-02-20' });
    const job = jobOf(decision);
    expect(codesOf(job)).toEqual(['EW', 'WA-CUSTOMER-OVERCHARGE']);
    expect(job.reasons.find((r) => r.code === 'WA-CUSTOMER-OVERCHARGE')?.lineId).toBe('J1/causal');
    expect(job.customerPay).toEqual({ maxPartsFen: 155_880, claimedPartsFen: 155_881, overcharged: true });
  });
});

describe('SPEC §12 example 9: inner tube, 15 days', () => {
  const unit = buildEbikeUnit({ saleDate: '2025-01-10' });
  const tube = (overrides = {}) =>
    buildEbikeJob({ component: 'inner-tube', failureMode: 'leak', cause: 'defect-material', causalPart: { partNumber: 'EB-TUBE-16', quantity: 1, unitPriceFen: 2_500 }, ...overrides });

  it('covers an inner tube leaking on day 14 after sale', async () => {
    const decision = await decide({ unit, claim: buildEbikeClaim({ failureDate: '2025-01-24', repairDate: '2025-01-24', jobs: [tube()] }), today: '2025-01-25' });
    const job = jobOf(decision);
    expect(decision.status).toBe('approved');
    expect(job.covered).toBe(true);
    expect(job.liableParty).toEqual({ type: 'manufacturer' });
    expect(job.coverage).toMatchObject({ term: 'inner-tube', lastCoveredDay: '2025-01-24' });
  });

  it('denies a self-patched inner tube on day 14: CDR', async () => {
    const decision = await decide({ unit, claim: buildEbikeClaim({ failureDate: '2025-01-24', repairDate: '2025-01-24', jobs: [tube({ selfRepaired: true })] }), today: '2025-01-25' });
    const job = jobOf(decision);
    expect(decision.status).toBe('denied');
    expect(codesOf(job)).toEqual(['CDR']);
    expect(job.liableParty).toEqual({ type: 'customer' });
  });

  it('denies an inner tube leaking on day 15 (sale + 15 days): EW', async () => {
    const decision = await decide({ unit, claim: buildEbikeClaim({ failureDate: '2025-01-25', repairDate: '2025-01-25', jobs: [tube()] }), today: '2025-01-26' });
    const job = jobOf(decision);
    expect(decision.status).toBe('denied');
    expect(codesOf(job)).toEqual(['EW']);
    expect(job.coverage?.lastCoveredDay).toBe('2025-01-24');
  });
});

describe('SPEC §12 example 10: whole-unit exchange or refund within 7 days', () => {
  const unit = buildEbikeUnit({ saleDate: '2025-01-10' });
  const seriousFrame = buildEbikeJob({
    component: 'frame', failureMode: 'weld-fracture', cause: 'defect-manufacturing', seriousDefect: true,
    causalPart: { partNumber: 'EB-FRAME-01', quantity: 1, unitPriceFen: 42_000 },
  });
  const complete = { unitComplete: true, documentsComplete: true };

  it('offers exchange or refund for a serious defect 6 days after sale, unit and documents complete, pended for quality inspection', async () => {
    const decision = await decide({ unit, claim: buildEbikeClaim({ failureDate: '2025-01-16', repairDate: '2025-01-17', evidence: complete, jobs: [seriousFrame] }), today: '2025-01-20' });
    const job = jobOf(decision);
    expect(decision.status).toBe('pended');
    expect(job.status).toBe('pended');
    expect(job.remedy).toBe('exchange-or-refund');
    expect(codesOf(job)).toEqual(['WA-EXCHANGE']);
    expect(lineOf(job, 'J1/causal')).toMatchObject({ status: 'pended', approvedFen: 0, proposedFen: 42_000 });
    expect(decision.totals).toMatchObject({ approvedFen: 0, pendingFen: 42_000 });
  });

  it('replaces the part (no exchange or refund) of the same serious defect 8 days after sale: 004 §7.1 更换', async () => {
    const decision = await decide({ unit, claim: buildEbikeClaim({ failureDate: '2025-01-18', repairDate: '2025-01-19', evidence: complete, jobs: [seriousFrame] }), today: '2025-01-20' });
    const job = jobOf(decision);
    expect(decision.status).toBe('approved');
    expect(job.covered).toBe(true);
    expect(job.remedy).toBe('replace');
    expect(codesOf(job)).toEqual([]);
    expect(decision.totals.approvedFen).toBe(42_000);
  });
});

describe('SPEC §12 example 11: labour hours cut to the standard', () => {
  it('pays 8 h claimed for NEV-OP-MOT-RR at tier A as 4.5 h × 80.00 = 360.00, ELH on the 3.5 h cut', async () => {
    const motor = buildJob({
      component: 'drive-motor', failureMode: 'burnout', cause: 'defect-manufacturing',
      causalPart: { partNumber: 'NEV-MOT-001', quantity: 1, unitPriceFen: 1_850_000 },
      labour: [{ operationCode: 'NEV-OP-MOT-RR', hours: 8, rateFen: 8_000 }],
    });
    const decision = await decide({ unit: nevUnit, claim: buildClaim({ stationId: 'S1', jobs: [motor] }), today: '2025-06-05' });
    const job = jobOf(decision);
    const labour = lineOf(job, 'J1/labour/1');
    expect(decision.status).toBe('adjusted');
    expect(job.covered).toBe(true);
    expect(job.liableParty).toEqual({ type: 'supplier', id: 'SUP-MOTOR-01' });
    expect(labour).toMatchObject({ claimedHours: 8, approvedHours: 4.5, claimedFen: 64_000, approvedFen: 36_000, status: 'adjusted' });
    expect(labour.adjustments.map((a) => [a.code, a.amountFen])).toEqual([['ELH', 28_000]]);
    expect(codesOf(job)).toEqual(['ELH']);
    expect(decision.totals).toMatchObject({ claimedFen: 1_914_000, approvedFen: 1_886_000, deductedFen: 28_000 });
  });
});

describe('SPEC §12 example 12: a comeback after the term', () => {
  it('covers a hub motor failing again 2025-04-15, 3 days after its 24 months, as S1\'s comeback; S1 is not paid labour again', async () => {
    const unit = buildEbikeUnit({ saleDate: '2023-04-13' });
    const motor = buildEbikeJob({
      component: 'hub-motor', failureMode: 'burnout', cause: 'defect-material',
      causalPart: { partNumber: 'EB-MOT-350', quantity: 1, unitPriceFen: 68_000 },
      labour: [{ operationCode: 'EB-OP-MOT-RR', hours: 1, rateFen: 3_000 }],
    });
    const earlier = buildHistoryEntry({
      claimNumber: 'S1-2025-0301', stationId: 'S1', failureDate: '2025-02-28', repairDate: '2025-03-01', odometerKm: null,
      jobs: [{ jobId: 'J1', component: 'hub-motor', partNumbers: ['EB-MOT-350'], covered: true }],
    });
    const decision = await decide({
      unit, history: [earlier], today: '2025-04-20',
      claim: buildEbikeClaim({ stationId: 'S1', failureDate: '2025-04-15', repairDate: '2025-04-16', jobs: [motor] }),
    });
    const job = jobOf(decision);
    expect(decision.status).toBe('adjusted');
    expect(job.covered).toBe(true);
    expect(job.coverage).toMatchObject({ term: 'hub-motor', lastCoveredDay: '2025-04-12', withinTerm: false });
    expect(job.liableParty).toEqual({ type: 'service-station', id: 'S1' });
    expect(job.comeback).toEqual({ claimNumber: 'S1-2025-0301', stationId: 'S1', repairDate: '2025-03-01' });
    expect(codesOf(job)).toEqual(['WA-COMEBACK']);
    expect(lineOf(job, 'J1/labour/1')).toMatchObject({ claimedFen: 3_000, approvedFen: 0 });
    expect(lineOf(job, 'J1/causal').approvedFen).toBe(68_000);
    expect(decision.totals.byParty).toEqual([{ type: 'service-station', id: 'S1', approvedFen: 68_000 }]);
  });
});
