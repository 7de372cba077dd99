import { describe, expect, it } from 'vitest';
import { buildClaim, buildEbikeClaim, buildEbikeJob, buildEbikeUnit, buildJob, buildNevUnit, type JobInput } from '../../support/builders.js';
import { codesOf, decide, jobOf, lineOf } from '../../support/decide.js';
import type { DecisionLine } from '../../../src/adjudication/decision.js';

// SPEC §6 on covered NEV jobs: sale 2024-06-01, failure 2025-06-01, repair the next day. S1 and S3 are
// tier A (80.00/h), S2 tier B (60.00/h); travel bands ≤50 km 100.00, ≤100 km 200.00, ≤300 km 500.00.

const unit = buildNevUnit({ saleDate: '2024-06-01' });
const dates = { odometerKm: 20_000, failureDate: '2025-06-01', repairDate: '2025-06-02' };
const today = '2025-06-05';

const steering = (overrides: Partial<JobInput> = {}) =>
  buildJob({ component: 'electric-steering', failureMode: 'malfunction', cause: 'defect-manufacturing', causalPart: { partNumber: 'NEV-EPS-001', quantity: 1, unitPriceFen: 340_000 }, ...overrides });

const adjustmentsOf = (line: DecisionLine) => line.adjustments.map((a) => [a.code, a.amountFen]);

async function decideJob(job: JobInput, stationId = 'S1') {
  const decision = await decide({ unit, claim: buildClaim({ ...dates, stationId, claimNumber: `${stationId}-2025-000001`, jobs: [job] }), today });
  return { decision, job: jobOf(decision) };
}

/** A cab lamp (12 months) failing inside its term, on 2025-05-01. */
async function decideLampJob(job: JobInput) {
  const decision = await decide({ unit, claim: buildClaim({ ...dates, failureDate: '2025-05-01', repairDate: '2025-05-02', jobs: [job] }), today: '2025-05-05' });
  return { decision, job: jobOf(decision) };
}

describe('parts: the lower of claimed and catalogue price (EPC)', () => {
  it('cuts a battery claimed at 70,000.00 to its catalogue 68,000.00 with EPC on the 2,000.00', async () => {
    const { decision, job } = await decideJob(buildJob({ causalPart: { partNumber: 'NEV-BAT-001', quantity: 1, unitPriceFen: 7_000_000 } }));
    const line = lineOf(job, 'J1/causal');
    expect(line).toMatchObject({ claimedFen: 7_000_000, approvedFen: 6_800_000, status: 'adjusted' });
    expect(adjustmentsOf(line)).toEqual([['EPC', 200_000]]);
    expect(codesOf(job)).toEqual(['EPC']);
    expect(decision.status).toBe('adjusted');
  });

  it('applies the cut per unit, times the quantity', async () => {
    const { job } = await decideLampJob(buildJob({ component: 'cab-lamp', failureMode: 'open-circuit', causalPart: { partNumber: 'NEV-LAMP-001', quantity: 2, unitPriceFen: 30_000 } }));
    expect(lineOf(job, 'J1/causal')).toMatchObject({ claimedFen: 60_000, approvedFen: 52_000 });
    expect(adjustmentsOf(lineOf(job, 'J1/causal'))).toEqual([['EPC', 8_000]]);
  });

  it('pays a part claimed below its catalogue price as claimed', async () => {
    const { decision, job } = await decideJob(steering({ causalPart: { partNumber: 'NEV-EPS-001', quantity: 1, unitPriceFen: 330_000 } }));
    expect(lineOf(job, 'J1/causal')).toMatchObject({ claimedFen: 330_000, approvedFen: 330_000, status: 'approved', adjustments: [] });
    expect(decision.status).toBe('approved');
  });
});

describe('labour: standard hours (ELH) and the station rate (ELR)', () => {
  it('cuts 8 h claimed for the 6 h battery operation at tier A to 480.00: ELH 160.00', async () => {
    const { job } = await decideJob(buildJob({ labour: [{ operationCode: 'NEV-OP-BAT-RR', hours: 8, rateFen: 8_000 }] }));
    const line = lineOf(job, 'J1/labour/1');
    expect(line).toMatchObject({ claimedHours: 8, approvedHours: 6, claimedFen: 64_000, approvedFen: 48_000 });
    expect(adjustmentsOf(line)).toEqual([['ELH', 16_000]]);
  });

  it('cuts a tier-B station (S2) claiming the tier-A 80.00/h to 60.00/h: ELR', async () => {
    const { decision, job } = await decideJob(steering({ labour: [{ operationCode: 'NEV-OP-EPS-RR', hours: 1.5, rateFen: 8_000 }] }), 'S2');
    const line = lineOf(job, 'J1/labour/1');
    expect(line).toMatchObject({ claimedFen: 12_000, approvedFen: 9_000, approvedHours: 1.5, status: 'adjusted' });
    expect(adjustmentsOf(line)).toEqual([['ELR', 3_000]]);
    expect(codesOf(job)).toEqual(['ELR']);
    expect(decision.status).toBe('adjusted');
  });

  it('pays a tier-A station (S1) its 80.00/h in full', async () => {
    const { job } = await decideJob(steering({ labour: [{ operationCode: 'NEV-OP-EPS-RR', hours: 1.5, rateFen: 8_000 }] }), 'S1');
    expect(lineOf(job, 'J1/labour/1')).toMatchObject({ claimedFen: 12_000, approvedFen: 12_000, status: 'approved' });
  });

  it('pays a station the policy does not list at the default tier B rate', async () => {
    const { job } = await decideJob(steering({ labour: [{ operationCode: 'NEV-OP-EPS-RR', hours: 1.5, rateFen: 8_000 }] }), 'S9');
    expect(lineOf(job, 'J1/labour/1').approvedFen).toBe(9_000);
    expect(codesOf(job)).toEqual(['ELR']);
  });

  it('cuts too many hours at too high a rate with both ELH and ELR: 3 h × 80.00 claimed, 1.5 h × 60.00 = 90.00 paid', async () => {
    const { job } = await decideJob(steering({ labour: [{ operationCode: 'NEV-OP-EPS-RR', hours: 3, rateFen: 8_000 }] }), 'S2');
    const line = lineOf(job, 'J1/labour/1');
    expect(line).toMatchObject({ claimedFen: 24_000, approvedFen: 9_000 });
    expect(adjustmentsOf(line)).toEqual([['ELH', 12_000], ['ELR', 3_000]]);
  });

  it('refuses a labour line with an unknown operation code at its path, suggesting the operation it resembles', async () => {
    const refused = await decideJob(steering({ labour: [{ operationCode: 'NEV-OP-EPS-R', hours: 1, rateFen: 8_000 }] })).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 422, code: 'unknown-vocabulary', issues: [{ path: 'jobs.0.labour.0.operationCode', value: 'NEV-OP-EPS-R', suggestion: 'NEV-OP-EPS-RR' }] });
  });
});

describe('labour rounds half up to the fen, once per line', () => {
  it('pays 0.3 h × 33.33 = 9.999 as 10.00', async () => {
    const { job } = await decideJob(steering({ labour: [{ operationCode: 'NEV-OP-DIAG', hours: 0.3, rateFen: 3_333 }] }));
    expect(lineOf(job, 'J1/labour/1')).toMatchObject({ claimedFen: 1_000, approvedFen: 1_000 });
  });

  it('pays 0.5 h × 33.33 = 16.665 as 16.67', async () => {
    const { job } = await decideJob(steering({ labour: [{ operationCode: 'NEV-OP-DIAG', hours: 0.5, rateFen: 3_333 }] }));
    expect(lineOf(job, 'J1/labour/1')).toMatchObject({ claimedFen: 1_667, approvedFen: 1_667 });
  });

  it('pays 0.125 h × 80.00 as exactly 10.00, without rounding the hours first', async () => {
    const { job } = await decideJob(steering({ labour: [{ operationCode: 'NEV-OP-DIAG', hours: 0.125, rateFen: 8_000 }] }));
    expect(lineOf(job, 'J1/labour/1')).toMatchObject({ claimedFen: 1_000, approvedFen: 1_000, status: 'approved' });
  });

  it('rounds an e-bike labour cut once: 1 h × 29.99 claimed, 0.3 h × 29.99 = 8.997 paid as 9.00', async () => {
    const ebike = buildEbikeUnit({ saleDate: '2025-01-10' });
    const battery = buildEbikeJob({ component: 'li-ion-battery', failureMode: 'no-charge', causalPart: { partNumber: 'EB-BAT-4820', quantity: 1, unitPriceFen: 129_900 }, labour: [{ operationCode: 'EB-OP-BAT-RR', hours: 1, rateFen: 2_999 }] });
    const job = jobOf(await decide({ unit: ebike, claim: buildEbikeClaim({ jobs: [battery] }), today: '2025-03-05' }));
    const line = lineOf(job, 'J1/labour/1');
    expect(line).toMatchObject({ claimedFen: 2_999, approvedFen: 900 });
    expect(adjustmentsOf(line)).toEqual([['ELH', 2_099]]);
  });
});

describe('auxiliary materials: at most 5 % of the approved parts', () => {
  it('cuts 4,000.00 of auxiliary materials on a 68,000.00 battery to 3,400.00: WA-AUX-CAP', async () => {
    const { job } = await decideJob(buildJob({ auxiliaryFen: 400_000 }));
    const line = lineOf(job, 'J1/auxiliary');
    expect(line).toMatchObject({ claimedFen: 400_000, approvedFen: 340_000 });
    expect(adjustmentsOf(line)).toEqual([['WA-AUX-CAP', 60_000]]);
  });

  it('pays exactly 5 % in full', async () => {
    const { job } = await decideJob(buildJob({ auxiliaryFen: 340_000 }));
    expect(lineOf(job, 'J1/auxiliary')).toMatchObject({ approvedFen: 340_000, status: 'approved' });
  });

  it('takes the cap from the approved parts, after the EPC cut', async () => {
    const { job } = await decideJob(buildJob({ causalPart: { partNumber: 'NEV-BAT-001', quantity: 1, unitPriceFen: 7_000_000 }, auxiliaryFen: 350_000 }));
    expect(lineOf(job, 'J1/auxiliary')).toMatchObject({ approvedFen: 340_000 });
  });

  it('includes consequential parts in the base: 5 % of 68,000.00 + 1,450.00', async () => {
    const { job } = await decideJob(buildJob({ consequentialParts: [{ partNumber: 'NEV-HVH-001', quantity: 1, unitPriceFen: 145_000 }], auxiliaryFen: 400_000 }));
    expect(lineOf(job, 'J1/auxiliary').approvedFen).toBe(347_250);
  });

  it('rounds the cap half up: 5 % of 259.90 is 12.995, paid 13.00', async () => {
    const lamp = buildJob({ component: 'cab-lamp', failureMode: 'open-circuit', causalPart: { partNumber: 'NEV-LAMP-001', quantity: 1, unitPriceFen: 25_990 }, auxiliaryFen: 2_000 });
    const { job } = await decideLampJob(lamp);
    expect(lineOf(job, 'J1/auxiliary')).toMatchObject({ approvedFen: 1_300 });
    expect(adjustmentsOf(lineOf(job, 'J1/auxiliary'))).toEqual([['WA-AUX-CAP', 700]]);
  });
});

describe('travel: a fixed allowance per distance band', () => {
  const bands = [
    { km: 0, paid: 10_000 },
    { km: 50, paid: 10_000 },
    { km: 51, paid: 20_000 },
    { km: 100, paid: 20_000 },
    { km: 101, paid: 50_000 },
    { km: 300, paid: 50_000 },
  ];
  for (const { km, paid } of bands) {
    it(`pays 600.00 claimed for ${km} km as the band's ${(paid / 100).toFixed(2)}: WA-TRAVEL on the rest`, async () => {
      const { job } = await decideJob(steering({ travel: { km, amountFen: 60_000 } }));
      const line = lineOf(job, 'J1/travel');
      expect(line).toMatchObject({ claimedFen: 60_000, approvedFen: paid, status: 'adjusted' });
      expect(adjustmentsOf(line)).toEqual([['WA-TRAVEL', 60_000 - paid]]);
      expect(job.status).toBe('covered');
    });
  }

  it('pays travel claimed below the band allowance as claimed', async () => {
    const { job } = await decideJob(steering({ travel: { km: 80, amountFen: 15_000 } }));
    expect(lineOf(job, 'J1/travel')).toMatchObject({ approvedFen: 15_000, status: 'approved' });
  });

  it('pends travel of 301 km, beyond the last band, for a person; the part line stays approved', async () => {
    const { decision, job } = await decideJob(steering({ travel: { km: 301, amountFen: 60_000 } }));
    expect(lineOf(job, 'J1/travel')).toMatchObject({ status: 'pended', approvedFen: 0 });
    expect(lineOf(job, 'J1/causal')).toMatchObject({ status: 'approved', approvedFen: 340_000 });
    expect(job.reasons.map((r) => [r.code, r.lineId])).toEqual([['WA-TRAVEL-BEYOND', 'J1/travel']]);
    expect(decision.status).toBe('pended');
    expect(decision.totals).toMatchObject({ approvedFen: 340_000, pendingFen: 60_000 });
  });

  it('pends any e-bike travel: the e-bike policy has no travel bands', async () => {
    const ebike = buildEbikeUnit({ saleDate: '2025-01-10' });
    const job = jobOf(await decide({ unit: ebike, claim: buildEbikeClaim({ jobs: [buildEbikeJob({ travel: { km: 5, amountFen: 2_000 } })] }), today: '2025-03-05' }));
    expect(lineOf(job, 'J1/travel').status).toBe('pended');
    expect(codesOf(job)).toEqual(['WA-TRAVEL-BEYOND']);
  });
});

describe('totals: claimed, approved, deducted, pending, held and per liable party', () => {
  it('adds up a partial claim line by line: a cut battery job, a clean steering job and an expired cab lamp', async () => {
    const decision = await decide({
      unit, today,
      claim: buildClaim({
        ...dates,
        jobs: [
          buildJob({
            jobId: 'J1',
            causalPart: { partNumber: 'NEV-BAT-001', quantity: 1, unitPriceFen: 7_000_000 },
            labour: [{ operationCode: 'NEV-OP-BAT-RR', hours: 8, rateFen: 8_000 }],
            auxiliaryFen: 400_000,
            travel: { km: 80, amountFen: 30_000 },
          }),
          steering({ jobId: 'J2', labour: [{ operationCode: 'NEV-OP-EPS-RR', hours: 1.5, rateFen: 8_000 }] }),
          buildJob({ jobId: 'J3', component: 'cab-lamp', failureMode: 'open-circuit', causalPart: { partNumber: 'NEV-LAMP-001', quantity: 1, unitPriceFen: 26_000 } }),
        ],
      }),
    });
    expect(decision.status).toBe('partial');
    expect(decision.reasons.map((r) => r.code)).toEqual(['PWA']);
    expect(codesOf(jobOf(decision, 'J1'))).toEqual(['EPC', 'ELH', 'WA-AUX-CAP', 'WA-TRAVEL']);
    expect(codesOf(jobOf(decision, 'J3'))).toEqual(['EW']);
    expect(decision.totals).toEqual({
      claimedFen: 7_494_000 + 352_000 + 26_000,
      approvedFen: 7_208_000 + 352_000,
      deductedFen: 286_000 + 26_000,
      pendingFen: 0,
      heldFen: 6_800_000 + 340_000,
      byParty: [
        { type: 'supplier', id: 'SUP-BATT-01', approvedFen: 7_208_000 },
        { type: 'supplier', id: 'SUP-EPS-01', approvedFen: 352_000 },
      ],
    });
  });

  it('keeps claimed = approved + deducted + pending on every claim', async () => {
    const decision = await decide({
      unit, today,
      claim: buildClaim({ ...dates, jobs: [steering({ labour: [{ operationCode: 'NEV-OP-EPS-RR', hours: 1, rateFen: 8_000 }], auxiliaryFen: 50_000, travel: { km: 400, amountFen: 12_000 } })] }),
    });
    const { claimedFen, approvedFen, deductedFen, pendingFen } = decision.totals;
    expect(claimedFen).toBe(340_000 + 8_000 + 50_000 + 12_000);
    expect(approvedFen + deductedFen + pendingFen).toBe(claimedFen);
    // Travel beyond the farthest band waits for a person.
    expect(pendingFen).toBe(12_000);
  });

  it('holds the approved amount of a part that must come back until it is inspected', async () => {
    const { decision, job } = await decideJob(steering({ labour: [{ operationCode: 'NEV-OP-EPS-RR', hours: 1.5, rateFen: 8_000 }] }));
    expect(lineOf(job, 'J1/causal')).toMatchObject({ hold: 'part-return', holdDeadline: '2025-07-05' });
    expect(lineOf(job, 'J1/labour/1').hold).toBeUndefined();
    expect(decision.totals.heldFen).toBe(340_000);
  });
});
