import { describe, expect, it } from 'vitest';
import { buildClaim, buildEbikeClaim, buildEbikeJob, buildEbikeUnit, buildJob, buildNevUnit, type ClaimOverrides, type JobInput } from '../../support/builders.js';
import { codesOf, decide, jobOf } from '../../support/decide.js';

// SPEC §4: an exclusion denies the line whatever the term says, the customer is liable, and every
// reason is reported. All NEV claims here are well inside their terms (sale 2021-03-15, failure 2021-09-01).

const nevUnit = buildNevUnit({ saleDate: '2021-03-15' });
const inTerm = { odometerKm: 40_000, failureDate: '2021-09-01', repairDate: '2021-09-02' };
const today = '2021-09-05';

const motor = (overrides: Partial<JobInput> = {}) =>
  buildJob({ component: 'drive-motor', failureMode: 'overheating', cause: 'defect-material', causalPart: { partNumber: 'NEV-MOT-001', quantity: 1, unitPriceFen: 1_850_000 }, ...overrides });

interface ExclusionRow {
  exclusion: string;
  what: string;
  claim: ClaimOverrides;
  codes: string[];
  /** Wear parts have no term at all; every other line here is inside its term. */
  noTerm?: true;
}

const nevExclusions: ExclusionRow[] = [
  { exclusion: 'misuse', what: 'a drive motor overheated by misuse', claim: { jobs: [motor({ cause: 'misuse' })] }, codes: ['DI'] },
  { exclusion: 'modification', what: 'a drive motor after a customer modification', claim: { jobs: [motor({ cause: 'modification' })] }, codes: ['VM'] },
  { exclusion: 'modification', what: 'a drive motor whose fault state was not preserved, although the cause is a defect', claim: { evidence: { faultStatePreserved: false }, jobs: [motor()] }, codes: ['VM'] },
  { exclusion: 'accident', what: 'a drive motor damaged in an accident', claim: { jobs: [motor({ cause: 'accident' })] }, codes: ['CDR'] },
  { exclusion: 'accident', what: 'a crane boom bent by an external impact', claim: { jobs: [buildJob({ component: 'crane-boom', failureMode: 'deformation', cause: 'external-impact', causalPart: { partNumber: 'NEV-BOOM-001', quantity: 1, unitPriceFen: 1_200_000 } })] }, codes: ['CDR'] },
  { exclusion: 'human-damage', what: 'a crane boom damaged by people', claim: { jobs: [buildJob({ component: 'crane-boom', failureMode: 'crack', cause: 'human-damage', causalPart: { partNumber: 'NEV-BOOM-001', quantity: 1, unitPriceFen: 1_200_000 } })] }, codes: ['CDR'] },
  { exclusion: 'human-damage', what: 'a scratch, whatever cause is claimed', claim: { jobs: [buildJob({ component: 'crane-boom', failureMode: 'scratch', cause: 'defect-manufacturing', causalPart: { partNumber: 'NEV-BOOM-001', quantity: 1, unitPriceFen: 1_200_000 } })] }, codes: ['CDR'] },
  { exclusion: 'force-majeure', what: 'a battery flooded in a natural disaster', claim: { jobs: [buildJob({ cause: 'natural-disaster' })] }, codes: ['CDR'] },
  { exclusion: 'wear-part', what: 'brake pads, a wear part', claim: { jobs: [buildJob({ component: 'brake-pad', failureMode: 'wear', cause: 'defect-material', causalPart: { partNumber: 'NEV-PAD-001', quantity: 1, unitPriceFen: 42_000 } })] }, codes: ['NEW'], noTerm: true },
  { exclusion: 'wear-part', what: 'a drive motor worn out (cause wear)', claim: { jobs: [motor({ cause: 'wear' })] }, codes: ['NEW'] },
  { exclusion: 'unauthorised-repair', what: 'a drive motor repaired by the customer without prior consent', claim: { evidence: { priorConsent: false }, jobs: [motor({ selfRepaired: true })] }, codes: ['URF'] },
  { exclusion: 'not-genuine', what: 'a battery that is not in the catalogue as a genuine part', claim: { jobs: [buildJob({ causalPart: { partNumber: 'AFTERMARKET-BAT-9', quantity: 1, unitPriceFen: 5_000_000 } })] }, codes: ['NOP'] },
];

describe('NEV exclusions (SPEC §4): denied inside the term, customer liable', () => {
  for (const row of nevExclusions) {
    it(`denies ${row.what}: ${row.codes.join(' + ')} (${row.exclusion})`, async () => {
      const decision = await decide({ unit: nevUnit, claim: buildClaim({ ...inTerm, ...row.claim }), today });
      const job = jobOf(decision);
      expect(decision.status).toBe('denied');
      expect(job.covered).toBe(false);
      expect(job.status).toBe('denied');
      expect(codesOf(job)).toEqual(row.codes);
      expect(job.liableParty).toEqual({ type: 'customer' });
      if (row.noTerm) expect(job.coverage).toBeNull();
      else expect(job.coverage?.withinTerm).toBe(true);
      expect(job.lines.every((l) => l.status === 'denied' && l.approvedFen === 0)).toBe(true);
      expect(decision.totals.approvedFen).toBe(0);
      expect(decision.totals.byParty).toEqual([]);
    });
  }

  it('covers a self-repair made with prior consent: no URF', async () => {
    const decision = await decide({ unit: nevUnit, claim: buildClaim({ ...inTerm, evidence: { priorConsent: true }, jobs: [motor({ selfRepaired: true })] }), today });
    expect(jobOf(decision).covered).toBe(true);
  });

  it('shows what the customer may be charged for an excluded part: catalogue + 20 %', async () => {
    const job = jobOf(await decide({ unit: nevUnit, claim: buildClaim({ ...inTerm, jobs: [motor({ cause: 'accident' })] }), today }));
    expect(job.customerPay).toEqual({ maxPartsFen: 2_220_000, claimedPartsFen: 1_850_000, overcharged: false });
  });

  it('flags an excluded part charged one fen above catalogue + 20 %', async () => {
    const job = jobOf(await decide({
      unit: nevUnit, today,
      claim: buildClaim({ ...inTerm, jobs: [motor({ cause: 'accident', causalPart: { partNumber: 'NEV-MOT-001', quantity: 1, unitPriceFen: 2_220_001 } })] }),
    }));
    expect(codesOf(job)).toEqual(['CDR', 'WA-CUSTOMER-OVERCHARGE']);
    expect(job.customerPay?.overcharged).toBe(true);
  });
});

describe('several reasons on one line are all reported (SPEC §4)', () => {
  it('reports DI, VM and URF together for misuse, a lost fault state and an unauthorised self-repair', async () => {
    const decision = await decide({
      unit: nevUnit, today,
      claim: buildClaim({ ...inTerm, evidence: { faultStatePreserved: false, priorConsent: false }, jobs: [motor({ cause: 'misuse', selfRepaired: true })] }),
    });
    const job = jobOf(decision);
    expect([...codesOf(job)].sort()).toEqual(['DI', 'URF', 'VM']);
    expect(job.liableParty).toEqual({ type: 'customer' });
  });

  it('reports both DI and EW for misuse on a cab lamp after its 12 months', async () => {
    const lamp = buildJob({ component: 'cab-lamp', failureMode: 'open-circuit', cause: 'misuse', causalPart: { partNumber: 'NEV-LAMP-001', quantity: 1, unitPriceFen: 26_000 } });
    const job = jobOf(await decide({ unit: nevUnit, claim: buildClaim({ odometerKm: 60_000, failureDate: '2022-06-01', repairDate: '2022-06-02', jobs: [lamp] }), today: '2022-06-05' }));
    expect([...codesOf(job)].sort()).toEqual(['DI', 'EW']);
    expect(job.liableParty).toEqual({ type: 'customer' });
  });

  it('reports CDR and VM for accident damage on a battery whose fault state was not preserved', async () => {
    const job = jobOf(await decide({ unit: nevUnit, claim: buildClaim({ ...inTerm, evidence: { faultStatePreserved: false }, jobs: [buildJob({ cause: 'accident' })] }), today }));
    expect([...codesOf(job)].sort()).toEqual(['CDR', 'VM']);
  });
});

describe('e-bike exclusions (SPEC §4): warranty card, self-patched tube', () => {
  const unit = buildEbikeUnit({ saleDate: '2025-01-10' });
  const dates = { failureDate: '2025-01-20', repairDate: '2025-01-20' };

  it('denies a claim without the warranty card: NWR, customer liable', async () => {
    const decision = await decide({ unit, claim: buildEbikeClaim({ ...dates, evidence: { warrantyCardNumber: null } }), today: '2025-01-22' });
    const job = jobOf(decision);
    expect(decision.status).toBe('denied');
    expect(codesOf(job)).toEqual(['NWR']);
    expect(job.liableParty).toEqual({ type: 'customer' });
  });

  it('denies a claim whose warranty card is not this unit\'s: NWR', async () => {
    const job = jobOf(await decide({ unit, claim: buildEbikeClaim({ ...dates, evidence: { warrantyCardNumber: 'WC-SOMEONE-ELSE' } }), today: '2025-01-22' }));
    expect(codesOf(job)).toEqual(['NWR']);
    expect(job.liableParty).toEqual({ type: 'customer' });
  });

  it('denies a self-patched inner tube inside its 15 days: CDR', async () => {
    const tube = buildEbikeJob({ component: 'inner-tube', failureMode: 'pinhole', cause: 'defect-material', selfRepaired: true, causalPart: { partNumber: 'EB-TUBE-16', quantity: 1, unitPriceFen: 2_500 } });
    const job = jobOf(await decide({ unit, claim: buildEbikeClaim({ ...dates, jobs: [tube] }), today: '2025-01-22' }));
    expect(codesOf(job)).toEqual(['CDR']);
    expect(job.liableParty).toEqual({ type: 'customer' });
  });

  it('denies e-bike brake pads as wear parts: NEW', async () => {
    const pads = buildEbikeJob({ component: 'brake-pad', failureMode: 'wear', cause: 'defect-material', causalPart: { partNumber: 'EB-PAD-01', quantity: 1, unitPriceFen: 1_500 } });
    const job = jobOf(await decide({ unit, claim: buildEbikeClaim({ ...dates, jobs: [pads] }), today: '2025-01-22' }));
    expect(codesOf(job)).toEqual(['NEW']);
    expect(job.liableParty).toEqual({ type: 'customer' });
  });

  it('denies a frame weld broken by an external impact: replaced at the customer\'s cost (CDR)', async () => {
    const frame = buildEbikeJob({ component: 'frame', failureMode: 'weld-fracture', cause: 'external-impact', causalPart: { partNumber: 'EB-FRAME-01', quantity: 1, unitPriceFen: 42_000 } });
    const job = jobOf(await decide({ unit, claim: buildEbikeClaim({ ...dates, jobs: [frame] }), today: '2025-01-22' }));
    expect(codesOf(job)).toEqual(['CDR']);
    expect(job.customerPay).toEqual({ maxPartsFen: 50_400, claimedPartsFen: 42_000, overcharged: false });
  });
});
