import { describe, expect, it } from 'vitest';
import { buildClaim, buildJob, buildNevUnit, type JobInput } from '../../support/builders.js';
import { codesOf, decide, jobOf, lineOf } from '../../support/decide.js';

// SPEC §5: the causal part decides coverage; consequential parts follow it and go to its liable party.
const unit = buildNevUnit({ saleDate: '2021-03-15' });
const harness = { partNumber: 'NEV-HVH-001', quantity: 1, unitPriceFen: 145_000 };
const fourYearsOn = { odometerKm: 160_000, failureDate: '2025-03-20', repairDate: '2025-03-21' };
const today = '2025-03-25';

const part = (component: string, failureMode: string, partNumber: string, unitPriceFen: number, overrides: Partial<JobInput> = {}) =>
  buildJob({ component, failureMode, cause: 'defect-manufacturing', causalPart: { partNumber, quantity: 1, unitPriceFen }, ...overrides });

describe('consequential parts follow their causal part', () => {
  it('covers an HV harness burnt by a covered battery after the harness\'s own 12 months, charged to SUP-BATT-01', async () => {
    const decision = await decide({ unit, claim: buildClaim({ ...fourYearsOn, jobs: [buildJob({ consequentialParts: [harness] })] }), today });
    const job = jobOf(decision);
    expect(job.covered).toBe(true);
    expect(job.coverage).toMatchObject({ term: 'core-three-electric', lastCoveredDay: '2026-03-14' });
    expect(job.liableParty).toEqual({ type: 'supplier', id: 'SUP-BATT-01' });
    expect(lineOf(job, 'J1/consequential/1')).toMatchObject({ role: 'consequential', component: 'hv-harness', status: 'approved', approvedFen: 145_000 });
    expect(decision.totals.byParty).toEqual([{ type: 'supplier', id: 'SUP-BATT-01', approvedFen: 6_945_000 }]);
  });

  it('denies the consequential harness with its causal battery when the battery is excluded', async () => {
    const decision = await decide({ unit, claim: buildClaim({ ...fourYearsOn, jobs: [buildJob({ cause: 'accident', consequentialParts: [harness] })] }), today });
    const job = jobOf(decision);
    expect(codesOf(job)).toEqual(['CDR']);
    expect(job.liableParty).toEqual({ type: 'customer' });
    expect(lineOf(job, 'J1/consequential/1')).toMatchObject({ status: 'denied', approvedFen: 0 });
    expect(job.customerPay).toEqual({ maxPartsFen: 8_160_000 + 174_000, claimedPartsFen: 6_945_000, overcharged: false });
  });

  it('denies the consequential harness with its causal battery after the battery\'s term: EW', async () => {
    const decision = await decide({ unit, claim: buildClaim({ odometerKm: 190_000, failureDate: '2026-04-01', repairDate: '2026-04-02', jobs: [buildJob({ consequentialParts: [harness] })] }), today: '2026-04-05' });
    const job = jobOf(decision);
    expect(codesOf(job)).toEqual(['EW']);
    expect(job.lines.map((l) => l.status)).toEqual(['denied', 'denied']);
  });

  it('pends a brake pad "damaged by" a battery, a consequential part the policy does not allow: WC on that line', async () => {
    const pads = { partNumber: 'NEV-PAD-001', quantity: 2, unitPriceFen: 42_000 };
    const decision = await decide({ unit, claim: buildClaim({ ...fourYearsOn, jobs: [buildJob({ consequentialParts: [harness, pads] })] }), today });
    const job = jobOf(decision);
    expect(lineOf(job, 'J1/consequential/2')).toMatchObject({ status: 'pended', approvedFen: 0, proposedFen: 84_000 });
    expect(lineOf(job, 'J1/consequential/1')).toMatchObject({ status: 'approved', approvedFen: 145_000 });
    expect(lineOf(job, 'J1/causal')).toMatchObject({ status: 'approved', approvedFen: 6_800_000 });
    expect(job.reasons.map((r) => [r.code, r.lineId])).toEqual([['WC', 'J1/consequential/2']]);
    expect(job.status).toBe('pended');
    expect(decision.status).toBe('pended');
    expect(decision.totals).toMatchObject({ approvedFen: 6_945_000, pendingFen: 84_000 });
  });

  it('holds a consequential part that must be returned (a DC charging unit of a battery) like its causal part', async () => {
    const dcdc = { partNumber: 'NEV-DCDC-001', quantity: 1, unitPriceFen: 190_000 };
    const job = jobOf(await decide({ unit, claim: buildClaim({ ...fourYearsOn, jobs: [buildJob({ consequentialParts: [dcdc, harness] })] }), today }));
    expect(lineOf(job, 'J1/consequential/1').hold).toBe('part-return');
    expect(lineOf(job, 'J1/consequential/2').hold).toBeUndefined();
  });
});

describe('the liable party of a covered line comes from the part catalogue', () => {
  const young = buildNevUnit({ saleDate: '2024-06-01' });
  const dates = { odometerKm: 20_000, failureDate: '2025-05-01', repairDate: '2025-05-02' };
  const cases: Array<[string, JobInput, { type: string; id?: string }]> = [
    ['a battery to its supplier SUP-BATT-01', buildJob(), { type: 'supplier', id: 'SUP-BATT-01' }],
    ['a motor controller to its supplier SUP-MOTOR-01', part('motor-controller', 'malfunction', 'NEV-MCU-001', 620_000), { type: 'supplier', id: 'SUP-MOTOR-01' }],
    ['a cab lamp to the chassis maker CHS-01', part('cab-lamp', 'open-circuit', 'NEV-LAMP-001', 26_000), { type: 'chassis-maker', id: 'CHS-01' }],
    ['a crane boom to the manufacturer', part('crane-boom', 'crack', 'NEV-BOOM-001', 1_200_000), { type: 'manufacturer' }],
  ];
  for (const [what, job, liable] of cases) {
    it(`charges ${what}`, async () => {
      const decision = await decide({ unit: young, claim: buildClaim({ ...dates, jobs: [job] }), today: '2025-05-05' });
      expect(jobOf(decision).covered).toBe(true);
      expect(jobOf(decision).liableParty).toEqual(liable);
      expect(decision.totals.byParty.map(({ type, id }) => (id ? { type, id } : { type }))).toEqual([liable]);
    });
  }

  it('pends a job whose causal part belongs to another component: WC', async () => {
    const job = jobOf(await decide({ unit: young, claim: buildClaim({ ...dates, jobs: [buildJob({ causalPart: { partNumber: 'NEV-MOT-001', quantity: 1, unitPriceFen: 1_850_000 } })] }), today: '2025-05-05' }));
    expect(job.status).toBe('pended');
    expect(codesOf(job)).toEqual(['WC']);
  });
});
