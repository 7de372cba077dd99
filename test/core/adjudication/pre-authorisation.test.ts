import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRuleBook, type RuleBook } from '../../../src/rules/rule-book.js';
import { buildJobFacts } from '../../../src/adjudication/job-facts.js';
import { jobPreAuthorisationNumber } from '../../../src/preauthorisations/job-preauthorisation-number.js';
import type { PreAuthorisation } from '../../../src/preauthorisations/preauthorisation-schema.js';
import type { Claim } from '../../../src/claims/claim-schema.js';
import { buildClaim, buildJob, buildNevUnit } from '../../support/builders.js';
import { codesOf, decide, jobOf } from '../../support/decide.js';
import { copyShippedRuleBook, shippedRuleBook, type RuleBookCopy } from '../../support/rule-book.js';

// Issue 5 item 4: a job whose claimed parts exceed the policy's preAuthorisation.thresholdFen
// (NEV 20,000.00) needs a valid pre-authorisation; without one, or above its amount, it is pended AC.
// The rule cases (rules/<line>/cases/pre-authorisation.json) cover the rule itself; these tests pin
// the facts it reads and the edges the cases do not show.
const unit = buildNevUnit({ saleDate: '2021-03-15' });
const today = '2025-06-05';

function issued(overrides: Partial<PreAuthorisation> = {}): PreAuthorisation {
  return {
    number: 'MFR-BAT-1', unitId: unit.unitId, component: 'traction-battery', amountLimitFen: 7_000_000,
    validFrom: '2025-06-01', validTo: '2025-06-30', issuedBy: 'key 2 (auditor)', issuedAt: '2025-05-30T02:00:00.000Z', note: null, ...overrides,
  };
}

const lampJob = buildJob({ jobId: 'J2', component: 'cab-lamp', failureMode: 'open-circuit', causalPart: { partNumber: 'NEV-LAMP-001', quantity: 1, unitPriceFen: 26_000 } });

async function factsOf(claim: Claim, jobId: string, preAuthorisations: PreAuthorisation[], ruleBook?: RuleBook) {
  const book = ruleBook ?? (await shippedRuleBook());
  const job = claim.jobs.find((j) => j.jobId === jobId)!;
  const coveragePolicy = book.policyForCoverage(unit.productLine, unit.saleDate)!;
  const moneyPolicy = book.policyAt(unit.productLine, claim.repairDate)!;
  return buildJobFacts({ claim, job, unit, history: [], coveragePolicy, moneyPolicy, receivedDate: today, preAuthorisations });
}

describe('the facts the pre-authorisation rule reads', () => {
  it('partsClaimedFen adds the causal and consequential parts of the job, price × quantity, as claimed', async () => {
    const claim = buildClaim({ jobs: [buildJob({ causalPart: { partNumber: 'NEV-BAT-001', quantity: 1, unitPriceFen: 6_900_000 }, consequentialParts: [{ partNumber: 'NEV-HVH-001', quantity: 2, unitPriceFen: 145_000 }] })] });
    expect((await factsOf(claim, 'J1', [])).partsClaimedFen).toBe(6_900_000 + 2 * 145_000);
  });

  it('policy.preAuthorisationThresholdFen is the repair-date policy\'s threshold', async () => {
    expect((await factsOf(buildClaim(), 'J1', [])).policy).toMatchObject({ preAuthorisationThresholdFen: 2_000_000 });
  });

  it('preAuthorisation is null when neither the job nor the claim names one', async () => {
    expect((await factsOf(buildClaim(), 'J1', [issued()])).preAuthorisation).toBeNull();
  });

  it('preAuthorisation says what the number refers to, checked against the unit, component and repair date', async () => {
    const claim = buildClaim({ jobs: [buildJob({ preAuthorisationNumber: 'MFR-BAT-1' })] });
    expect((await factsOf(claim, 'J1', [issued()])).preAuthorisation).toMatchObject({
      number: 'MFR-BAT-1', found: true, unitMatches: true, componentMatches: true, validOnRepairDate: true, valid: true, amountLimitFen: 7_000_000,
    });
    expect((await factsOf(claim, 'J1', [issued({ unitId: 'NEV-0043' })])).preAuthorisation).toMatchObject({ found: true, unitMatches: false, valid: false });
    expect((await factsOf(claim, 'J1', [])).preAuthorisation).toMatchObject({ number: 'MFR-BAT-1', found: false, valid: false, amountLimitFen: null });
  });

  it('the claim\'s number stands for the jobs of the component it was issued for, not for the claim\'s other jobs', async () => {
    const claim = buildClaim({ preAuthorisationNumber: 'MFR-BAT-1', jobs: [buildJob(), lampJob] });
    expect((await factsOf(claim, 'J1', [issued()])).preAuthorisation).toMatchObject({ number: 'MFR-BAT-1', valid: true });
    expect((await factsOf(claim, 'J2', [issued()])).preAuthorisation).toBeNull();
  });

  it('a claim-level number nobody issued is reported as unknown on every job', async () => {
    const claim = buildClaim({ preAuthorisationNumber: 'MFR-NONE', jobs: [buildJob(), lampJob] });
    for (const jobId of ['J1', 'J2']) expect((await factsOf(claim, jobId, [])).preAuthorisation).toMatchObject({ number: 'MFR-NONE', found: false, valid: false });
  });
});

describe('jobPreAuthorisationNumber', () => {
  const battery = { component: 'traction-battery' };
  it('takes the job\'s own number over the claim\'s', () => {
    expect(jobPreAuthorisationNumber({ preAuthorisationNumber: 'MFR-BAT-1' }, { ...battery, preAuthorisationNumber: 'MFR-BAT-2' }, [issued()])).toBe('MFR-BAT-2');
  });
  it('takes the claim\'s for a job of its component, none for a job of another', () => {
    expect(jobPreAuthorisationNumber({ preAuthorisationNumber: 'MFR-BAT-1' }, battery, [issued()])).toBe('MFR-BAT-1');
    expect(jobPreAuthorisationNumber({ preAuthorisationNumber: 'MFR-BAT-1' }, { component: 'drive-motor' }, [issued()])).toBeUndefined();
    expect(jobPreAuthorisationNumber({}, battery, [issued()])).toBeUndefined();
  });
});

describe('a battery repair of 68,000.00 (NEV threshold 20,000.00)', () => {
  const claimWith = (number: string | undefined, overrides: Parameters<typeof buildClaim>[0] = {}) =>
    buildClaim({ jobs: [buildJob(number === undefined ? {} : { preAuthorisationNumber: number })], ...overrides });

  it('is covered with a pre-authorisation valid from the repair date, and with one valid until it (both days count)', async () => {
    for (const validity of [{ validFrom: '2025-06-02', validTo: '2025-06-30' }, { validFrom: '2025-05-01', validTo: '2025-06-02' }]) {
      const job = jobOf(await decide({ unit, today, claim: claimWith('MFR-BAT-1'), preAuthorisations: [issued(validity)] }));
      expect(job.status, JSON.stringify(validity)).toBe('covered');
      expect(codesOf(job)).toEqual([]);
    }
  });

  it('is pended AC when the pre-authorisation ended the day before the repair or starts the day after', async () => {
    for (const validity of [{ validFrom: '2025-05-01', validTo: '2025-06-01' }, { validFrom: '2025-06-03', validTo: '2025-06-30' }]) {
      const decision = await decide({ unit, today, claim: claimWith('MFR-BAT-1'), preAuthorisations: [issued(validity)] });
      expect(decision.status, JSON.stringify(validity)).toBe('pended');
      expect(codesOf(jobOf(decision))).toEqual(['AC']);
      expect(decision.totals.approvedFen).toBe(0);
    }
  });

  it('is covered at exactly its pre-authorised amount and pended AC one fen above it', async () => {
    expect(jobOf(await decide({ unit, today, claim: claimWith('MFR-BAT-1'), preAuthorisations: [issued({ amountLimitFen: 6_800_000 })] })).status).toBe('covered');
    const above = jobOf(await decide({ unit, today, claim: claimWith('MFR-BAT-1'), preAuthorisations: [issued({ amountLimitFen: 6_799_999 })] }));
    expect(above.status).toBe('pended');
    expect(codesOf(above)).toEqual(['AC']);
  });

  it('is pended AC when the claim\'s only number was issued for another component', async () => {
    const decision = await decide({ unit, today, claim: claimWith(undefined, { preAuthorisationNumber: 'MFR-MOT-1' }), preAuthorisations: [issued({ number: 'MFR-MOT-1', component: 'drive-motor' })] });
    expect(codesOf(jobOf(decision))).toEqual(['AC']);
  });

  it('is covered when its own valid number overrides a claim-level number for another unit', async () => {
    const claim = claimWith('MFR-BAT-1', { preAuthorisationNumber: 'MFR-OTHER' });
    const decision = await decide({ unit, today, claim, preAuthorisations: [issued(), issued({ number: 'MFR-OTHER', unitId: 'NEV-0043' })] });
    expect(decision.status).toBe('approved');
  });

  it('out of its term and without a pre-authorisation is denied EW, not pended; AC is listed too, for an appeal', async () => {
    const decision = await decide({ unit, today: '2026-03-20', claim: claimWith(undefined, { failureDate: '2026-03-15', repairDate: '2026-03-16' }), preAuthorisations: [] });
    expect(decision.status).toBe('denied');
    expect(codesOf(jobOf(decision))).toEqual(['EW', 'AC']);
  });
});

describe('a policy without a preAuthorisation block', () => {
  let copy: RuleBookCopy;
  beforeAll(async () => {
    copy = await copyShippedRuleBook();
    await copy.edit('policies/nev-special-vehicle/2021-01-01.json', '"preAuthorisation": { "thresholdFen": 2000000 },', '');
  });
  afterAll(() => copy.remove());

  for (const evaluator of ['compiled', 'json-rules-engine'] as const) {
    it(`needs no pre-authorisation for any amount (${evaluator})`, async () => {
      const ruleBook = await loadRuleBook(copy.rulesDir, copy.policiesDir, { evaluator });
      expect((await factsOf(buildClaim(), 'J1', [], ruleBook)).policy).toMatchObject({ preAuthorisationThresholdFen: null });
      for (const claim of [buildClaim(), buildClaim({ preAuthorisationNumber: 'MFR-NONE' }), buildClaim({ jobs: [buildJob({ causalPart: { partNumber: 'NEV-BAT-001', quantity: 3, unitPriceFen: 6_800_000 } })] })]) {
        const decision = await decide({ unit, today, claim, ruleBook, preAuthorisations: [] });
        expect(decision.status, JSON.stringify(claim.jobs[0]?.causalPart)).toBe('approved');
        expect(codesOf(jobOf(decision))).toEqual([]);
      }
    });
  }
});
